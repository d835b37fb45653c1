/** `/invitations`: the invitations a staff member created, with status (O6); waiting ones can be revoked. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvitationListResponse } from '../../src/protocol/invitations.ts';
import { fetchConfig } from '../api/account.ts';
import { type ErrorMessageKey, errorMessageKey } from '../api/error-message.ts';
import { listInvitations, revokeInvitation } from '../api/invitations.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { InvitationTable } from '../components/invitation-table.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { AppLink } from '../routing/app-link.tsx';

type InvitationsState =
  | { step: 'loading' }
  | { step: 'failed'; message: ErrorMessageKey }
  | {
      step: 'ready';
      list: InvitationListResponse;
      levelsEnabled: boolean;
      revoking: string | null;
      failure: ErrorMessageKey | null;
      announcement: string;
    };

export function InvitationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('invitations.title'));
  const [state, setState] = useState<InvitationsState>({ step: 'loading' });
  const listHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    Promise.all([listInvitations(), fetchConfig()]).then(
      ([list, config]) => {
        if (!current) return;
        setState({
          step: 'ready',
          list,
          levelsEnabled: config.levelsEnabled,
          revoking: null,
          failure: null,
          announcement: '',
        });
      },
      (error: unknown) => current && setState({ step: 'failed', message: errorMessageKey(error) }),
    );
    return () => {
      current = false;
    };
  }, []);

  const revoke = async (ready: Extract<InvitationsState, { step: 'ready' }>, id: string) => {
    if (ready.revoking) return;
    setState({ ...ready, revoking: id, failure: null, announcement: '' });
    try {
      await revokeInvitation(id);
      const invitations = ready.list.invitations.map((invitation) =>
        invitation.id === id
          ? { ...invitation, status: 'revoked' as const, revokedAt: Date.now() }
          : invitation,
      );
      setState({
        ...ready,
        list: { invitations },
        revoking: null,
        failure: null,
        announcement: t('invitations.revoked'),
      });
      // The button is gone with the waiting status; keep keyboard focus in the list.
      listHeading.current?.focus();
    } catch (error) {
      setState({ ...ready, revoking: null, failure: errorMessageKey(error), announcement: '' });
    }
  };

  return (
    <div className="stack">
      <PageHeading>{t('invitations.title')}</PageHeading>
      <p>{t('invitations.intro')}</p>
      <p>
        <AppLink href="/invitations/new" className="button button-primary">
          {t('invitations.new')}
        </AppLink>
      </p>
      {state.step === 'loading' && <p role="status">{t('app.loading')}</p>}
      {state.step === 'failed' && <ErrorAlert message={state.message} />}
      {state.step === 'ready' && (
        <section className="stack" aria-labelledby="invitations-heading">
          {state.failure && <ErrorAlert message={state.failure} />}
          <p className="visually-hidden" role="status">
            {state.announcement}
          </p>
          <h2 id="invitations-heading" ref={listHeading} tabIndex={-1}>
            {t('invitations.listHeading')}
          </h2>
          {state.list.invitations.length === 0 ? (
            <p>{t('invitations.none')}</p>
          ) : (
            <InvitationTable
              invitations={state.list.invitations}
              levelsEnabled={state.levelsEnabled}
              captionId="invitations-heading"
              revoking={state.revoking}
              onRevoke={(id) => void revoke(state, id)}
            />
          )}
        </section>
      )}
    </div>
  );
}
