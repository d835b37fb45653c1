/**
 * `/secrets`: what I sent and what I received, with status (O6); waiting secrets I sent can be revoked,
 * after a confirmation that names the recipient. A table on wide screens, cards on narrow ones.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretListResponse } from '../../src/protocol/secrets.ts';
import { fetchConfig } from '../api/account.ts';
import { type ErrorMessageKey, errorMessageKey } from '../api/error-message.ts';
import { listSecrets, revokeSecret } from '../api/secrets.ts';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { SecretCards, useCounterpart } from '../components/secret-cards.tsx';
import { SecretTable } from '../components/secret-table.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { NARROW_SCREEN, useMediaQuery } from '../hooks/use-media-query.ts';

type SecretsState =
  | { step: 'loading' }
  | { step: 'failed'; message: ErrorMessageKey }
  | {
      step: 'ready';
      lists: SecretListResponse;
      levelsEnabled: boolean;
      revoking: string | null;
      /** The secret whose revoke waits for the person's confirmation. */
      confirming: string | null;
      failure: ErrorMessageKey | null;
      notice: { id: string; text: string } | undefined;
    };

export function SecretsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('secrets.title'));
  const [state, setState] = useState<SecretsState>({ step: 'loading' });
  const narrow = useMediaQuery(NARROW_SCREEN);
  const counterpart = useCounterpart();

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
            confirming: null,
            failure: null,
            notice: undefined,
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
    setState({ ...ready, revoking: id, confirming: null, failure: null, notice: undefined });
    try {
      await revokeSecret(id);
      const sent = ready.lists.sent.map((secret) =>
        secret.id === id ? { ...secret, status: 'revoked' as const, revokedAt: Date.now() } : secret,
      );
      const lists = { ...ready.lists, sent };
      // Said on the secret's own row or card, which takes focus (the button is gone with its status).
      const notice = { id, text: t('secrets.revoked') };
      setState({ ...ready, lists, revoking: null, confirming: null, failure: null, notice });
    } catch (error) {
      setState({ ...ready, revoking: null, confirming: null, failure: errorMessageKey(error) });
    }
  };

  const List = narrow ? SecretCards : SecretTable;
  const confirming =
    state.step === 'ready' ? state.lists.sent.find((secret) => secret.id === state.confirming) : undefined;

  return (
    <div className="stack">
      <PageHeading>{t('secrets.title')}</PageHeading>
      {state.step === 'loading' && <p role="status">{t('app.loading')}</p>}
      {state.step === 'failed' && <ErrorAlert message={state.message} />}
      {state.step === 'ready' && (
        <>
          {state.failure && <ErrorAlert message={state.failure} />}
          {confirming && (
            <ConfirmDialog
              title={t('secretList.confirmTitle')}
              text={t('secretList.confirmText', { recipient: counterpart('sent', confirming) })}
              confirmLabel={t('secretList.confirmRevoke')}
              cancelLabel={t('secretList.keep')}
              onConfirm={() => void revoke(state, confirming.id)}
              onCancel={() => setState({ ...state, confirming: null })}
            />
          )}
          <section className="stack" aria-labelledby="sent-heading">
            <h2 id="sent-heading">{t('secrets.sent')}</h2>
            {state.lists.sent.length === 0 ? (
              <p>{t('secrets.noneSent')}</p>
            ) : (
              <List
                kind="sent"
                secrets={state.lists.sent}
                levelsEnabled={state.levelsEnabled}
                captionId="sent-heading"
                labelledBy="sent-heading"
                revoking={state.revoking}
                onRevoke={(id) => setState({ ...state, confirming: id, notice: undefined })}
                notice={state.notice}
              />
            )}
          </section>
          <section className="stack" aria-labelledby="received-heading">
            <h2 id="received-heading">{t('secrets.received')}</h2>
            {state.lists.received.length === 0 ? (
              <p>{t('secrets.noneReceived')}</p>
            ) : (
              <List
                kind="received"
                secrets={state.lists.received}
                levelsEnabled={state.levelsEnabled}
                captionId="received-heading"
                labelledBy="received-heading"
                revoking={null}
              />
            )}
          </section>
        </>
      )}
    </div>
  );
}
