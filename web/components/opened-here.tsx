/**
 * Who sent a secret and when, shown before and after the reveal; and what a page says when its secret
 * was already opened on it (a reload or Back after the reveal): opened here, gone from the server.
 */
import { useTranslation } from 'react-i18next';
import type { PersonView } from '../../src/protocol/secrets.ts';
import { useFormat } from '../i18n/format.ts';
import type { OpenedHere } from '../link/link-key.ts';

export function SenderLine({ sender, sentAt }: { sender: PersonView | null; sentAt: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!sender) return null;
  return (
    <p className="sender">
      {t('open.from', { name: sender.name, email: sender.email })}
      {sentAt !== null && (
        <span className="sender-when">{t('open.sentAt', { date: format.date(sentAt) })}</span>
      )}
    </p>
  );
}

export function OpenedHereNote({ opened }: { opened: OpenedHere }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      {opened.label !== null ? (
        <p className="sender">{t('submission.via', { label: opened.label })}</p>
      ) : (
        <SenderLine sender={opened.sender} sentAt={opened.sentAt} />
      )}
      <div className="note">
        <p>{t('open.openedHere', { date: format.date(opened.openedAt) })}</p>
      </div>
    </>
  );
}
