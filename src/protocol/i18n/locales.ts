/**
 * The languages there are catalogues for, and how a tag maps to one, without the catalogues themselves:
 * the browser app loads only the catalogue it speaks (web/i18n), so its bundle must not pull in all of
 * them through `index.ts`. `index.ts` checks at compile time that this list and its catalogues agree.
 */

export const LOCALES = Object.freeze(['en', 'de', 'nl'] as const);
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** Maps a BCP 47 tag (`de-CH`, `nl`, `EN_us`) to a supported locale, or undefined. */
export function matchLocale(tag: string | undefined | null): Locale | undefined {
  if (!tag) return undefined;
  const language = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return isLocale(language) ? language : undefined;
}
