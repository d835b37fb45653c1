/**
 * SPEC section 1: e-mail comparison is trimmed, Unicode NFC, lower-cased, the domain in its ASCII (IDNA)
 * form without a trailing dot; nothing else rewritten. Issue 14: trailing dots, look-alikes and other
 * spellings of one domain compare as that one domain.
 */
import { domainToASCII, domainToUnicode } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normaliseDomain, normaliseEmail, parseEmail, unicodeDomain } from '../../../src/protocol/email.ts';
import { emailSchema } from '../../../src/protocol/secrets.ts';
import { hasControlCharacter } from '../../../src/protocol/text.ts';

const NORMALISED: [string, string, string][] = [
  ['trimmed and lower-cased', ' Ada.Admin@Example.COM ', 'ada.admin@example.com'],
  ['a trailing dot goes', 'ada.admin@example.com.', 'ada.admin@example.com'],
  ['an ideographic full stop is a dot', 'ada@example\u3002com\u3002', 'ada@example.com'],
  ['a full-width dot is a dot', 'ada@example\uff0ecom', 'ada@example.com'],
  ['full-width letters are letters', 'ada@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com', 'ada@example.com'],
  ['IDNA to ASCII', 'x@Bücher.DE', 'x@xn--bcher-kva.de'],
  ['NFC: a decomposed ü is the composed one', 'x@bu\u0308cher.de', 'x@xn--bcher-kva.de'],
  [
    'a Cyrillic look-alike keeps its own (different) ASCII form',
    'x@\u0435xample.com',
    'x@xn--xample-2of.com',
  ],
  ['the ASCII spelling of an IDN is kept', 'x@xn--bcher-kva.de', 'x@xn--bcher-kva.de'],
  ['a whole Cyrillic domain', 'x@пример.рф', 'x@xn--e1afmkfd.xn--p1ai'],
  ['a subdomain stays a subdomain', 'x@Sub.Example.com', 'x@sub.example.com'],
  ['no plus-address stripping', 'Ada+Tag@example.com', 'ada+tag@example.com'],
  ['no dot stripping in the local part', 'a.d.a@example.com', 'a.d.a@example.com'],
  ['a Unicode local part: NFC and lower case only', 'U\u0308ser@example.com', 'üser@example.com'],
];

const REFUSED: [string, string][] = [
  ['no @', 'ada.example.com'],
  ['an empty local part', '@example.com'],
  ['an empty domain', 'ada@'],
  ['a one-label domain', 'ada@example'],
  ['two trailing dots', 'ada@example.com..'],
  ['an empty label', 'ada@example..com'],
  ['an IPv4 address', 'ada@127.0.0.1'],
  ['a number the URL parser reads as IPv4', 'ada@0x7f.1'],
  ['a numeric last label', 'ada@example.123'],
  ['an IP literal', 'ada@[127.0.0.1]'],
  ['a percent-encoded domain', 'ada@ex%61mple.com'],
  ['a path after the domain', 'ada@example.com/evil'],
  ['a port', 'ada@example.com:25'],
  ['a backslash', 'ada@example.com\\evil.test'],
  ['an underscore', 'ada@ex_ample.com'],
  ['a hyphen at the start of a label', 'ada@-example.com'],
  ['a reserved -- label that is not xn--', 'ada@ab--cd.com'],
  ['an xn-- label that is not Punycode', 'ada@xn--a.com'],
  ['an xn-- label that decodes to ASCII only', 'ada@xn--example-.com'],
  ['a label over 63 characters', `ada@${'a'.repeat(64)}.com`],
  ['a local part over 64 characters', `${'a'.repeat(65)}@example.com`],
  ['a space in the local part', 'a da@example.com'],
  ['a quote in the local part', '"ada"@example.com'],
  ['a NUL', 'ada\u0000@example.com'],
  ['a zero-width space in the domain (IDNA would drop it)', 'ada@exa\u200bmple.com'],
  ['a soft hyphen in the domain (IDNA would drop it)', 'ada@exa\u00admple.com'],
];

describe('parseEmail', () => {
  it.each(NORMALISED)('%s: %j -> %j', (_rule, raw, normal) => {
    expect(parseEmail(raw)).toBe(normal);
    expect(normaliseEmail(raw)).toBe(normal);
    // Idempotent: the browser normalises before binding the address (X1), the server again.
    expect(parseEmail(normal)).toBe(normal);
  });

  it.each(REFUSED)('%s is no address: %j', (_rule, raw) => {
    expect(parseEmail(raw)).toBeUndefined();
  });
});

describe('emailSchema (protocol): the normal form, or request.invalid', () => {
  it.each(NORMALISED)('%s', (_rule, raw, normal) => {
    expect(emailSchema.parse(raw)).toBe(normal);
  });
  it.each(REFUSED.filter(([, raw]) => !hasControlCharacter(raw)))('%s is refused', (_rule, raw) => {
    const result = emailSchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('invalid_format');
  });
});

describe('normaliseDomain is the IDNA of node:url (browser and server agree)', () => {
  it.each([
    'example.com',
    'EXAMPLE.com',
    'bücher.de',
    'faß.de',
    '\u0435xample.com',
    'пример.рф',
    '日本.jp',
    'ラーメン.jp',
    'ελληνικά.gr',
    'مثال.إختبار',
    '💩.la',
    'sub.b\u00fccher.example',
    'xn--bcher-kva.de',
  ])('%s', (domain) => {
    expect(normaliseDomain(domain)).toBe(domainToASCII(domain));
    expect(normaliseDomain(`${domain}.`)).toBe(domainToASCII(domain));
  });
});

describe('unicodeDomain: Punycode (RFC 3492) as node:url decodes it', () => {
  it.each([
    'xn--bcher-kva.de',
    'xn--xample-2of.com',
    'xn--e1afmkfd.xn--p1ai',
    'xn--ihqwcrb4cv8a8dqg056pqjye.test',
    'xn--egbpdaj6bu4bxfgehfvwxn.test',
    'xn--b1abfaaepdrnnbgefbadotcwatmq2g4l.test',
    'xn--3b-ww4c5e180e575a65lsy2b.test',
    'xn--ls8h.la',
    'plain.example.com',
  ])('%s', (domain) => {
    expect(unicodeDomain(domain)).toBe(domainToUnicode(domain));
  });

  it.each(['xn---.com', 'xn--zzzzzzzzzzzzzzzzzzzzzzzzz.com', 'xn--ab!c.com'])(
    '%s does not decode',
    (domain) => {
      expect(unicodeDomain(domain)).toBeUndefined();
    },
  );
});

describe('normaliseDomain remembers its answers (issue 22): the same answer every time', () => {
  it.each(['Example.COM.', 'Bücher.de', 'xn--bcher-kva.de', 'localhost', 'a..b', '', 'example.c0m'])(
    '%s',
    (domain) => {
      const first = normaliseDomain(domain);
      expect(normaliseDomain(domain)).toBe(first);
      expect(normaliseDomain(domain)).toBe(first);
    },
  );

  it('past its bound of domains, answers stay right', () => {
    for (let index = 0; index < 2_500; index += 1) {
      expect(normaliseDomain(`Host${index}.Example.com`)).toBe(`host${index}.example.com`);
    }
    expect(normaliseDomain('Example.COM.')).toBe('example.com');
    expect(normaliseDomain('a..b')).toBeUndefined();
  });
});
