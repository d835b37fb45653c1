/**
 * `/s/:id#invitation` (link/submission-link.ts): the secret open page for a guest's submission (S4, O1, O2, O4). The key is not in
 * the link but in this browser: the invitation's private key, kept where the invitation was made. With
 * it, the page derives the proof, shows what came through which invitation, and reveals once on the
 * inviter's click. Without it, it says so plainly, names that browser and the day, and sends nothing
 * more, so the submission stays intact.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Account, fetchConfig } from '../api/account.ts';
import { ApiError } from '../api/client.ts';
import { type ErrorMessageKey, errorMessageKey } from '../api/error-message.ts';
import { findSubmission, revealSubmission, type SubmissionAccess } from '../api/invitations.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { OpenedHereNote } from '../components/opened-here.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { RevealedSecret } from '../components/revealed-secret.tsx';
import { SignInPrompt } from '../components/sign-in-prompt.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useFormat } from '../i18n/format.ts';
import { type OpenedHere, openedHere, rememberOpened } from '../link/link-key.ts';

type Held = Extract<SubmissionAccess, { held: true }>;

type SubmissionState =
  | { step: 'checking' }
  | { step: 'openedHere'; opened: OpenedHere }
  | { step: 'noKey'; access: Extract<SubmissionAccess, { held: false }> }
  | {
      step: 'ready';
      access: Held;
      levelsEnabled: boolean;
      revealing: boolean;
      failure: ErrorMessageKey | null;
    }
  | { step: 'revealed'; text: string; label: string }
  | { step: 'refused'; message: ErrorMessageKey };

export function SubmissionPage({ id, account }: { id: string; account: Account | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [state, setState] = useState<SubmissionState>(() => {
    const opened = openedHere(id);
    return opened ? { step: 'openedHere', opened } : { step: 'checking' };
  });
  useDocumentTitle(
    state.step === 'openedHere'
      ? t('open.openedTitle')
      : state.step === 'noKey'
        ? t('submission.noKeyTitle')
        : t('submission.title'),
  );

  useEffect(() => {
    if (!account || state.step !== 'checking') return;
    let current = true;
    Promise.all([findSubmission(id), fetchConfig().catch(() => null)]).then(
      ([access, config]) => {
        if (!current) return;
        if (!access.held) setState({ step: 'noKey', access });
        else {
          const levelsEnabled = config?.levelsEnabled ?? access.peek.classification > 1;
          setState({ step: 'ready', access, levelsEnabled, revealing: false, failure: null });
        }
      },
      (error: unknown) => current && setState({ step: 'refused', message: errorMessageKey(error) }),
    );
    return () => {
      current = false;
    };
  }, [account, state.step, id]);

  const reveal = async (ready: Extract<SubmissionState, { step: 'ready' }>) => {
    if (ready.revealing) return;
    setState({ ...ready, revealing: true, failure: null });
    try {
      const text = await revealSubmission(id, ready.access);
      const label = ready.access.submission.invitation.label;
      // A reload or Back then says it was opened here (link/link-key.ts); never the text.
      rememberOpened({ id, openedAt: Date.now(), sender: null, sentAt: null, label });
      setState({ step: 'revealed', text, label });
    } catch (error) {
      if (error instanceof ApiError && error.status >= 500) {
        // Nothing was handed out; the inviter may try again.
        setState({ ...ready, revealing: false, failure: errorMessageKey(error) });
      } else {
        setState({ step: 'refused', message: errorMessageKey(error) });
      }
    }
  };

  if (!account) {
    return (
      <div className="stack">
        <PageHeading>{t('submission.title')}</PageHeading>
        <SignInPrompt returnTo="/secrets">{t('submission.signIn')}</SignInPrompt>
      </div>
    );
  }

  return (
    <div className="stack">
      <PageHeading>
        {state.step === 'openedHere'
          ? t('open.openedTitle')
          : state.step === 'noKey'
            ? t('submission.noKeyTitle')
            : t('submission.title')}
      </PageHeading>
      {state.step === 'openedHere' && <OpenedHereNote opened={state.opened} />}
      {state.step === 'checking' && <p role="status">{t('submission.checking')}</p>}
      {state.step === 'noKey' && (
        <>
          <div className="note note-warning">
            <p>
              {t('submission.noKey', {
                label: state.access.submission.invitation.label,
                browser: state.access.submission.invitation.browser,
                date: format.date(state.access.submission.invitation.createdAt),
              })}
            </p>
          </div>
          <p>{t('submission.intact', { date: format.date(state.access.submission.expiresAt) })}</p>
        </>
      )}
      {state.step === 'ready' && (
        <>
          {state.failure && <ErrorAlert message={state.failure} />}
          <p className="sender">{t('submission.via', { label: state.access.submission.invitation.label })}</p>
          <p>{t('open.expires', { date: format.date(state.access.peek.expiresAt) })}</p>
          {state.levelsEnabled && (
            <p>{t('open.classification', { level: t(`levels.${state.access.peek.classification}`) })}</p>
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
      {state.step === 'revealed' && (
        <>
          <p className="sender">{t('submission.via', { label: state.label })}</p>
          <RevealedSecret text={state.text} />
        </>
      )}
      {state.step === 'refused' && <ErrorAlert message={state.message} />}
    </div>
  );
}
