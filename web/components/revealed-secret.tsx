/** The decrypted secret, read-only, with a copy button; it takes focus when it appears. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from './copy-button.tsx';

const MIN_ROWS = 3;
const MAX_ROWS = 15;

export function RevealedSecret({ text }: { text: string }) {
  const { t } = useTranslation();
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const rows = Math.min(MAX_ROWS, Math.max(MIN_ROWS, text.split('\n').length));
  return (
    <div className="stack">
      <div className="field">
        <label htmlFor="revealed-secret">{t('open.secret')}</label>
        <textarea
          ref={field}
          id="revealed-secret"
          className="revealed"
          readOnly
          rows={rows}
          spellCheck={false}
          value={text}
        />
      </div>
      <div className="actions">
        <CopyButton text={text} label={t('open.copy')} copiedMessage={t('open.copied')} fallback={field} />
      </div>
      <div className="note">
        <p>{t('open.deleted')}</p>
      </div>
    </div>
  );
}
