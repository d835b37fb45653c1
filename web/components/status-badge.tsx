/** A secret's or an invitation's status (O6) as a word (never colour alone) on a tinted badge. */
import { useTranslation } from 'react-i18next';
import type { InvitationStatus } from '../../src/protocol/invitations.ts';
import type { SecretStatus } from '../../src/protocol/secrets.ts';

export function StatusBadge({ status }: { status: SecretStatus | InvitationStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}
