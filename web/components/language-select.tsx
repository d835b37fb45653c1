/**
 * L3: the visitor's language, at the top right before sign-in. Switching changes the UI at once (after
 * loading that language's catalogue) and is remembered; each language is named in itself, so it can be
 * found without reading the current one.
 */
import { useTranslation } from 'react-i18next';
import { isLocale, LOCALES } from '../../src/protocol/i18n/locales.ts';
import { speak } from '../i18n/index.ts';
import { rememberLanguage } from '../i18n/language.ts';

/** "Deutsch" for de, "Nederlands" for nl: the language's name in itself. */
const ownName = (locale: string) =>
  new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;

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
          void speak(locale).catch(() => undefined);
        }}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {ownName(locale)}
          </option>
        ))}
      </select>
    </div>
  );
}
