/**
 * `/admin/settings` (admins only; the server refuses everyone else): confidentiality levels on or off
 * (C1), the level new accounts get (C2), re-checking clearance when opening (C7), and the expiry preset and
 * maximum of secrets (O3) and invitations (S5). Only what was changed is sent; every change is audited.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingKey, SettingsValues } from '../../../src/protocol/settings.ts';
import { LEVELS, type Level } from '../../../src/protocol/values.ts';
import { fetchSettings, saveSettings } from '../../api/admin.ts';
import { type ErrorMessageKey, errorMessageKey } from '../../api/error-message.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field } from '../../components/field.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useDocumentTitle } from '../../hooks/use-document-title.ts';
import { useFormat } from '../../i18n/format.ts';

type SettingsState =
  | { step: 'loading' }
  | { step: 'failed'; message: ErrorMessageKey }
  | {
      step: 'editing';
      saved: SettingsValues;
      values: SettingsValues;
      sending: boolean;
      refusal: ErrorMessageKey | null;
      announcement: string;
    };

/** Expiry choices an admin picks from; the value in force is always among them. */
const EXPIRY_CHOICES = [
  3600,
  86_400,
  3 * 86_400,
  7 * 86_400,
  14 * 86_400,
  30 * 86_400,
  90 * 86_400,
  365 * 86_400,
];

/** How long activity events may be kept, in days (X6). */
const RETENTION_CHOICES = [30, 90, 180, 365, 730, 1825, 3650];

function choicesWith(choices: readonly number[], current: number): number[] {
  return [...new Set([...choices, current])].sort((a, b) => a - b);
}

export function SettingsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  useDocumentTitle(t('settings.title'));
  const [state, setState] = useState<SettingsState>({ step: 'loading' });

  useEffect(() => {
    let current = true;
    fetchSettings().then(
      ({ settings }) =>
        current &&
        setState({
          step: 'editing',
          saved: settings,
          values: settings,
          sending: false,
          refusal: null,
          announcement: '',
        }),
      (error: unknown) => current && setState({ step: 'failed', message: errorMessageKey(error) }),
    );
    return () => {
      current = false;
    };
  }, []);

  if (state.step !== 'editing') {
    return (
      <div className="stack">
        <PageHeading>{t('settings.title')}</PageHeading>
        {state.step === 'loading' ? (
          <p role="status">{t('app.loading')}</p>
        ) : (
          <ErrorAlert message={state.message} />
        )}
      </div>
    );
  }

  const { values } = state;
  const set = <K extends SettingKey>(key: K, value: SettingsValues[K]) =>
    setState({ ...state, values: { ...values, [key]: value }, announcement: '' });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (state.sending) return;
    const changed = (Object.keys(values) as SettingKey[]).filter((key) => values[key] !== state.saved[key]);
    if (changed.length === 0) {
      setState({ ...state, refusal: null, announcement: t('settings.unchanged') });
      return;
    }
    const change = Object.fromEntries(changed.map((key) => [key, values[key]]));
    setState({ ...state, sending: true, refusal: null, announcement: '' });
    try {
      const { settings } = await saveSettings(change);
      setState({
        step: 'editing',
        saved: settings,
        values: settings,
        sending: false,
        refusal: null,
        announcement: t('settings.saved'),
      });
    } catch (error) {
      setState({ ...state, sending: false, refusal: errorMessageKey(error), announcement: '' });
    }
  };

  const expirySelect = (id: string, key: SettingKey & `${string}Seconds`, label: string) => (
    <Field id={id} label={label}>
      {(control) => (
        <select {...control} value={values[key]} onChange={(event) => set(key, Number(event.target.value))}>
          {choicesWith(EXPIRY_CHOICES, values[key]).map((seconds) => (
            <option key={seconds} value={seconds}>
              {format.duration(seconds)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <div className="stack">
      <PageHeading>{t('settings.title')}</PageHeading>
      <p>{t('settings.intro')}</p>
      <form className="stack" noValidate onSubmit={(event) => void submit(event)} aria-busy={state.sending}>
        {state.refusal && <ErrorAlert message={state.refusal} />}
        <fieldset className="stack">
          <legend>{t('settings.levels')}</legend>
          <div className="check">
            <input
              id="levels-enabled"
              type="checkbox"
              checked={values.levelsEnabled}
              aria-describedby="levels-enabled-hint"
              onChange={(event) => set('levelsEnabled', event.target.checked)}
            />
            <label htmlFor="levels-enabled">{t('settings.levelsEnabled')}</label>
          </div>
          <p id="levels-enabled-hint" className="hint">
            {t('settings.levelsEnabledHint')}
          </p>
          {values.levelsEnabled && (
            <>
              <Field
                id="default-clearance"
                label={t('settings.defaultClearance')}
                hint={t('settings.defaultClearanceHint')}
              >
                {(control) => (
                  <select
                    {...control}
                    value={values.defaultClearance}
                    onChange={(event) => set('defaultClearance', Number(event.target.value) as Level)}
                  >
                    {LEVELS.map((level) => (
                      <option key={level} value={level}>
                        {t(`levels.${level}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <div className="check">
                <input
                  id="recheck-clearance"
                  type="checkbox"
                  checked={values.recheckClearanceOnOpen}
                  aria-describedby="recheck-clearance-hint"
                  onChange={(event) => set('recheckClearanceOnOpen', event.target.checked)}
                />
                <label htmlFor="recheck-clearance">{t('settings.recheck')}</label>
              </div>
              <p id="recheck-clearance-hint" className="hint">
                {t('settings.recheckHint')}
              </p>
            </>
          )}
        </fieldset>
        <fieldset className="stack">
          <legend>{t('settings.secrets')}</legend>
          {expirySelect('secret-expiry-default', 'secretExpiryDefaultSeconds', t('settings.expiryDefault'))}
          {expirySelect('secret-expiry-max', 'secretExpiryMaxSeconds', t('settings.expiryMax'))}
        </fieldset>
        <fieldset className="stack">
          <legend>{t('settings.invitations')}</legend>
          {expirySelect(
            'invitation-expiry-default',
            'invitationExpiryDefaultSeconds',
            t('settings.expiryDefault'),
          )}
          {expirySelect('invitation-expiry-max', 'invitationExpiryMaxSeconds', t('settings.expiryMax'))}
        </fieldset>
        <fieldset className="stack">
          <legend>{t('settings.audit')}</legend>
          <Field id="audit-retention" label={t('settings.retention')} hint={t('settings.retentionHint')}>
            {(control) => (
              <select
                {...control}
                value={values.auditRetentionDays}
                onChange={(event) => set('auditRetentionDays', Number(event.target.value))}
              >
                {choicesWith(RETENTION_CHOICES, values.auditRetentionDays).map((days) => (
                  <option key={days} value={days}>
                    {format.duration(days * 86_400)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <div className="actions">
          <button type="submit" className="button button-primary">
            {t('settings.save')}
          </button>
          <p className="status" role="status">
            {state.announcement}
          </p>
        </div>
      </form>
    </div>
  );
}
