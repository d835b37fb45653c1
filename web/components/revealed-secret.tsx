/**
 * The decrypted secret, read-only: masked until the person shows it, with a copy button that works
 * either way. While it is on screen, leaving or reloading the page asks first: the server no longer has
 * it, so what is here is the only copy.
 */
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { guardLeaving } from '../routing/leave-guard.ts';
import { CopyButton } from './copy-button.tsx';

const MIN_ROWS = 3;
const MAX_ROWS = 15;
const FIELD_ID = 'revealed-secret';

export function RevealedSecret({ text }: { text: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const masked = useRef<HTMLInputElement>(null);
  const plain = useRef<HTMLTextAreaElement>(null);
  const leaveQuestion = t('open.leaveWarning');
  useEffect(() => masked.current?.focus(), []);
  useEffect(() => guardLeaving(leaveQuestion), [leaveQuestion]);
  const rows = Math.min(MAX_ROWS, Math.max(MIN_ROWS, text.split('\n').length));

  return (
    <div className="stack">
      <div className="field">
        <label htmlFor={FIELD_ID}>{t('open.secret')}</label>
        {shown ? (
          <textarea
            ref={plain}
            id={FIELD_ID}
            className="revealed"
            readOnly
            rows={rows}
            spellCheck={false}
            value={text}
          />
        ) : (
          // A password field says "hidden" to screen readers and shows no characters on screen.
          <input
            ref={masked}
            id={FIELD_ID}
            className="revealed"
            type="password"
            readOnly
            autoComplete="off"
            value={text}
          />
        )}
      </div>
      <div className="actions">
        <CopyButton
          text={text}
          label={t('open.copy')}
          copiedMessage={t('open.copied')}
          fallback={plain}
          // Copying by hand needs the text visible: a browser does not copy out of a password field.
          beforeFallback={() => flushSync(() => setShown(true))}
        />
        <button
          type="button"
          className="button button-secondary"
          aria-controls={FIELD_ID}
          onClick={() => setShown(!shown)}
        >
          {shown ? t('open.hide') : t('open.show')}
        </button>
      </div>
      <div className="note note-warning">
        <p>{t('open.deleted')}</p>
      </div>
    </div>
  );
}
