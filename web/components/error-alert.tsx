/** A failure, announced at once (role="alert") and in the UI's language. Render at most one per screen. */
import { useTranslation } from 'react-i18next';
import type { ErrorMessageKey } from '../api/error-message.ts';

export function ErrorAlert({ message }: { message: ErrorMessageKey }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="alert">
      {t(message)}
    </div>
  );
}
