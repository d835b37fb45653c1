/** Asks a visitor to sign in and brings them back to `returnTo` afterwards. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { signInUrl } from '../api/account.ts';

export function SignInPrompt({ returnTo, children }: { returnTo: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <p>{children}</p>
      <p>
        <a className="button button-primary" href={signInUrl(returnTo)}>
          {t('signIn.action')}
        </a>
      </p>
    </div>
  );
}
