/** O7 without an open redirect: after sign-in only a path on this site. */
import { describe, expect, it } from 'vitest';
import { safeReturnTo } from '../../../src/auth/return-to.ts';

describe('safeReturnTo', () => {
  it.each([
    ['/', '/'],
    ['/s/abc', '/s/abc'],
    ['/s/abc?x=1&y=2', '/s/abc?x=1&y=2'],
    ['/s/abc#ignored', '/s/abc'],
    ['/a/../b', '/b'],
  ])('keeps the same-origin path %j', (value, expected) => {
    expect(safeReturnTo(value)).toBe(expected);
  });

  it.each([
    undefined,
    null,
    42,
    '',
    's/abc',
    'https://evil.test/',
    'http:/evil.test',
    '//evil.test',
    '//evil.test/s/abc',
    '/\\evil.test',
    '\\\\evil.test',
    '/\t/evil.test',
    '/\n/evil.test',
    'javascript:alert(1)',
    `/${'a'.repeat(3000)}`,
  ])('refuses %j and falls back to /', (value) => {
    expect(safeReturnTo(value)).toBe('/');
  });
});
