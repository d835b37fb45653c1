/**
 * "My invitations" (O6) as cards, for screens too narrow for the table: what was asked for, its status
 * and the one date that matters now (when it expires while it waits, when it was used, revoked or
 * expired), and the revoke button while it waits. Never the link, its secret or what the guest sent.
 */
import { useTranslation } from 'react-i18next';
import type { InvitationSummary } from '../../src/protocol/invitations.ts';
import { useFormat } from '../i18n/format.ts';
import { RowNotice, type RowNoticeProps } from './row-notice.tsx';
import { StatusBadge } from './status-badge.tsx';

interface InvitationCardsProps {
  invitations: InvitationSummary[];
  levelsEnabled: boolean;
  labelledBy: string;
  revoking: string | null;
  onRevoke: (id: string) => void;
  notice?: RowNoticeProps['notice'];
}

export function InvitationCards({
  invitations,
  levelsEnabled,
  labelledBy,
  revoking,
  onRevoke,
  notice,
}: InvitationCardsProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const statusLine = (invitation: InvitationSummary) => {
    switch (invitation.status) {
      case 'waiting':
        return t('invitationList.expiresOn', { date: format.date(invitation.expiresAt) });
      case 'used':
        return invitation.usedAt === null
          ? t('status.used')
          : t('invitationList.usedOn', { date: format.date(invitation.usedAt) });
      case 'revoked':
        return invitation.revokedAt === null
          ? t('status.revoked')
          : t('invitationList.revokedOn', { date: format.date(invitation.revokedAt) });
      case 'expired':
        return t('invitationList.expiredOn', { date: format.date(invitation.expiresAt) });
    }
  };
  return (
    <ul className="cards" aria-labelledby={labelledBy}>
      {invitations.map((invitation) => (
        <li key={invitation.id} className="card">
          <div className="card-head">
            <p className="card-title">{invitation.label}</p>
            <StatusBadge status={invitation.status} />
          </div>
          <p>{statusLine(invitation)}</p>
          <p className="card-meta">
            {t('invitationList.createdOn', { date: format.date(invitation.createdAt) })}
            {levelsEnabled && (
              <>
                {' · '}
                {t('open.classification', { level: t(`levels.${invitation.classification}`) })}
              </>
            )}
          </p>
          {invitation.status === 'waiting' && (
            <div>
              <button
                type="button"
                className="button button-secondary button-small"
                aria-busy={revoking === invitation.id}
                aria-label={`${t('invitations.revoke')}: ${invitation.label}`}
                onClick={() => onRevoke(invitation.id)}
              >
                {t('invitations.revoke')}
              </button>
            </div>
          )}
          <RowNotice id={invitation.id} notice={notice} />
        </li>
      ))}
    </ul>
  );
}
