/** A signed-in page asked for by a visitor: sign in first, then come back here. */
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/page-heading.tsx';
import { SignInPrompt } from '../components/sign-in-prompt.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';

export function SignInPage({ title, returnTo }: { title: string; returnTo: string }) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  return (
    <div className="stack">
      <PageHeading>{title}</PageHeading>
      <SignInPrompt returnTo={returnTo}>{t('signIn.needed')}</SignInPrompt>
    </div>
  );
}
