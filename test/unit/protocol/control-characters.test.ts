/**
 * SPEC section 1, X7: control characters are never part of an address or any other text field. Every
 * string field of the protocol refuses them with `request.control_character`, whatever the database.
 */
import { describe, expect, it } from 'vitest';
import { createSecretRequest, openSecretRequest } from '../../../src/protocol/secrets.ts';
import { hasControlCharacter, withoutControlCharacters } from '../../../src/protocol/text.ts';

/** One of each kind the rule names, with why it is refused. */
const CONTROL: [string, string][] = [
  ['NUL', '\u0000'],
  ['TAB', '\t'],
  ['LF', '\n'],
  ['CR', '\r'],
  ['ESC', '\u001b'],
  ['DEL', '\u007f'],
  ['C1 NEL', '\u0085'],
  ['C1 CSI', '\u009b'],
  ['line separator U+2028', '\u2028'],
  ['paragraph separator U+2029', '\u2029'],
  ['right-to-left override U+202E', '\u202e'],
  ['left-to-right isolate U+2066', '\u2066'],
  ['pop directional isolate U+2069', '\u2069'],
  ['left-to-right mark U+200E', '\u200e'],
  ['Arabic letter mark U+061C', '\u061c'],
  ['zero-width space U+200B', '\u200b'],
  ['zero-width joiner U+200D', '\u200d'],
  ['soft hyphen U+00AD', '\u00ad'],
  ['byte order mark U+FEFF', '\ufeff'],
  ['lone surrogate', '\ud800'],
];

/** Text that is not control: letters of any script, marks, emoji, symbols, spaces of other kinds. */
const NOT_CONTROL = ['ü', 'e\u0301', 'ß', 'е', 'δ', '日本', '😀', '€', '\u00a0', ' ', '-', '_'];

describe('hasControlCharacter', () => {
  it.each(CONTROL)('%s is a control character', (_name, character) => {
    expect(hasControlCharacter(`ab${character}cd`)).toBe(true);
    expect(hasControlCharacter(character)).toBe(true);
  });
  it.each(NOT_CONTROL)('%j is not', (value) => {
    expect(hasControlCharacter(value)).toBe(false);
  });
});

describe('hasControlCharacter decides by Unicode category for every code point (its ASCII pre-check changes nothing)', () => {
  const category = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
  it('each code point alone, and inside printable text', () => {
    for (let code = 0; code <= 0x10ffff; code += code < 0x3000 ? 1 : 97) {
      const character = String.fromCodePoint(code);
      expect(hasControlCharacter(character)).toBe(category.test(character));
      expect(hasControlCharacter(`ab${character}cd`)).toBe(category.test(character));
    }
    expect(hasControlCharacter('\ud800')).toBe(true); // a lone surrogate
    expect(hasControlCharacter('A_-b'.repeat(400))).toBe(false);
  });
});

describe('withoutControlCharacters (names: shown, never compared)', () => {
  it.each([
    ['Ada\nLovelace', 'Ada Lovelace'],
    ['Ada\r\n\tLovelace', 'Ada Lovelace'],
    ['Ada\u0000Lovelace', 'Ada Lovelace'],
    ['Ada\u2028Lovelace', 'Ada Lovelace'],
    ['\u202eAda Lovelace\u202c', 'Ada Lovelace'],
    ['Ada \u2066Lovelace\u2069', 'Ada Lovelace'],
    ['Ada\ud800', 'Ada'],
    ['\u0000\n', ''],
    // Joiners stay: they are part of emoji and of Persian spelling.
    ['Ada 👩\u200d💻', 'Ada 👩\u200d💻'],
    ['می\u200cخواهم', 'می\u200cخواهم'],
  ])('%j -> %j', (input, shown) => {
    expect(withoutControlCharacters(input)).toBe(shown);
  });
});

describe('protocol schemas refuse control characters in every string field', () => {
  const valid = {
    version: 2,
    recipient: { kind: 'customer', email: 'carla@acme.test' },
    ciphertext: 'A'.repeat(24),
    iv: 'A'.repeat(16),
    verifier: 'A'.repeat(43),
  };
  const fields: [string, (bad: (value: string) => string) => unknown, (data: unknown) => unknown][] = [
    [
      'recipient.email',
      (bad) => ({ ...valid, recipient: { kind: 'customer', email: bad('carla@acme.test') } }),
      (data) => createSecretRequest.safeParse(data),
    ],
    [
      'recipient.team',
      (bad) => ({ ...valid, recipient: { kind: 'team', team: bad('service') } }),
      (data) => createSecretRequest.safeParse(data),
    ],
    [
      'ciphertext',
      (bad) => ({ ...valid, ciphertext: bad(valid.ciphertext) }),
      (data) => createSecretRequest.safeParse(data),
    ],
    ['iv', (bad) => ({ ...valid, iv: bad(valid.iv) }), (data) => createSecretRequest.safeParse(data)],
    [
      'verifier',
      (bad) => ({ ...valid, verifier: bad(valid.verifier) }),
      (data) => createSecretRequest.safeParse(data),
    ],
  ];

  it('the valid request passes (the table below changes one field only)', () => {
    expect(createSecretRequest.safeParse(valid).success).toBe(true);
    for (const [, build] of fields) {
      expect(createSecretRequest.safeParse(build((value) => value)).success).toBe(true);
    }
  });

  const rows = fields.flatMap(([path, build, parse]) =>
    CONTROL.flatMap(([name, character]) => [
      [
        path,
        `${name} inside`,
        build,
        parse,
        (value: string) => `${value.slice(0, 3)}${character}${value.slice(3)}`,
      ],
      [path, `${name} at the end`, build, parse, (value: string) => `${value}${character}`],
    ]),
  ) as [
    string,
    string,
    (bad: (value: string) => string) => unknown,
    (data: unknown) => unknown,
    (value: string) => string,
  ][];

  it.each(rows)('%s: %s is refused as request.control_character', (path, _what, build, parse, bad) => {
    const result = parse(build(bad)) as {
      success: boolean;
      error?: { issues: { path: PropertyKey[]; code: string; params?: { code?: string } }[] };
    };
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((each) => each.params?.code === 'request.control_character');
    expect(issue?.path.join('.')).toBe(path);
  });

  it.each(CONTROL)('proof: %s is refused', (_name, character) => {
    const result = openSecretRequest.safeParse({ proof: `${'A'.repeat(40)}${character}AA` });
    expect(result.success).toBe(false);
  });
});
