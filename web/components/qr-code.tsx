/**
 * A QR code of a link, for passing it to a phone (S7). Drawn by uqr as SVG and shown as a data: image,
 * which the CSP allows; an inline <svg> would need style attributes it forbids.
 */
import { useMemo } from 'react';
import { renderSVG } from 'uqr';

const SIZE_PX = 240;

export function QrCode({ id, value, alt }: { id: string; value: string; alt: string }) {
  const src = useMemo(
    () => `data:image/svg+xml;base64,${btoa(renderSVG(value, { ecc: 'M', border: 4 }))}`,
    [value],
  );
  return <img id={id} className="qr" src={src} alt={alt} width={SIZE_PX} height={SIZE_PX} />;
}
