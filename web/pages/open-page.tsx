/**
 * `/s/:id#<key>`: the page a link opens (O4). It shows who sent what, and hands out the secret only when
 * the signed-in recipient asks; loading the page burns nothing. Not signed in, it keeps the key for the
 * sign-in round trip (O7). Refusals come from the server's codes (O5).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeekSecretResponse } from '../../src/protocol/secrets.ts';
import { type Account, fetchConfig, signInUrl } from '../api/account.ts';
import { ApiError } from '../api/client.ts';
import { type ErrorMessageKey, errorMessageKey } from '../api/error-message.ts';
import { peekSecret, revealSecret } from '../api/secrets.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { RevealedSecret } from '../components/revealed-secret.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useFormat } from '../i18n/format.ts';
import { dropLinkKey, isLinkKey, stashLinkKey, takeLinkKey } from '../link/link-key.ts';

type OpenState =
  | { step: 'damaged' }
  | { step: 'signIn' }
  | { step: 'checking' }
  | {
      step: 'ready';
      peek: PeekSecretResponse;
      levelsEnabled: boolean;
      revealing: boolean;
      failure: ErrorMessageKey | null;
    }
  | { step: 'revealed'; text: string }
  | { step: 'refused'; message: ErrorMessageKey };

const needsSignIn = (error: unknown) => error instanceof ApiError && error.code === 'auth.required';

export function OpenPage({ id, account }: { id: string; account: Account | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  useDocumentTitle(t('open.title'));
  const [linkKey] = useState(() => takeLinkKey(id));
  const [state, setState] = useState<OpenState>(() => {
    if (!isLinkKey(linkKey)) return { step: 'damaged' };
    return account ? { step: 'checking' } : { step: 'signIn' };
  });

  useEffect(() => {
    if (state.step !== 'checking') return;
    let current = true;
    // The config only decides whether levels are shown (C1); without it, show a level above the lowest.
    Promise.all([peekSecret(id, linkKey), fetchConfig().catch(() => null)]).then(
      ([peek, config]) => {
        const levelsEnabled = config?.levelsEnabled ?? peek.classification > 1;
        if (current) setState({ step: 'ready', peek, levelsEnabled, revealing: false, failure: null });
      },
      (error: unknown) => {
        if (!current) return;
        setState(
          needsSignIn(error) ? { step: 'signIn' } : { step: 'refused', message: errorMessageKey(error) },
        );
      },
    );
    return () => {
      current = false;
    };
  }, [state.step, id, linkKey]);

  const signIn = () => {
    stashLinkKey(id, linkKey);
    window.location.assign(signInUrl(`/s/${encodeURIComponent(id)}`));
  };

  const reveal = async (ready: Extract<OpenState, { step: 'ready' }>) => {
    if (ready.revealing) return;
    setState({ ...ready, revealing: true, failure: null });
    try {
      const { text } = await revealSecret(id, linkKey);
      dropLinkKey(id);
      setState({ step: 'revealed', text });
    } catch (error) {
      if (needsSignIn(error)) setState({ step: 'signIn' });
      else if (error instanceof ApiError && error.status >= 500) {
        // Nothing was handed out; the recipient may try again.
        setState({ ...ready, revealing: false, failure: errorMessageKey(error) });
      } else {
        // Opened or refused for good: the key has no further use.
        dropLinkKey(id);
        setState({ step: 'refused', message: errorMessageKey(error) });
      }
    }
  };

  return (
    <div className="stack">
      <PageHeading>{t('open.title')}</PageHeading>
      {state.step === 'damaged' && <ErrorAlert message="open.damaged" />}
      {state.step === 'signIn' && (
        <>
          <p>{t('open.signInNeeded')}</p>
          <div>
            <button type="button" className="button button-primary" onClick={signIn}>
              {t('open.signIn')}
            </button>
          </div>
        </>
      )}
      {state.step === 'checking' && <p role="status">{t('open.checking')}</p>}
      {state.step === 'ready' && (
        <>
          {state.failure && <ErrorAlert message={state.failure} />}
          <p className="sender">
            {t('open.from', { name: state.peek.sender.name, email: state.peek.sender.email })}
          </p>
          <p>{t('open.expires', { date: format.date(state.peek.expiresAt) })}</p>
          {state.levelsEnabled && (
            <p>{t('open.classification', { level: t(`levels.${state.peek.classification}`) })}</p>
          )}
          <div className="note">
            <p>{t('open.once')}</p>
          </div>
          <div>
            <button
              type="button"
              className="button button-primary"
              onClick={() => void reveal(state)}
              aria-busy={state.revealing}
            >
              {t('open.reveal')}
            </button>
          </div>
        </>
      )}
      {state.step === 'revealed' && <RevealedSecret text={state.text} />}
      {state.step === 'refused' && <ErrorAlert message={state.message} />}
    </div>
  );
}
