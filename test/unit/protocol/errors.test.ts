/** The error registry, the catalogues and the API docs stay in step (X7, L1). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERRORS } from '../../../src/protocol/errors.ts';
import { CATALOGUES, LOCALES, translate } from '../../../src/protocol/i18n/index.ts';

function keysOf(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([key, value]) => keysOf(value, prefix ? `${prefix}.${key}` : key));
}

describe('error registry', () => {
  const apiDocs = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');

  it.each(ERROR_CODES)('%s has a message in every catalogue and a line in docs/api.md', (code) => {
    for (const locale of LOCALES) {
      expect(translate(locale, `errors.${code}`), `${locale}: ${code}`).not.toBe(`errors.${code}`);
    }
    expect(apiDocs).toContain(`| \`${code}\` | ${ERRORS[code]} |`);
  });

  it.each(LOCALES)('L1: the %s catalogue has exactly the keys of the English one', (locale) => {
    expect(keysOf(CATALOGUES[locale]).sort()).toEqual(keysOf(CATALOGUES.en).sort());
  });

  it('has no catalogue message for a code that does not exist', () => {
    const errorKeys = keysOf(CATALOGUES.en.errors);
    expect(errorKeys.sort()).toEqual([...ERROR_CODES].sort());
  });

  it('has no two locales sharing a message (each catalogue is really translated)', () => {
    for (const code of ERROR_CODES) {
      const messages = LOCALES.map((locale) => translate(locale, `errors.${code}`));
      expect(new Set(messages).size, code).toBe(LOCALES.length);
    }
  });
});
