/**
 * `/invitations/new`: a staff member invites a guest (S4, C3, S5), then gets the link (S7). The key pair
 * is made and kept in this browser (X2). Customers are told that only staff invite.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigResponse } from '../../src/protocol/accounts.ts';
import { LEVELS, type Level } from '../../src/protocol/values.ts';
import type { Account } from '../api/account.ts';
import { fetchConfig } from '../api/account.ts';
import { ApiError } from '../api/client.ts';
import { type ErrorMessageKey, errorMessageKey } from '../api/error-message.ts';
import { type CreatedInvitation, createInvitation } from '../api/invitations.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Field } from '../components/field.tsx';
import { InvitationResult } from '../components/invitation-result.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import {
  checkInvitationLabel,
  type InvitationFieldProblem,
  type InvitationFormValues,
  initialInvitationValues,
} from '../forms/invitation-form.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useFormat } from '../i18n/format.ts';

type InviteState =
  | { step: 'loading' }
  | { step: 'unavailable'; message: ErrorMessageKey }
  | {
      step: 'editing';
      config: ConfigResponse;
      problem: InvitationFieldProblem | null;
      refusal: ErrorMessageKey | null;
      sending: boolean;
    }
  | { step: 'created'; config: ConfigResponse; created: CreatedInvitation };

/** Server refusals that point at a field (C3, S5); the rest only show as the message. */
const FIELD_OF_CODE: Partial<Record<string, string>> = {
  'share.expiry_out_of_range': 'invitation-expiry',
  'share.classification_above_clearance': 'invitation-classification',
};

export function InvitePage({ account }: { account: Account }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [state, setState] = useState<InviteState>(() =>
    account.role === 'staff'
      ? { step: 'loading' }
      : { step: 'unavailable', message: 'errors.invitation.staff_only' },
  );
  const [values, setValues] = useState<InvitationFormValues | null>(null);
  const focusLabel = useRef(false);
  useDocumentTitle(state.step === 'created' ? t('inviteResult.title') : t('invite.title'));

  useEffect(() => {
    if (state.step !== 'editing' || !focusLabel.current) return;
    focusLabel.current = false;
    document.getElementById('invitation-label')?.focus();
  });

  useEffect(() => {
    if (account.role !== 'staff') return;
    let current = true;
    fetchConfig().then(
      (config) => {
        if (!current) return;
        setValues(initialInvitationValues(config));
        setState({ step: 'editing', config, problem: null, refusal: null, sending: false });
      },
      (error: unknown) => current && setState({ step: 'unavailable', message: errorMessageKey(error) }),
    );
    return () => {
      current = false;
    };
  }, [account.role]);

  if (state.step === 'created') {
    const another = () => {
      setValues(initialInvitationValues(state.config));
      focusLabel.current = true;
      setState({ step: 'editing', config: state.config, problem: null, refusal: null, sending: false });
    };
    return <InvitationResult created={state.created} onAnother={another} />;
  }

  const set = <K extends keyof InvitationFormValues>(key: K, value: InvitationFormValues[K]) =>
    values && setValues({ ...values, [key]: value });

  const submit = async (
    editing: Extract<InviteState, { step: 'editing' }>,
    event: FormEvent<HTMLFormElement>,
  ) => {
    event.preventDefault();
    if (editing.sending || !values) return;
    const problem = checkInvitationLabel(values.label);
    if (problem) {
      setState({ ...editing, problem, refusal: null });
      document.getElementById('invitation-label')?.focus();
      return;
    }
    setState({ ...editing, problem: null, refusal: null, sending: true });
    try {
      const created = await createInvitation(values.label.trim(), account.id, {
        expiresInSeconds: values.expiresInSeconds,
        ...(editing.config.levelsEnabled ? { classification: values.classification } : {}),
      });
      setState({ step: 'created', config: editing.config, created });
    } catch (error) {
      setState({ ...editing, problem: null, refusal: errorMessageKey(error), sending: false });
      const field = error instanceof ApiError ? FIELD_OF_CODE[error.code] : undefined;
      if (field) document.getElementById(field)?.focus();
    }
  };

  return (
    <div className="stack">
      <PageHeading key="form">{t('invite.title')}</PageHeading>
      <p>{t('invite.intro')}</p>
      {state.step === 'loading' && <p role="status">{t('app.loading')}</p>}
      {state.step === 'unavailable' && <ErrorAlert message={state.message} />}
      {state.step === 'editing' && values && (
        <form
          className="stack"
          noValidate
          onSubmit={(event) => void submit(state, event)}
          aria-busy={state.sending}
        >
          {state.refusal && <ErrorAlert message={state.refusal} />}
          <Field
            id="invitation-label"
            label={t('invite.label')}
            hint={t('invite.labelHint')}
            problem={state.problem ? t(state.problem) : undefined}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                name="label"
                required
                autoComplete="off"
                value={values.label}
                onChange={(event) => set('label', event.target.value)}
              />
            )}
          </Field>
          <Field id="invitation-expiry" label={t('invite.expiry')}>
            {(control) => (
              <select
                {...control}
                name="expiry"
                value={values.expiresInSeconds}
                onChange={(event) => set('expiresInSeconds', Number(event.target.value))}
              >
                {state.config.invitationExpiry.presetSeconds.map((seconds) => (
                  <option key={seconds} value={seconds}>
                    {format.duration(seconds)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {/* C3: a choice only when there is one. */}
          {state.config.levelsEnabled && account.clearance > 1 && (
            <Field
              id="invitation-classification"
              label={t('invite.classification')}
              hint={t('invite.classificationHint')}
            >
              {(control) => (
                <select
                  {...control}
                  name="classification"
                  value={values.classification}
                  onChange={(event) => set('classification', Number(event.target.value) as Level)}
                >
                  {LEVELS.filter((level) => level <= account.clearance).map((level) => (
                    <option key={level} value={level}>
                      {t(`levels.${level}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <div>
            <button type="submit" className="button button-primary">
              {t('invite.submit')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
