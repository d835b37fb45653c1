/**
 * Which language the UI speaks. Signed in: the account's (L2). Otherwise the visitor's choice, kept in
 * localStorage and in a `lang` cookie so the server's messages follow it; before any choice, the
 * browser's language (L3).
 */
import { DEFAULT_LOCALE, type Locale, matchLocale } from '../../src/protocol/i18n/locales.ts';

const STORAGE_KEY = 'safe-share:lang';
const COOKIE = 'lang';
const YEAR_SECONDS = 365 * 24 * 60 * 60;

function storedChoice(): Locale | undefined {
  try {
    return matchLocale(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return undefined;
  }
}

function browserLanguage(): Locale | undefined {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const locale = matchLocale(tag);
    if (locale) return locale;
  }
  return undefined;
}

export function visitorLanguage(): Locale {
  return storedChoice() ?? browserLanguage() ?? DEFAULT_LOCALE;
}

/** The account's language when it is one we have, else the visitor's. */
export function accountLanguage(accountLocale: string): Locale {
  return matchLocale(accountLocale) ?? visitorLanguage();
}

/** Remembers a visitor's choice here and for the server, which reads the cookie. */
export function rememberLanguage(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Without storage the cookie still carries the choice.
  }
  const secure = window.location.protocol === 'https:' ? '; Secure' : '';
  // The Cookie Store API is not in every browser we serve; this one fixed, hand-built cookie is safe.
  // biome-ignore lint/suspicious/noDocumentCookie: see above
  document.cookie = `${COOKIE}=${locale}; path=/; max-age=${YEAR_SECONDS}; SameSite=Lax${secure}`;
}
