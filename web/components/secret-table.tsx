/**
 * One list of "my secrets" (O6) as a table: who, status, when; for the sender, a revoke button while a
 * secret waits. Never content.
 */
import { useTranslation } from 'react-i18next';
import type { RecipientView, SecretSummary } from '../../src/protocol/secrets.ts';
import { useFormat } from '../i18n/format.ts';
import { submissionLink } from '../link/submission-link.ts';
import { AppLink } from '../routing/app-link.tsx';
import { exclusionText } from './exclusion-note.tsx';
import { refusedOpensText } from './refused-opens.ts';
import { RowNotice, type RowNoticeProps } from './row-notice.tsx';
import { StatusBadge } from './status-badge.tsx';

interface SecretTableProps {
  kind: 'sent' | 'received';
  secrets: SecretSummary[];
  levelsEnabled: boolean;
  captionId: string;
  revoking: string | null;
  onRevoke?: (id: string) => void;
  /** The outcome of a revoke, shown in the row where it happened. */
  notice?: RowNoticeProps['notice'];
}

export function SecretTable({
  kind,
  secrets,
  levelsEnabled,
  captionId,
  revoking,
  onRevoke,
  notice,
}: SecretTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const recipient = (view: RecipientView) =>
    view.kind === 'team' ? t('secrets.team', { name: view.teamName }) : view.email;
  // S4: a guest's submission has no link with a key; its recipient opens it from here.
  const openable = kind === 'received' && secrets.some((secret) => secret.invitation);
  const opened = (secret: SecretSummary) => {
    if (secret.openedAt === null) return t('secrets.notOpened');
    const date = format.date(secret.openedAt);
    return secret.openedBy ? t('secrets.openedBy', { date, name: secret.openedBy.name }) : date;
  };

  return (
    // Focusable so keyboard users can scroll a table wider than a narrow screen.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable area must be reachable by keyboard
    // biome-ignore lint/a11y/useSemanticElements: a group names the area; a fieldset is for form controls
    <div className="table-scroll" role="group" aria-labelledby={captionId} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">
              {kind === 'sent' ? t('secrets.columns.recipient') : t('secrets.columns.sender')}
            </th>
            {levelsEnabled && <th scope="col">{t('secrets.columns.classification')}</th>}
            <th scope="col">{t('secrets.columns.status')}</th>
            <th scope="col">{t('secrets.columns.created')}</th>
            <th scope="col">{t('secrets.columns.expires')}</th>
            <th scope="col">{t('secrets.columns.opened')}</th>
            {(onRevoke || openable) && <th scope="col">{t('secrets.columns.action')}</th>}
          </tr>
        </thead>
        <tbody>
          {secrets.map((secret) => (
            <tr key={secret.id}>
              <th scope="row">
                {kind === 'sent' ? (
                  recipient(secret.recipient)
                ) : secret.invitation ? (
                  t('secrets.fromGuest', { label: secret.invitation.label })
                ) : (
                  <>
                    {secret.sender.name}
                    <span className="email">{secret.sender.email}</span>
                  </>
                )}
              </th>
              {levelsEnabled && (
                <td>
                  {t(`levels.${secret.classification}`)}
                  {secret.exclusion && exclusionText(t, secret.exclusion) && (
                    <span className="cell-note">{exclusionText(t, secret.exclusion)}</span>
                  )}
                </td>
              )}
              <td>
                <StatusBadge status={secret.status} />
                {secret.refusedOpens && (
                  <span className="cell-note">{refusedOpensText(t, format.date, secret.refusedOpens)}</span>
                )}
              </td>
              <td>{format.date(secret.createdAt)}</td>
              <td>{secret.status === 'waiting' && format.date(secret.expiresAt)}</td>
              <td>{opened(secret)}</td>
              {openable && (
                <td>
                  {secret.invitation && secret.status === 'waiting' && (
                    <AppLink
                      href={submissionLink(secret.id)}
                      className="button button-small"
                      aria-label={`${t('secrets.open')}: ${t('secrets.fromGuest', { label: secret.invitation.label })}`}
                    >
                      {t('secrets.open')}
                    </AppLink>
                  )}
                </td>
              )}
              {onRevoke && (
                <td>
                  {secret.status === 'waiting' && (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-busy={revoking === secret.id}
                      // The label alone repeats on every row; name the recipient for screen readers.
                      aria-label={`${t('secrets.revoke')}: ${recipient(secret.recipient)}`}
                      onClick={() => onRevoke(secret.id)}
                    >
                      {t('secrets.revoke')}
                    </button>
                  )}
                  <RowNotice id={secret.id} notice={notice} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
