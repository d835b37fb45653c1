/** SPEC section 1 (staff domains and their subdomains) and issue 14 (look-alike domains). */
import { describe, expect, it } from 'vitest';
import { isStaffDomain, mixesScripts } from '../../../src/domain/addresses.ts';
import { normaliseDomain } from '../../../src/protocol/email.ts';

describe('isStaffDomain: a staff domain or a subdomain of one', () => {
  const staff = ['example.com', 'xn--bcher-kva.de'];
  it.each([
    ['example.com', true],
    ['sub.example.com', true],
    ['a.b.example.com', true],
    ['xn--bcher-kva.de', true],
    ['mail.xn--bcher-kva.de', true],
    ['notexample.com', false],
    ['example.com.evil.test', false],
    ['example.co', false],
    ['com', false],
    ['xn--xample-2of.com', false],
  ])('%s -> %s', (domain, expected) => {
    expect(isStaffDomain(domain, staff)).toBe(expected);
  });

  it('every spelling of a staff domain normalises to one that is staff', () => {
    for (const spelling of [
      'Example.COM.',
      'SUB.example.com.',
      'example\u3002com',
      'Bücher.de',
      'mail.BÜCHER.de.',
    ]) {
      expect(isStaffDomain(normaliseDomain(spelling) ?? '', staff), spelling).toBe(true);
    }
  });
});

describe('mixesScripts: a label that mixes scripts reads as another domain', () => {
  const domain = (unicode: string) => normaliseDomain(unicode) ?? `not a domain: ${unicode}`;
  it.each([
    ['Latin with a Cyrillic е', '\u0435xample.com', true],
    ['Latin with a Greek ο', 'g\u03bfogle.com', true],
    ['Cyrillic with a Latin a', 'приvет.ru', true],
    ['Latin with Armenian', '\u0585xample.com', true],
    ['Latin with Thai', 'shopก.com', true],
    ['Greek with Cyrillic', 'αβγд.gr', true],
    ['plain ASCII', 'example.com', false],
    ['digits and hyphens mix with anything', 'ex-ample-24.com', false],
    ['Latin with accents', 'bücher-café.de', false],
    ['one Cyrillic label beside a Latin one', 'пример.com', false],
    ['all Cyrillic', 'пример.рф', false],
    ['all Greek', 'ελληνικά.gr', false],
    ['Arabic', 'مثال.test', false],
    ['Japanese: Han, Hiragana, Katakana and Latin', '日本のラーメンabc.jp', false],
    ['Korean: Hangul, Han and Latin', '한국韓國abc.kr', false],
    ['Chinese with Bopomofo', '中文ㄅ.tw', false],
    ['Hangul with Katakana is not one writing system', '한국ラ.kr', true],
    ['emoji are no script', '💩.la', false],
  ])('%s: %s -> %s', (_rule, unicode, expected) => {
    expect(mixesScripts(domain(unicode))).toBe(expected);
  });

  it('the xn-- spelling of a mixed label is caught too', () => {
    expect(mixesScripts('xn--xample-2of.com')).toBe(true);
  });
});
