/**
 * "Skip to content", the first thing a keyboard reaches: moves focus past the header to the page. It
 * moves focus itself rather than following `#main`, which would replace a secret link's key in the
 * address's fragment.
 */
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

export const MAIN_ID = 'main';

export function SkipLink() {
  const { t } = useTranslation();
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    const main = document.getElementById(MAIN_ID);
    main?.focus();
    main?.scrollIntoView();
  };
  return (
    <a className="skip-link" href={`#${MAIN_ID}`} onClick={skip}>
      {t('app.skipToContent')}
    </a>
  );
}
