/**
 * What an admin changes about one member (C2, issue 17): clearance (never an admin's), disabled or
 * active (never their own), and membership of the teams whose members admins set. Each change is sent
 * at once; the server decides and audits it.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MembersResponse, MemberView } from '../../src/protocol/members.ts';
import { LEVELS, type Level } from '../../src/protocol/values.ts';
import { changeClearance, changeStatus, changeTeam } from '../api/admin.ts';
import { type ErrorMessageKey, errorMessageKey } from '../api/error-message.ts';
import { ErrorAlert } from './error-alert.tsx';

interface MemberPanelProps {
  member: MemberView;
  /** The signed-in admin's own account id: they cannot disable themselves. */
  selfId: string;
  teams: MembersResponse['teams'];
  levelsEnabled: boolean;
  clearanceFromProvider: boolean;
  onChanged: (member: MemberView) => void;
  onClose: () => void;
}

export function MemberPanel(props: MemberPanelProps) {
  const { member, selfId, teams, levelsEnabled, clearanceFromProvider, onChanged, onClose } = props;
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [clearance, setClearance] = useState<Level>(member.clearance);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorMessageKey | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // Opened (one panel per member: the page keys it by id), the reading position moves here.
  useEffect(() => heading.current?.focus(), []);

  const send = async (change: () => Promise<{ member: MemberView }>) => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    setAnnouncement('');
    try {
      const { member: changed } = await change();
      onChanged(changed);
      setAnnouncement(t('members.saved', { name: changed.name }));
    } catch (error) {
      setFailure(errorMessageKey(error));
    } finally {
      setBusy(false);
    }
  };

  const providerTeams = member.teams.filter(
    (team) => !teams.some((t2) => t2.id === team.id && t2.setByAdmins),
  );
  const adminTeams = teams.filter((team) => team.setByAdmins);

  return (
    <section className="stack panel" aria-labelledby="member-panel-heading" aria-busy={busy}>
      <h2 id="member-panel-heading" ref={heading} tabIndex={-1}>
        {t('members.manageTitle', { name: member.name })}
      </h2>
      <p className="email">{member.email}</p>
      {failure && <ErrorAlert message={failure} />}
      {levelsEnabled &&
        (member.isAdmin ? (
          <p>{t('members.adminClearance')}</p>
        ) : (
          <div className="field">
            <label htmlFor="member-clearance">{t('members.clearance')}</label>
            {clearanceFromProvider && (
              <p id="member-clearance-hint" className="hint">
                {t('members.clearanceFromProvider')}
              </p>
            )}
            <div className="actions">
              <select
                id="member-clearance"
                value={clearance}
                aria-describedby={clearanceFromProvider ? 'member-clearance-hint' : undefined}
                onChange={(event) => setClearance(Number(event.target.value) as Level)}
              >
                {LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {t(`levels.${level}`)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button"
                onClick={() => void send(() => changeClearance(member.id, clearance))}
              >
                {t('members.changeClearance')}
              </button>
            </div>
          </div>
        ))}
      {member.role === 'staff' && (
        <fieldset className="stack">
          <legend>{t('members.teams')}</legend>
          {providerTeams.length > 0 && (
            <p className="hint">
              {t('members.teamsFromProvider', { names: providerTeams.map((team) => team.name).join(', ') })}
            </p>
          )}
          {adminTeams.length === 0 ? (
            <p className="hint">{t('members.noTeamsSetHere')}</p>
          ) : (
            adminTeams.map((team) => {
              const checked = member.teams.some((joined) => joined.id === team.id);
              return (
                <div className="check" key={team.id}>
                  <input
                    id={`member-team-${team.id}`}
                    type="checkbox"
                    checked={checked}
                    onChange={() => void send(() => changeTeam(member.id, team.id, !checked))}
                  />
                  <label htmlFor={`member-team-${team.id}`}>{team.name}</label>
                </div>
              );
            })
          )}
        </fieldset>
      )}
      {member.id === selfId ? (
        <p className="hint">{t('members.selfHint')}</p>
      ) : (
        <div className="stack">
          <p className="hint">{t('members.disableHint')}</p>
          <div>
            <button
              type="button"
              className="button"
              onClick={() =>
                void send(() => changeStatus(member.id, member.status === 'active' ? 'disabled' : 'active'))
              }
            >
              {member.status === 'active' ? t('members.disable') : t('members.enable')}
            </button>
          </div>
        </div>
      )}
      <div className="actions">
        <button type="button" className="button" onClick={onClose}>
          {t('members.close')}
        </button>
        <p className="status" role="status">
          {announcement}
        </p>
      </div>
    </section>
  );
}
