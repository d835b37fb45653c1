/**
 * `/invitations`: the invitations a staff member created, with status (O6); waiting ones can be revoked,
 * after a confirmation that names the invitation. A table on wide screens, cards on narrow ones.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvitationListResponse } from '../../src/protocol/invitations.ts';
import { fetchConfig } from '../api/account.ts';
import { type ErrorMessageKey, errorMessageKey } from '../api/error-message.ts';
import { listInvitations, revokeInvitation } from '../api/invitations.ts';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { InvitationCards } from '../components/invitation-cards.tsx';
import { InvitationTable } from '../components/invitation-table.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { NARROW_SCREEN, useMediaQuery } from '../hooks/use-media-query.ts';
import { AppLink } from '../routing/app-link.tsx';

type InvitationsState =
  | { step: 'loading' }
  | { step: 'failed'; message: ErrorMessageKey }
  | {
      step: 'ready';
      list: InvitationListResponse;
      levelsEnabled: boolean;
      revoking: string | null;
      /** The invitation whose revoke waits for the person's confirmation. */
      confirming: string | null;
      failure: ErrorMessageKey | null;
      notice: { id: string; text: string } | undefined;
    };

export function InvitationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('invitations.title'));
  const [state, setState] = useState<InvitationsState>({ step: 'loading' });
  const narrow = useMediaQuery(NARROW_SCREEN);

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
          confirming: null,
          failure: null,
          notice: undefined,
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
    setState({ ...ready, revoking: id, confirming: null, failure: null, notice: undefined });
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
        confirming: null,
        failure: null,
        // Said on the invitation's own row or card, which takes focus (the button is gone).
        notice: { id, text: t('invitations.revoked') },
      });
    } catch (error) {
      setState({ ...ready, revoking: null, confirming: null, failure: errorMessageKey(error) });
    }
  };

  const List = narrow ? InvitationCards : InvitationTable;
  const confirming =
    state.step === 'ready'
      ? state.list.invitations.find((invitation) => invitation.id === state.confirming)
      : undefined;

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
          {confirming && (
            <ConfirmDialog
              title={t('invitationList.confirmTitle')}
              text={t('invitationList.confirmText', { label: confirming.label })}
              confirmLabel={t('invitationList.confirmRevoke')}
              cancelLabel={t('invitationList.keep')}
              onConfirm={() => void revoke(state, confirming.id)}
              onCancel={() => setState({ ...state, confirming: null })}
            />
          )}
          <h2 id="invitations-heading">{t('invitations.listHeading')}</h2>
          {state.list.invitations.length === 0 ? (
            <p>{t('invitations.none')}</p>
          ) : (
            <List
              invitations={state.list.invitations}
              levelsEnabled={state.levelsEnabled}
              captionId="invitations-heading"
              labelledBy="invitations-heading"
              revoking={state.revoking}
              onRevoke={(id) => setState({ ...state, confirming: id, notice: undefined })}
              notice={state.notice}
            />
          )}
        </section>
      )}
    </div>
  );
}
