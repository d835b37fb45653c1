/**
 * Message catalogues shared by server and browser (L1). Adding a language is adding one JSON file here
 * and one line below.
 */
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import nl from './nl.json' with { type: 'json' };

export const CATALOGUES = { en, de, nl } as const;
export type Locale = keyof typeof CATALOGUES;
export const LOCALES = Object.freeze(Object.keys(CATALOGUES) as Locale[]);
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: string): value is Locale {
  return Object.hasOwn(CATALOGUES, value);
}

/** Maps a BCP 47 tag (`de-CH`, `nl`, `EN_us`) to a supported locale, or undefined. */
export function matchLocale(tag: string | undefined | null): Locale | undefined {
  if (!tag) return undefined;
  const language = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return isLocale(language) ? language : undefined;
}

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
