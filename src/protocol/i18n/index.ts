/**
 * Message catalogues shared by server and browser (L1). Adding a language is adding one JSON file here,
 * one line below, and its tag in `locales.ts` (the browser loads catalogues one by one, web/i18n).
 */
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale, matchLocale } from './locales.ts';
import nl from './nl.json' with { type: 'json' };

export { DEFAULT_LOCALE, isLocale, LOCALES, type Locale, matchLocale };

export const CATALOGUES = { en, de, nl } as const satisfies Record<Locale, unknown>;

/** A compile-time check: every catalogue has its tag in `LOCALES`, and every tag its catalogue. */
type Missing = Exclude<keyof typeof CATALOGUES, Locale> | Exclude<Locale, keyof typeof CATALOGUES>;
const agree: [Missing] extends [never] ? true : Missing = true;
void agree;

/** Picks the best supported locale from an Accept-Language header, by its q-values. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const locale = matchLocale(tag);
    if (locale) return locale;
  }
  return undefined;
}

/** Looks up a dotted key (`errors.secret.gone`) in a catalogue; falls back to English, then to the key. */
export function translate(locale: Locale, key: string): string {
  for (const catalogue of [CATALOGUES[locale], CATALOGUES.en]) {
    let node: unknown = catalogue;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node === 'string') return node;
  }
  return key;
}
