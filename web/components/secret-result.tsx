/**
 * The link after creating a secret (S7): shown, copied or scanned, never sent by Safe Share. Focus lands
 * on the heading so the new screen is announced.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedSecret } from '../api/secrets.ts';
import { useFormat } from '../i18n/format.ts';
import { CopyButton } from './copy-button.tsx';
import { ExclusionNote } from './exclusion-note.tsx';
import { PageHeading } from './page-heading.tsx';
import { QrCode } from './qr-code.tsx';

interface SecretResultProps {
  created: CreatedSecret;
  recipient: string;
  onAnother: () => void;
}

export function SecretResult({ created, recipient, onAnother }: SecretResultProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [qrShown, setQrShown] = useState(false);
  const linkField = useRef<HTMLInputElement>(null);

  return (
    <div className="stack">
      <PageHeading key="result" focus>
        {t('result.title')}
      </PageHeading>
      <p>{t('result.for', { recipient })}</p>
      <div className="field">
        <label htmlFor="secret-link">{t('result.link')}</label>
        <input
          ref={linkField}
          id="secret-link"
          className="link-field"
          type="text"
          readOnly
          spellCheck={false}
          value={created.link}
          onFocus={(event) => event.target.select()}
        />
      </div>
      <div className="actions">
        <CopyButton
          text={created.link}
          label={t('result.copy')}
          copiedMessage={t('result.copied')}
          fallback={linkField}
        />
        <button
          type="button"
          className="button"
          aria-expanded={qrShown}
          aria-controls={qrShown ? 'secret-link-qr' : undefined}
          onClick={() => setQrShown(!qrShown)}
        >
          {qrShown ? t('result.hideQr') : t('result.showQr')}
        </button>
      </div>
      {qrShown && <QrCode id="secret-link-qr" value={created.link} alt={t('result.qrAlt')} />}
      <div className="note note-warning">
        <p>
          <strong>{t('result.warningTitle')}</strong> {t('result.warning')}
        </p>
      </div>
      <p>{t('result.expires', { date: format.date(created.expiresAt) })}</p>
      {created.exclusion && <ExclusionNote exclusion={created.exclusion} />}
      <div>
        <button type="button" className="button button-primary" onClick={onAnother}>
          {t('result.another')}
        </button>
      </div>
    </div>
  );
}
