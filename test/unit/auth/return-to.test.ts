/** O7 and X5 without an open redirect: after sign-in only a path of one of the app's own pages (issue 14). */
import { describe, expect, it } from 'vitest';
import { safeReturnTo } from '../../../src/auth/return-to.ts';

const ORIGIN = 'https://share.example.com';
const APP_PAGE = /^\/(?:|secrets|s\/[A-Za-z0-9_-]+|invitations|invitations\/new)(?:\?.*)?$/;

describe('X5 return after sign-in: safeReturnTo', () => {
  it.each([
    ['/', '/'],
    ['/secrets', '/secrets'],
    ['/s/abc', '/s/abc'],
    ['/s/Ab-_09', '/s/Ab-_09'],
    ['/s/abc?x=1&y=2', '/s/abc?x=1&y=2'],
    ['/s/abc#ignored', '/s/abc'],
    ['/s/abc?next=//evil.test', '/s/abc?next=//evil.test'],
    // Dot segments are resolved first; what is left is a real page on this origin.
    ['/s/x/../abc', '/s/abc'],
    ['/./secrets', '/secrets'],
    ['/s/%2e%2e/secrets', '/secrets'],
    // S4: a staff member signing in to invite comes back to the invitations.
    ['/invitations', '/invitations'],
    ['/invitations/new', '/invitations/new'],
  ])('keeps the app page %j as %j', (value, expected) => {
    expect(safeReturnTo(value, ORIGIN)).toBe(expected);
  });

  it.each([
    // Not a string, empty, too long, not a path.
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an array', ['/s/abc']],
    ['a guest invitation page, which needs no sign-in', '/i/abc'],
    ['an address under the invitations that is no page', '/invitations/abc'],
    ['empty', ''],
    ['relative', 's/abc'],
    ['overlong', `/s/${'a'.repeat(3000)}`],
    // Dot segments that normalise to a protocol-relative URL (the reported bug).
    ['dot-dot then //', '/..//evil.test'],
    ['dot then slash-backslash', '/./\\/evil'],
    ['dot-dot, three slashes', '/..///evil.test'],
    ['percent-encoded dot-dot then //', '/%2e%2e//evil.test'],
    ['half-encoded dot-dot then //', '/.%2E//evil.test'],
    ['page then dot-dots then //', '/s/abc/../..//evil.test'],
    ['secrets then dot-dots then //', '/secrets/../..//evil.test'],
    ['dot-dot to another path', '/../evil.test'],
    // Doubled slashes and backslashes.
    ['protocol-relative', '//evil.test'],
    ['protocol-relative with a page', '//evil.test/s/abc'],
    ['three slashes', '///evil.test'],
    ['slash backslash', '/\\evil.test'],
    ['slash backslash slash', '/\\/evil.test'],
    ['two backslashes', '\\\\evil.test'],
    ['backslash in a page', '/s\\abc'],
    ['user info', '//share.example.com@evil.test'],
    // Percent-encoded slashes and backslashes.
    ['%2f%2f', '/%2f%2fevil.test'],
    ['%2F%2F', '/%2F%2Fevil.test'],
    ['%2F%2F inside a page', '/s/%2F%2Fevil.test'],
    ['%5c', '/%5cevil.test'],
    ['%5C%5C', '/%5C%5Cevil.test'],
    ['/%5c/', '/%5c/evil.test'],
    ['%252f (double encoded)', '/%252f%252fevil.test'],
    ['encoded dot-dot and slashes', '/s/..%2f..%2f/evil.test'],
    // Tabs, spaces, CR and LF (URL parsing would drop or keep them silently).
    ['tab between slashes', '/\t/evil.test'],
    ['leading tab', '\t//evil.test'],
    ['leading space', ' /evil.test'],
    ['space between slashes', '/ /evil.test'],
    ['trailing space on a page', '/s/abc '],
    ['LF between slashes', '/\n/evil.test'],
    ['CR LF between slashes', '/\r\n/evil.test'],
    ['header injection', '/s/abc\r\nSet-Cookie: x=1'],
    ['NUL', '/s/abc\u0000'],
    ['DEL', '/s/abc\u007f'],
    // Schemes.
    ['javascript:', 'javascript:alert(1)'],
    ['JavaScript: mixed case', 'JaVaScRiPt:alert(1)'],
    ['javascript: behind a slash', '/javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['https:host', 'https:evil.test'],
    ['https:/host', 'https:/evil.test'],
    ['http:/host', 'http:/evil.test'],
    ['https:page on this scheme', 'https:s/abc'],
    ['https://host', 'https://evil.test'],
    ['http://host with a page', 'http://evil.test/s/abc'],
    ['this origin as a prefix of another host', 'https://share.example.com.evil.test/'],
    ['this origin, absolute', 'https://share.example.com/s/abc'],
    // Full-width and other Unicode slashes (IDNA folds some of them to '/' in a host).
    ['full-width slash U+FF0F', '/\uff0fevil.test'],
    ['division slash U+2215', '/\u2215evil.test'],
    ['fraction slash U+2044', '/\u2044evil.test'],
    ['full-width reverse solidus U+FF3C', '/\uff3cevil.test'],
    ['full-width dots and slash', '/\uff0e\uff0e\uff0f/evil.test'],
    ['full-width slash inside a page', '/s/abc\uff0f..\uff0f..\uff0f/evil.test'],
    // Paths of this origin that are not pages of the app.
    ['an API path', '/api/secrets'],
    ['the logout endpoint', '/auth/logout'],
    ['the demo provider', '/demo-idp/auth'],
    ['a page with a trailing slash', '/secrets/'],
    ['an empty id', '/s/'],
    ['a nested id', '/s/abc/def'],
  ])('refuses %s and falls back to /', (_label, value) => {
    expect(safeReturnTo(value, ORIGIN)).toBe('/');
  });

  it('resolves against the public origin it is given (http during development)', () => {
    expect(safeReturnTo('/s/abc', 'http://127.0.0.1:3000')).toBe('/s/abc');
    expect(safeReturnTo('http:s/abc', 'http://127.0.0.1:3000')).toBe('/');
    expect(safeReturnTo('/..//evil.test', 'http://127.0.0.1:3000')).toBe('/');
  });

  /** Every combination of up to four hostile pieces: the answer is always an app page on this origin. */
  it('never answers anything but an app page of this origin, for any mix of hostile pieces', () => {
    const pieces = [
      '/',
      '//',
      '\\',
      '.',
      '..',
      '%2e',
      '%2f',
      '%5c',
      '%2F%2F',
      '\t',
      ' ',
      '\r\n',
      '\uff0f',
      '\u2215',
      '\u2044',
      '@',
      ':',
      '?',
      '#',
      'evil.test',
      's',
      'secrets',
      'javascript:',
      'https:',
    ];
    let checked = 0;
    const wrong: string[] = [];
    const check = (value: string) => {
      const answer = safeReturnTo(value, ORIGIN);
      checked++;
      const safe =
        APP_PAGE.test(answer) &&
        !answer.startsWith('//') &&
        !answer.startsWith('/\\') &&
        new URL(answer, ORIGIN).origin === ORIGIN;
      if (!safe) wrong.push(`${JSON.stringify(value)} -> ${JSON.stringify(answer)}`);
    };
    const grow = (prefix: string, depth: number) => {
      check(prefix);
      if (depth === 0) return;
      for (const piece of pieces) grow(prefix + piece, depth - 1);
    };
    grow('', 4);
    expect(wrong).toEqual([]);
    expect(checked).toBe(1 + 24 + 24 ** 2 + 24 ** 3 + 24 ** 4);
  });
});
