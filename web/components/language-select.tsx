/**
 * L3: the visitor's language, at the top right before sign-in. Switching changes the UI at once and is
 * remembered; each language is named in itself, so it can be found without reading the current one.
 */
import { useTranslation } from 'react-i18next';
import { CATALOGUES, isLocale, LOCALES } from '../../src/protocol/i18n/index.ts';
import { rememberLanguage } from '../i18n/language.ts';

export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-select">
      <label htmlFor="language">{t('language.label')}</label>
      <select
        id="language"
        value={i18n.language}
        onChange={(event) => {
          const locale = event.target.value;
          if (!isLocale(locale)) return;
          rememberLanguage(locale);
          void i18n.changeLanguage(locale);
        }}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {CATALOGUES[locale].language.self}
          </option>
        ))}
      </select>
    </div>
  );
}
