/**
 * i18next over the shared catalogues (L1): the same JSON files give the server its error messages, so
 * adding a language is adding one catalogue in src/protocol/i18n. Keys are typed from the English one.
 * English, the fallback, is in the bundle; every other catalogue is its own chunk, loaded before the
 * app speaks it (`speak`), so the bundle carries one language instead of all of them.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../src/protocol/i18n/en.json' with { type: 'json' };
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../src/protocol/i18n/locales.ts';

type Catalogue = typeof en;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}

/** Every catalogue but English, each loaded on first use (Vite makes one chunk of each). */
const LOADERS = import.meta.glob<Catalogue>(
  ['../../src/protocol/i18n/*.json', '!../../src/protocol/i18n/en.json'],
  {
    import: 'default',
  },
);

/** Keeps `<html lang>` in step, so screen readers pronounce the page in its language. */
i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  initAsync: false,
  // React escapes what it renders; escaping here too would show entities.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Loads `locale`'s catalogue if it is not here yet, then switches the UI to it. */
export async function speak(locale: Locale): Promise<void> {
  if (!i18next.hasResourceBundle(locale, 'translation')) {
    const load = LOADERS[`../../src/protocol/i18n/${locale}.json`];
    if (load) i18next.addResourceBundle(locale, 'translation', await load());
  }
  await i18next.changeLanguage(locale);
}

export { i18next };
