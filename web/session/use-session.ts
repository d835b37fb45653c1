/** Who is signed in, loaded once per page load (signing in and out are full page loads). */
import { useEffect, useState } from 'react';
import { type Account, fetchAccount } from '../api/account.ts';
import { type ErrorMessageKey, errorMessageKey } from '../api/error-message.ts';
import { speak } from '../i18n/index.ts';
import { accountLanguage } from '../i18n/language.ts';

export type Session =
  | { status: 'loading' }
  | { status: 'signedOut' }
  | { status: 'signedIn'; account: Account }
  | { status: 'failed'; message: ErrorMessageKey };

export function useSession(): Session {
  const [session, setSession] = useState<Session>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    fetchAccount().then(
      async (account) => {
        // L2: a signed-in account speaks its own language, without a selector.
        if (account) await speak(accountLanguage(account.locale)).catch(() => undefined);
        if (current) setSession(account ? { status: 'signedIn', account } : { status: 'signedOut' });
      },
      (error: unknown) => {
        if (current) setSession({ status: 'failed', message: errorMessageKey(error) });
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return session;
}
