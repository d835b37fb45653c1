/** A secret's status as a word (never colour alone) on a tinted badge. */
import { useTranslation } from 'react-i18next';
import type { SecretStatus } from '../../src/protocol/secrets.ts';

export function StatusBadge({ status }: { status: SecretStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}
