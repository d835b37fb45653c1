/**
 * One list of "my secrets" (O6) as cards, for screens too narrow for the table: everything on the card,
 * nothing to scroll sideways. The expiry shows while a secret waits; an opened one says when and by
 * whom (a team secret names its member), a revoked or expired one since when. Never content.
 */
import { useTranslation } from 'react-i18next';
import type { SecretSummary } from '../../src/protocol/secrets.ts';
import { useFormat } from '../i18n/format.ts';
import { submissionLink } from '../link/submission-link.ts';
import { AppLink } from '../routing/app-link.tsx';
import { exclusionText } from './exclusion-note.tsx';
import { refusedOpensText } from './refused-opens.ts';
import { RowNotice, type RowNoticeProps } from './row-notice.tsx';
import { StatusBadge } from './status-badge.tsx';

interface SecretCardsProps {
  kind: 'sent' | 'received';
  secrets: SecretSummary[];
  levelsEnabled: boolean;
  labelledBy: string;
  revoking: string | null;
  onRevoke?: (id: string) => void;
  notice?: RowNoticeProps['notice'];
}

/** Who the other side is: the recipient of a sent secret, the sender (or the guest) of a received one. */
export function useCounterpart() {
  const { t } = useTranslation();
  return (kind: 'sent' | 'received', secret: SecretSummary) => {
    if (kind === 'sent') {
      return secret.recipient.kind === 'team'
        ? t('secrets.team', { name: secret.recipient.teamName })
        : secret.recipient.email;
    }
    return secret.invitation
      ? t('secrets.fromGuest', { label: secret.invitation.label })
      : secret.sender.name;
  };
}

/** The one line that says where a secret stands, beyond its badge. */
export function useStatusLine() {
  const { t } = useTranslation();
  const format = useFormat();
  return (secret: SecretSummary) => {
    switch (secret.status) {
      case 'waiting':
        return t('secretList.expiresOn', { date: format.date(secret.expiresAt) });
      case 'opened':
        if (secret.openedAt === null) return t('status.opened');
        return secret.openedBy
          ? t('secretList.openedOnBy', { date: format.date(secret.openedAt), name: secret.openedBy.name })
          : t('secretList.openedOn', { date: format.date(secret.openedAt) });
      case 'revoked':
        return secret.revokedAt === null
          ? t('status.revoked')
          : t('secretList.revokedOn', { date: format.date(secret.revokedAt) });
      case 'expired':
        return t('secretList.expiredOn', { date: format.date(secret.expiresAt) });
    }
  };
}

export function SecretCards({
  kind,
  secrets,
  levelsEnabled,
  labelledBy,
  revoking,
  onRevoke,
  notice,
}: SecretCardsProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const counterpart = useCounterpart();
  const statusLine = useStatusLine();
  return (
    <ul className="cards" aria-labelledby={labelledBy}>
      {secrets.map((secret) => (
        <li key={secret.id} className="card">
          <div className="card-head">
            <p className="card-title">
              {counterpart(kind, secret)}
              {kind === 'received' && !secret.invitation && (
                <span className="email">{secret.sender.email}</span>
              )}
            </p>
            <StatusBadge status={secret.status} />
          </div>
          <p>{statusLine(secret)}</p>
          <p className="card-meta">
            {t('secretList.createdOn', { date: format.date(secret.createdAt) })}
            {levelsEnabled && (
              <>
                {' · '}
                {t('open.classification', { level: t(`levels.${secret.classification}`) })}
              </>
            )}
          </p>
          {/* C6: who of the team cannot open it; X6: refused attempts to open what was sent. */}
          {secret.exclusion && exclusionText(t, secret.exclusion) && (
            <p className="card-meta">{exclusionText(t, secret.exclusion)}</p>
          )}
          {secret.refusedOpens && (
            <p className="card-meta">{refusedOpensText(t, format.date, secret.refusedOpens)}</p>
          )}
          {secret.status === 'waiting' && kind === 'sent' && onRevoke && (
            <div>
              <button
                type="button"
                className="button button-secondary button-small"
                aria-busy={revoking === secret.id}
                aria-label={`${t('secrets.revoke')}: ${counterpart(kind, secret)}`}
                onClick={() => onRevoke(secret.id)}
              >
                {t('secrets.revoke')}
              </button>
            </div>
          )}
          {secret.status === 'waiting' && kind === 'received' && secret.invitation && (
            <div>
              <AppLink
                href={submissionLink(secret.id)}
                className="button button-small"
                aria-label={`${t('secrets.open')}: ${counterpart(kind, secret)}`}
              >
                {t('secrets.open')}
              </AppLink>
            </div>
          )}
          <RowNotice id={secret.id} notice={notice} />
        </li>
      ))}
    </ul>
  );
}
