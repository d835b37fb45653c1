/**
 * A QR code of a link, for passing it to a phone (S7). Drawn by uqr as SVG and shown as a data: image,
 * which the CSP allows; an inline <svg> would need style attributes it forbids. uqr is loaded the first
 * time a code is shown (its own chunk), so the app's bundle does not carry it for everyone.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const SIZE_PX = 240;

export function QrCode({ id, value, alt }: { id: string; value: string; alt: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void import('uqr').then(({ renderSVG }) => {
      if (current) setSrc(`data:image/svg+xml;base64,${btoa(renderSVG(value, { ecc: 'M', border: 4 }))}`);
    });
    return () => {
      current = false;
    };
  }, [value]);
  return (
    <div id={id}>
      {src ? (
        <img className="qr" src={src} alt={alt} width={SIZE_PX} height={SIZE_PX} />
      ) : (
        <p role="status">{t('app.loading')}</p>
      )}
    </div>
  );
}
