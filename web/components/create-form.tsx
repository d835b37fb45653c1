/**
 * The create form (S1, S2, C3, C6, O3): the recipient as the account's role allows (staff choose a
 * customer by e-mail or, since issue 17, a team; customers a team), the secret, the expiry and, when
 * levels are on, the classification up to the sender's clearance, with who of a chosen team it would
 * leave out.
 */
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigResponse, Team } from '../../src/protocol/accounts.ts';
import type { TeamExclusionResponse } from '../../src/protocol/secrets.ts';
import { LEVELS, type Level } from '../../src/protocol/values.ts';
import type { Account } from '../api/account.ts';
import type { ErrorMessageKey } from '../api/error-message.ts';
import {
  type FieldProblems,
  MAX_SECRET_BYTES,
  type RecipientKind,
  recipientKindOf,
  type SecretFormValues,
} from '../forms/secret-form.ts';
import { useFormat } from '../i18n/format.ts';
import { ErrorAlert } from './error-alert.tsx';
import { ExclusionNote } from './exclusion-note.tsx';
import { Field } from './field.tsx';
import { PasswordGenerator } from './password-generator.tsx';
import { SizeCounter } from './size-counter.tsx';

interface CreateFormProps {
  account: Account;
  config: ConfigResponse;
  teams: Team[];
  values: SecretFormValues;
  problems: FieldProblems;
  refusal: ErrorMessageKey | null;
  sending: boolean;
  /** C6: the chosen team at the chosen level, as the server previews it; null when there is none. */
  exclusion: TeamExclusionResponse | null;
  onChange: (values: SecretFormValues) => void;
  onSubmit: () => void;
}

export function CreateForm(props: CreateFormProps) {
  const { account, config, teams, values, problems, refusal, sending, exclusion, onChange, onSubmit } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const set = <K extends keyof SecretFormValues>(key: K, value: SecretFormValues[K]) =>
    onChange({ ...values, [key]: value });
  const problem = (field: keyof FieldProblems) => {
    const key = problems[field];
    return key ? t(key) : undefined;
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!sending) onSubmit();
  };
  const kind = recipientKindOf(values, account.role);

  return (
    <form className="stack" noValidate onSubmit={submit} aria-busy={sending}>
      {refusal && <ErrorAlert message={refusal} />}
      {account.role === 'staff' && (
        <fieldset className="stack">
          <legend>{t('create.recipientKind')}</legend>
          {(['customer', 'team'] as const satisfies readonly RecipientKind[]).map((option) => (
            <div className="check" key={option}>
              <input
                id={`recipient-kind-${option}`}
                type="radio"
                name="recipientKind"
                value={option}
                checked={kind === option}
                onChange={() => set('recipientKind', option)}
              />
              <label htmlFor={`recipient-kind-${option}`}>
                {t(option === 'customer' ? 'create.toCustomer' : 'create.toTeam')}
              </label>
            </div>
          ))}
        </fieldset>
      )}
      {kind === 'customer' ? (
        <Field
          id="recipient-email"
          label={t('create.customerEmail')}
          hint={t('create.customerEmailHint')}
          problem={problem('email')}
        >
          {(control) => (
            <input
              {...control}
              type="email"
              name="email"
              required
              autoComplete="off"
              spellCheck={false}
              value={values.email}
              onChange={(event) => set('email', event.target.value)}
            />
          )}
        </Field>
      ) : (
        <Field
          id="recipient-team"
          label={t('create.team')}
          hint={t('create.teamHint')}
          problem={problem('team')}
        >
          {(control) => (
            <select
              {...control}
              name="team"
              required
              value={values.team}
              onChange={(event) => set('team', event.target.value)}
            >
              <option value="">{t('create.chooseTeam')}</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field id="secret" label={t('create.secret')} hint={t('create.secretHint')} problem={problem('secret')}>
        {(control) => (
          <textarea
            {...control}
            name="secret"
            required
            rows={5}
            autoComplete="off"
            spellCheck={false}
            value={values.secret}
            onChange={(event) => set('secret', event.target.value)}
          />
        )}
      </Field>
      <SizeCounter id="secret-size" text={values.secret} maxBytes={MAX_SECRET_BYTES} />
      <PasswordGenerator onGenerate={(password) => set('secret', password)} />
      <Field id="expiry" label={t('create.expiry')} problem={problem('expiry')}>
        {(control) => (
          <select
            {...control}
            name="expiry"
            value={values.expiresInSeconds}
            onChange={(event) => set('expiresInSeconds', Number(event.target.value))}
          >
            {config.expiry.presetSeconds.map((seconds) => (
              <option key={seconds} value={seconds}>
                {format.duration(seconds)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {/* C3: a choice only when there is one; someone cleared for level 1 alone sends at level 1. */}
      {config.levelsEnabled && account.clearance > 1 && (
        <Field
          id="classification"
          label={t('create.classification')}
          hint={t('create.classificationHint')}
          problem={problem('classification')}
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
      {/* Announced as team and level change; empty while there is nothing to say. */}
      <div aria-live="polite">
        {exclusion && kind === 'team' && (
          <ExclusionNote exclusion={exclusion.exclusion} noneEligible={!exclusion.anyEligible} />
        )}
      </div>
      <div>
        <button type="submit" className="button button-primary">
          {t('create.submit')}
        </button>
      </div>
    </form>
  );
}
