/**
 * `/activity` (X6, C5, C8): the activity history as the server lets this account see it (an admin
 * everything; anyone else their own items and acts), filtered by time, who, event and outcome, a page at
 * a time, and exported as CSV or JSON lines.
 */
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditFilter, AuditResponse } from '../../src/protocol/audit.ts';
import { AUDIT_ACTIONS } from '../../src/protocol/values.ts';
import { fetchConfig } from '../api/account.ts';
import { auditExportUrl, fetchAudit } from '../api/audit.ts';
import { type ErrorMessageKey, errorMessageKey } from '../api/error-message.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useFormat } from '../i18n/format.ts';

type ActivityState =
  | { step: 'loading' }
  | { step: 'failed'; message: ErrorMessageKey }
  | {
      step: 'ready';
      page: AuditResponse;
      entries: AuditEntry[];
      levelsEnabled: boolean;
      loadingMore: boolean;
    };

interface FilterValues {
  from: string;
  to: string;
  actor: string;
  action: string;
  outcome: string;
}

const EMPTY: FilterValues = { from: '', to: '', actor: '', action: '', outcome: '' };

/** The form's values as the API's filter; a local date and time becomes an instant. */
function filterOf(values: FilterValues): AuditFilter {
  const instant = (local: string) => (local ? new Date(local).getTime() : undefined);
  return {
    from: instant(values.from),
    to: instant(values.to),
    actor: values.actor.trim() || undefined,
    action: (values.action || undefined) as AuditFilter['action'],
    outcome: (values.outcome || undefined) as AuditFilter['outcome'],
  };
}

export function ActivityPage() {
  const { t } = useTranslation();
  const format = useFormat();
  useDocumentTitle(t('audit.title'));
  const [state, setState] = useState<ActivityState>({ step: 'loading' });
  const [values, setValues] = useState<FilterValues>(EMPTY);
  const [shown, setShown] = useState<AuditFilter>({});

  const load = useCallback((filter: AuditFilter) => {
    Promise.all([fetchAudit(filter), fetchConfig()]).then(
      ([page, config]) =>
        setState({
          step: 'ready',
          page,
          entries: page.entries,
          levelsEnabled: config.levelsEnabled,
          loadingMore: false,
        }),
      (error: unknown) => setState({ step: 'failed', message: errorMessageKey(error) }),
    );
  }, []);
  useEffect(() => load({}), [load]);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const filter = filterOf(values);
    setShown(filter);
    load(filter);
  };

  const more = async (ready: Extract<ActivityState, { step: 'ready' }>) => {
    if (!ready.page.next || ready.loadingMore) return;
    setState({ ...ready, loadingMore: true });
    try {
      const page = await fetchAudit(shown, ready.page.next);
      setState({ ...ready, page, entries: [...ready.entries, ...page.entries], loadingMore: false });
    } catch (error) {
      setState({ step: 'failed', message: errorMessageKey(error) });
    }
  };

  const set = (key: keyof FilterValues) => (event: { target: { value: string } }) =>
    setValues({ ...values, [key]: event.target.value });

  const actor = (entry: AuditEntry) =>
    entry.actor ? (
      <>
        {entry.actor.name}
        <span className="cell-note">{entry.actor.email}</span>
      </>
    ) : entry.actorHidden ? (
      t('audit.hiddenActor')
    ) : (
      t('audit.noActor')
    );
  const detail = (entry: AuditEntry) =>
    entry.detail
      ? Object.entries(entry.detail)
          .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
          .join(', ')
      : '';

  return (
    <div className="stack">
      <PageHeading>{t('audit.title')}</PageHeading>
      {state.step === 'ready' && (
        <p>
          {t(state.page.scope === 'all' ? 'audit.introAll' : 'audit.introOwn', {
            days: state.page.retentionDays,
          })}
        </p>
      )}
      <search>
        <form className="stack" onSubmit={apply}>
          <fieldset className="filters">
            <legend>{t('audit.filters')}</legend>
            <div className="field">
              <label htmlFor="audit-from">{t('audit.from')}</label>
              <input id="audit-from" type="datetime-local" value={values.from} onChange={set('from')} />
            </div>
            <div className="field">
              <label htmlFor="audit-to">{t('audit.to')}</label>
              <input id="audit-to" type="datetime-local" value={values.to} onChange={set('to')} />
            </div>
            <div className="field">
              <label htmlFor="audit-actor">{t('audit.actor')}</label>
              <input id="audit-actor" type="search" value={values.actor} onChange={set('actor')} />
            </div>
            <div className="field">
              <label htmlFor="audit-action">{t('audit.action')}</label>
              <select id="audit-action" value={values.action} onChange={set('action')}>
                <option value="">{t('audit.anyAction')}</option>
                {AUDIT_ACTIONS.map((action) => (
                  <option key={action} value={action}>
                    {t(`audit.actions.${action.replace('.', '_') as 'secret_created'}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="audit-outcome">{t('audit.outcome')}</label>
              <select id="audit-outcome" value={values.outcome} onChange={set('outcome')}>
                <option value="">{t('audit.anyOutcome')}</option>
                <option value="ok">{t('audit.outcomes.ok')}</option>
                <option value="refused">{t('audit.outcomes.refused')}</option>
              </select>
            </div>
          </fieldset>
          <div className="actions">
            <button type="submit" className="button button-primary">
              {t('audit.apply')}
            </button>
            <a className="button" href={auditExportUrl(shown, 'csv')} download>
              {t('audit.exportCsv')}
            </a>
            <a className="button" href={auditExportUrl(shown, 'jsonl')} download>
              {t('audit.exportJsonl')}
            </a>
          </div>
        </form>
      </search>
      {state.step === 'loading' && <p role="status">{t('app.loading')}</p>}
      {state.step === 'failed' && <ErrorAlert message={state.message} />}
      {state.step === 'ready' && (
        <>
          <p role="status">
            {state.entries.length === 0 ? t('audit.none') : t('audit.shown', { count: state.entries.length })}
          </p>
          {state.entries.length > 0 && (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable area must be reachable by keyboard
            // biome-ignore lint/a11y/useSemanticElements: a group names the area; a fieldset is for form controls
            <div className="table-scroll" role="group" aria-labelledby="audit-caption" tabIndex={0}>
              <table>
                <caption id="audit-caption" className="visually-hidden">
                  {t('audit.title')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.columns.time')}</th>
                    <th scope="col">{t('audit.columns.event')}</th>
                    <th scope="col">{t('audit.columns.outcome')}</th>
                    {state.levelsEnabled && <th scope="col">{t('audit.columns.classification')}</th>}
                    <th scope="col">{t('audit.columns.actor')}</th>
                    {state.page.scope === 'all' && <th scope="col">{t('audit.columns.subject')}</th>}
                    <th scope="col">{t('audit.columns.item')}</th>
                    <th scope="col">{t('audit.columns.detail')}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.entries.map((entry, index) => (
                    // Entries have no id of their own in the view; their order is fixed, newest first.
                    // biome-ignore lint/suspicious/noArrayIndexKey: the list only grows at its end
                    <tr key={index}>
                      <td>
                        {format.date(entry.at)}
                        {entry.count > 1 && entry.firstAt !== null && (
                          <span className="cell-note">
                            {t('audit.repeated', { count: entry.count, date: format.date(entry.firstAt) })}
                          </span>
                        )}
                      </td>
                      <th scope="row">
                        {AUDIT_ACTIONS.includes(entry.action as (typeof AUDIT_ACTIONS)[number])
                          ? t(`audit.actions.${entry.action.replace('.', '_') as 'secret_created'}`)
                          : entry.action}
                      </th>
                      <td>
                        {t(`audit.outcomes.${entry.outcome}`)}
                        {entry.reason && <code className="cell-note">{entry.reason}</code>}
                      </td>
                      {state.levelsEnabled && (
                        <td>{entry.classification ? t(`levels.${entry.classification}`) : ''}</td>
                      )}
                      <td>{actor(entry)}</td>
                      {state.page.scope === 'all' && <td>{entry.subject?.name ?? ''}</td>}
                      <td>{entry.item && <code>{entry.item}</code>}</td>
                      <td>{detail(entry)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {state.page.next && (
            <div>
              <button
                type="button"
                className="button"
                aria-busy={state.loadingMore}
                onClick={() => void more(state)}
              >
                {t('audit.more')}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
