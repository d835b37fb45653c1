/**
 * `/i/:id#<secret>.<publicKey>`: the guest's page (S4, S5, S6). No account; the language selector sits at
 * the top right (L3). It shows who invites and for what, as the server recorded it, and seals the
 * guest's text in this browser to the link's public key, after checking that the server holds the same
 * key (X2). Loading it uses nothing up; a used, expired, revoked or unknown invitation gets one page.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeekInvitationResponse } from '../../src/protocol/invitations.ts';
import { type ErrorMessageKey, errorMessageKey } from '../api/error-message.ts';
import {
  type InvitationFragment,
  parseInvitationFragment,
  peekGuestInvitation,
  submitToInvitation,
} from '../api/invitations.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Field } from '../components/field.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { SizeCounter } from '../components/size-counter.tsx';
import { MAX_SECRET_BYTES } from '../forms/secret-form.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useFormat } from '../i18n/format.ts';

type GuestState =
  | { step: 'damaged' }
  | { step: 'checking' }
  | {
      step: 'ready';
      invitation: PeekInvitationResponse;
      sending: boolean;
      problem: 'validation.secretRequired' | 'validation.secretTooLong' | null;
      failure: ErrorMessageKey | null;
    }
  | { step: 'sent'; inviter: string }
  | { step: 'refused'; message: ErrorMessageKey };

/** After sending (or a refusal for good) the link has no further use: take it out of the address bar. */
function dropFragment(id: string): void {
  window.history.replaceState(window.history.state, '', `/i/${encodeURIComponent(id)}`);
}

export function GuestPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [fragment] = useState<InvitationFragment | undefined>(() =>
    parseInvitationFragment(window.location.hash.slice(1)),
  );
  const [state, setState] = useState<GuestState>(() =>
    fragment ? { step: 'checking' } : { step: 'damaged' },
  );
  const [text, setText] = useState('');
  useDocumentTitle(state.step === 'sent' ? t('guest.sentTitle') : t('guest.title'));

  useEffect(() => {
    if (state.step !== 'checking' || !fragment) return;
    let current = true;
    peekGuestInvitation(id, fragment).then(
      (invitation) => {
        if (!current) return;
        // X2: the key the guest seals to must be the one in the link, not one the server chose.
        if (invitation.publicKey !== fragment.publicKey)
          setState({ step: 'refused', message: 'guest.mismatch' });
        else setState({ step: 'ready', invitation, sending: false, problem: null, failure: null });
      },
      (error: unknown) => current && setState({ step: 'refused', message: errorMessageKey(error) }),
    );
    return () => {
      current = false;
    };
  }, [state.step, id, fragment]);

  const send = async (ready: Extract<GuestState, { step: 'ready' }>, event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (ready.sending || !fragment) return;
    const problem =
      text.trim() === ''
        ? 'validation.secretRequired'
        : new TextEncoder().encode(text).length > MAX_SECRET_BYTES
          ? 'validation.secretTooLong'
          : null;
    if (problem) {
      setState({ ...ready, problem, failure: null });
      document.getElementById('guest-secret')?.focus();
      return;
    }
    setState({ ...ready, sending: true, problem: null, failure: null });
    try {
      await submitToInvitation(text, fragment, ready.invitation);
      setText('');
      dropFragment(id);
      setState({ step: 'sent', inviter: ready.invitation.inviter.name });
    } catch (error) {
      const message = errorMessageKey(error);
      if (message === 'errors.server.unavailable' || message === 'errors.server.internal') {
        // Nothing was stored; the guest may try again.
        setState({ ...ready, sending: false, failure: message });
      } else {
        dropFragment(id);
        setState({ step: 'refused', message });
      }
    }
  };

  return (
    <div className="stack">
      <PageHeading
        key={state.step === 'sent' ? 'sent' : 'form'}
        focus={state.step === 'sent' ? true : undefined}
      >
        {state.step === 'sent' ? t('guest.sentTitle') : t('guest.title')}
      </PageHeading>
      {state.step === 'damaged' && <ErrorAlert message="guest.damaged" />}
      {state.step === 'checking' && <p role="status">{t('guest.checking')}</p>}
      {state.step === 'refused' && <ErrorAlert message={state.message} />}
      {state.step === 'sent' && (
        <div className="note">
          <p>{t('guest.sent', { name: state.inviter })}</p>
        </div>
      )}
      {state.step === 'ready' && (
        <form
          className="stack"
          noValidate
          onSubmit={(event) => void send(state, event)}
          aria-busy={state.sending}
        >
          {state.failure && <ErrorAlert message={state.failure} />}
          <p className="sender">
            {t('guest.from', { name: state.invitation.inviter.name, email: state.invitation.inviter.email })}
          </p>
          <p className="label-quote">{state.invitation.label}</p>
          <p>{t('guest.expires', { date: format.date(state.invitation.expiresAt) })}</p>
          <Field
            id="guest-secret"
            label={t('guest.secret')}
            hint={t('guest.secretHint', { name: state.invitation.inviter.name })}
            problem={state.problem ? t(state.problem) : undefined}
          >
            {(control) => (
              <textarea
                {...control}
                name="secret"
                required
                rows={5}
                autoComplete="off"
                spellCheck={false}
                value={text}
                onChange={(event) => setText(event.target.value)}
              />
            )}
          </Field>
          <SizeCounter id="guest-secret-size" text={text} maxBytes={MAX_SECRET_BYTES} />
          <div>
            <button type="submit" className="button button-primary">
              {t('guest.submit')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
