/**
 * "My invitations" (O6) as a table: what was asked for, status, when; a revoke button while one waits.
 * Never the link, its secret or what the guest sent.
 */
import { useTranslation } from 'react-i18next';
import type { InvitationSummary } from '../../src/protocol/invitations.ts';
import { useFormat } from '../i18n/format.ts';
import { RowNotice, type RowNoticeProps } from './row-notice.tsx';
import { StatusBadge } from './status-badge.tsx';

interface InvitationTableProps {
  invitations: InvitationSummary[];
  levelsEnabled: boolean;
  captionId: string;
  revoking: string | null;
  onRevoke: (id: string) => void;
  /** The outcome of a revoke, shown in the row where it happened. */
  notice?: RowNoticeProps['notice'];
}

export function InvitationTable({
  invitations,
  levelsEnabled,
  captionId,
  revoking,
  onRevoke,
  notice,
}: InvitationTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    // Focusable so keyboard users can scroll a table wider than a narrow screen.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable area must be reachable by keyboard
    // biome-ignore lint/a11y/useSemanticElements: a group names the area; a fieldset is for form controls
    <div className="table-scroll" role="group" aria-labelledby={captionId} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('invitations.columns.label')}</th>
            {levelsEnabled && <th scope="col">{t('invitations.columns.classification')}</th>}
            <th scope="col">{t('invitations.columns.status')}</th>
            <th scope="col">{t('invitations.columns.created')}</th>
            <th scope="col">{t('invitations.columns.expires')}</th>
            <th scope="col">{t('invitations.columns.used')}</th>
            <th scope="col">{t('invitations.columns.action')}</th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((invitation) => (
            <tr key={invitation.id}>
              <th scope="row">{invitation.label}</th>
              {levelsEnabled && <td>{t(`levels.${invitation.classification}`)}</td>}
              <td>
                <StatusBadge status={invitation.status} />
              </td>
              <td>{format.date(invitation.createdAt)}</td>
              <td>{invitation.status === 'waiting' && format.date(invitation.expiresAt)}</td>
              <td>
                {invitation.usedAt === null ? t('invitations.notUsed') : format.date(invitation.usedAt)}
              </td>
              <td>
                {invitation.status === 'waiting' && (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-busy={revoking === invitation.id}
                    // The label alone repeats on every row; name the invitation for screen readers.
                    aria-label={`${t('invitations.revoke')}: ${invitation.label}`}
                    onClick={() => onRevoke(invitation.id)}
                  >
                    {t('invitations.revoke')}
                  </button>
                )}
                <RowNotice id={invitation.id} notice={notice} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
