/** `/` for visitors: what Safe Share is, and the way in. */
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/page-heading.tsx';
import { SignInPrompt } from '../components/sign-in-prompt.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';

export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle('');
  return (
    <div className="stack">
      <PageHeading>{t('home.title')}</PageHeading>
      <p>{t('home.intro')}</p>
      <ul className="points">
        <li>{t('home.pointEncrypted')}</li>
        <li>{t('home.pointOnce')}</li>
        <li>{t('home.pointYou')}</li>
      </ul>
      <SignInPrompt returnTo="/">{t('home.signIn')}</SignInPrompt>
    </div>
  );
}
