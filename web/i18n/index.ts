/**
 * i18next over the shared catalogues (L1): the same JSON files give the server its error messages, so
 * adding a language is adding one catalogue in src/protocol/i18n. Keys are typed from the English one.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { CATALOGUES, DEFAULT_LOCALE, LOCALES, type Locale } from '../../src/protocol/i18n/index.ts';
import { visitorLanguage } from './language.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: (typeof CATALOGUES)['en'] };
  }
}

const resources = Object.fromEntries(
  LOCALES.map((locale) => [locale, { translation: CATALOGUES[locale] }]),
) as Record<Locale, { translation: (typeof CATALOGUES)['en'] }>;

/** Keeps `<html lang>` in step, so screen readers pronounce the page in its language. */
i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18next.use(initReactI18next).init({
  resources,
  lng: visitorLanguage(),
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  initAsync: false,
  // React escapes what it renders; escaping here too would show entities.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18next };
