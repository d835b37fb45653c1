/**
 * `/admin/members` (admins only; the server refuses everyone else): every account with name, e-mail,
 * role, teams, clearance, last sign-in and status, searched by name or e-mail, a page at a time; a
 * member chosen opens the panel that changes them (`components/member-panel.tsx`).
 */
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MembersResponse, MemberView } from '../../../src/protocol/members.ts';
import { MEMBERS_PAGE_SIZE } from '../../../src/protocol/values.ts';
import { fetchConfig } from '../../api/account.ts';
import { fetchMembers } from '../../api/admin.ts';
import { type ErrorMessageKey, errorMessageKey } from '../../api/error-message.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { MemberPanel } from '../../components/member-panel.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useDocumentTitle } from '../../hooks/use-document-title.ts';
import { useFormat } from '../../i18n/format.ts';

type MembersState =
  | { step: 'loading' }
  | { step: 'failed'; message: ErrorMessageKey }
  | { step: 'ready'; list: MembersResponse; levelsEnabled: boolean; chosen: string | null };

export function MembersPage({ selfId }: { selfId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  useDocumentTitle(t('members.title'));
  const [state, setState] = useState<MembersState>({ step: 'loading' });
  const [query, setQuery] = useState('');

  const load = useCallback((search: string, offset: number) => {
    Promise.all([fetchMembers(search, offset), fetchConfig()]).then(
      ([list, config]) =>
        setState({ step: 'ready', list, levelsEnabled: config.levelsEnabled, chosen: null }),
      (error: unknown) => setState({ step: 'failed', message: errorMessageKey(error) }),
    );
  }, []);
  useEffect(() => load('', 0), [load]);

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    load(query.trim(), 0);
  };

  const role = (member: MemberView) =>
    member.isAdmin ? t('members.roles.admin') : t(`members.roles.${member.role}`);

  const body = () => {
    if (state.step === 'loading') return <p role="status">{t('app.loading')}</p>;
    if (state.step === 'failed') return <ErrorAlert message={state.message} />;
    const { list, levelsEnabled, chosen } = state;
    const member = list.members.find((candidate) => candidate.id === chosen);
    const replace = (changed: MemberView) =>
      setState({
        ...state,
        list: { ...list, members: list.members.map((m) => (m.id === changed.id ? changed : m)) },
      });
    const last = Math.min(list.offset + list.members.length, list.total);
    return (
      <>
        <p role="status">
          {list.total === 0
            ? t('members.none')
            : t('members.summary', { from: list.offset + 1, to: last, total: list.total })}
        </p>
        {list.members.length > 0 && (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable area must be reachable by keyboard
          // biome-ignore lint/a11y/useSemanticElements: a group names the area; a fieldset is for form controls
          <div className="table-scroll" role="group" aria-labelledby="members-heading" tabIndex={0}>
            <table>
              <caption id="members-heading" className="visually-hidden">
                {t('members.title')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('members.columns.name')}</th>
                  <th scope="col">{t('members.columns.role')}</th>
                  <th scope="col">{t('members.columns.teams')}</th>
                  {levelsEnabled && <th scope="col">{t('members.columns.clearance')}</th>}
                  <th scope="col">{t('members.columns.lastSignIn')}</th>
                  <th scope="col">{t('members.columns.status')}</th>
                  <th scope="col">{t('members.columns.action')}</th>
                </tr>
              </thead>
              <tbody>
                {list.members.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">
                      {row.name}
                      <span className="email">{row.email}</span>
                    </th>
                    <td>{role(row)}</td>
                    <td>{row.teams.map((team) => team.name).join(', ')}</td>
                    {levelsEnabled && <td>{t(`levels.${row.clearance}`)}</td>}
                    <td>{format.date(row.lastSignInAt)}</td>
                    <td>{t(`members.statuses.${row.status}`)}</td>
                    <td>
                      <button
                        id={`manage-${row.id}`}
                        type="button"
                        className="button button-small"
                        aria-label={t('members.manageNamed', { name: row.name })}
                        onClick={() => setState({ ...state, chosen: row.id })}
                      >
                        {t('members.manage')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {(list.offset > 0 || last < list.total) && (
          <div className="actions">
            {list.offset > 0 && (
              <button
                type="button"
                className="button"
                onClick={() => load(query.trim(), Math.max(0, list.offset - MEMBERS_PAGE_SIZE))}
              >
                {t('members.previous')}
              </button>
            )}
            {last < list.total && (
              <button type="button" className="button" onClick={() => load(query.trim(), last)}>
                {t('members.next')}
              </button>
            )}
          </div>
        )}
        {member && (
          <MemberPanel
            key={member.id}
            member={member}
            selfId={selfId}
            teams={list.teams}
            levelsEnabled={levelsEnabled}
            clearanceFromProvider={list.clearanceFromProvider}
            onChanged={replace}
            onClose={() => {
              setState({ ...state, chosen: null });
              // Back where the panel was opened from.
              requestAnimationFrame(() => document.getElementById(`manage-${member.id}`)?.focus());
            }}
          />
        )}
      </>
    );
  };

  return (
    <div className="stack">
      <PageHeading>{t('members.title')}</PageHeading>
      <p>{t('members.intro')}</p>
      <search>
        <form className="field" onSubmit={search}>
          <label htmlFor="member-search">{t('members.search')}</label>
          <div className="actions">
            <input
              id="member-search"
              type="search"
              className="search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
            <button type="submit" className="button">
              {t('members.searchButton')}
            </button>
          </div>
        </form>
      </search>
      {body()}
    </div>
  );
}
