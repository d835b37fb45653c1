/** `/secrets`: what I sent and what I received, with status (O6); waiting secrets I sent can be revoked. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretListResponse } from '../../src/protocol/secrets.ts';
import { fetchConfig } from '../api/account.ts';
import { type ErrorMessageKey, errorMessageKey } from '../api/error-message.ts';
import { listSecrets, revokeSecret } from '../api/secrets.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { SecretTable } from '../components/secret-table.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';

type SecretsState =
  | { step: 'loading' }
  | { step: 'failed'; message: ErrorMessageKey }
  | {
      step: 'ready';
      lists: SecretListResponse;
      levelsEnabled: boolean;
      revoking: string | null;
      failure: ErrorMessageKey | null;
      announcement: string;
    };

export function SecretsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('secrets.title'));
  const [state, setState] = useState<SecretsState>({ step: 'loading' });
  const sentHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    Promise.all([listSecrets(), fetchConfig()]).then(
      ([lists, config]) => {
        if (current) {
          setState({
            step: 'ready',
            lists,
            levelsEnabled: config.levelsEnabled,
            revoking: null,
            failure: null,
            announcement: '',
          });
        }
      },
      (error: unknown) => current && setState({ step: 'failed', message: errorMessageKey(error) }),
    );
    return () => {
      current = false;
    };
  }, []);

  const revoke = async (ready: Extract<SecretsState, { step: 'ready' }>, id: string) => {
    if (ready.revoking) return;
    setState({ ...ready, revoking: id, failure: null, announcement: '' });
    try {
      await revokeSecret(id);
      const sent = ready.lists.sent.map((secret) =>
        secret.id === id ? { ...secret, status: 'revoked' as const, revokedAt: Date.now() } : secret,
      );
      const lists = { ...ready.lists, sent };
      setState({ ...ready, lists, revoking: null, failure: null, announcement: t('secrets.revoked') });
      // The button is gone with the waiting status; keep keyboard focus in the list.
      sentHeading.current?.focus();
    } catch (error) {
      setState({ ...ready, revoking: null, failure: errorMessageKey(error), announcement: '' });
    }
  };

  return (
    <div className="stack">
      <PageHeading>{t('secrets.title')}</PageHeading>
      {state.step === 'loading' && <p role="status">{t('app.loading')}</p>}
      {state.step === 'failed' && <ErrorAlert message={state.message} />}
      {state.step === 'ready' && (
        <>
          {state.failure && <ErrorAlert message={state.failure} />}
          <p className="visually-hidden" role="status">
            {state.announcement}
          </p>
          <section className="stack" aria-labelledby="sent-heading">
            <h2 id="sent-heading" ref={sentHeading} tabIndex={-1}>
              {t('secrets.sent')}
            </h2>
            {state.lists.sent.length === 0 ? (
              <p>{t('secrets.noneSent')}</p>
            ) : (
              <SecretTable
                kind="sent"
                secrets={state.lists.sent}
                levelsEnabled={state.levelsEnabled}
                captionId="sent-heading"
                revoking={state.revoking}
                onRevoke={(id) => void revoke(state, id)}
              />
            )}
          </section>
          <section className="stack" aria-labelledby="received-heading">
            <h2 id="received-heading">{t('secrets.received')}</h2>
            {state.lists.received.length === 0 ? (
              <p>{t('secrets.noneReceived')}</p>
            ) : (
              <SecretTable
                kind="received"
                secrets={state.lists.received}
                levelsEnabled={state.levelsEnabled}
                captionId="received-heading"
                revoking={null}
              />
            )}
          </section>
        </>
      )}
    </div>
  );
}
