/**
 * Where a refused sign-in lands: what happened, in the visitor's language, and the ways on (sign in
 * again, or the start page). The server sends only a reason code here, never the provider's message.
 */
import { useTranslation } from 'react-i18next';
import type { SignInFailureReason } from '../../src/protocol/sign-in.ts';
import { signInUrl } from '../api/account.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { AppLink } from '../routing/app-link.tsx';

export function SignInFailedPage({ reason }: { reason: SignInFailureReason }) {
  const { t } = useTranslation();
  useDocumentTitle(t('signInFailed.title'));
  return (
    <div className="stack">
      <PageHeading>{t('signInFailed.title')}</PageHeading>
      <p>{t(`signInFailed.reason.${reason}`)}</p>
      <p>
        <a className="button button-primary" href={signInUrl('/')}>
          {t('signInFailed.retry')}
        </a>
      </p>
      <p>
        <AppLink href="/">{t('signInFailed.home')}</AppLink>
      </p>
    </div>
  );
}
