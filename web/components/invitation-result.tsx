/**
 * The link after creating an invitation (S4, S7): shown, copied or scanned, never sent by Safe Share, and
 * the plain warning that only this browser holds the key to what the guest sends (X2).
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedInvitation } from '../api/invitations.ts';
import { useFormat } from '../i18n/format.ts';
import { AppLink } from '../routing/app-link.tsx';
import { CopyButton } from './copy-button.tsx';
import { PageHeading } from './page-heading.tsx';
import { QrCode } from './qr-code.tsx';

export function InvitationResult({
  created,
  onAnother,
}: {
  created: CreatedInvitation;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [qrShown, setQrShown] = useState(false);
  const linkField = useRef<HTMLInputElement>(null);

  return (
    <div className="stack">
      <PageHeading key="result" focus>
        {t('inviteResult.title')}
      </PageHeading>
      <p>{t('inviteResult.for', { label: created.label })}</p>
      <div className="field">
        <label htmlFor="invitation-link">{t('inviteResult.link')}</label>
        <input
          ref={linkField}
          id="invitation-link"
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
          label={t('inviteResult.copy')}
          copiedMessage={t('inviteResult.copied')}
          fallback={linkField}
        />
        <button
          type="button"
          className="button"
          aria-expanded={qrShown}
          aria-controls={qrShown ? 'invitation-link-qr' : undefined}
          onClick={() => setQrShown(!qrShown)}
        >
          {qrShown ? t('inviteResult.hideQr') : t('inviteResult.showQr')}
        </button>
      </div>
      {qrShown && <QrCode id="invitation-link-qr" value={created.link} alt={t('inviteResult.qrAlt')} />}
      <div className="note note-warning">
        <p>
          <strong>{t('inviteResult.keyTitle')}</strong> {t('inviteResult.key', { browser: created.browser })}
        </p>
      </div>
      <div className="note">
        <p>
          <strong>{t('inviteResult.warningTitle')}</strong> {t('inviteResult.warning')}
        </p>
      </div>
      <p>{t('inviteResult.expires', { date: format.date(created.expiresAt) })}</p>
      <div className="actions">
        <button type="button" className="button button-primary" onClick={onAnother}>
          {t('inviteResult.another')}
        </button>
        <AppLink href="/invitations" className="button">
          {t('inviteResult.list')}
        </AppLink>
      </div>
    </div>
  );
}
