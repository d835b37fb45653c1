/**
 * How much of the size limit a secret uses: its characters, and its bytes against the limit (what the
 * limit counts: letters with accents and emoji take more than one). Past the limit it says by how much.
 */
import { useTranslation } from 'react-i18next';

const encoder = new TextEncoder();

export function SizeCounter({ id, text, maxBytes }: { id: string; text: string; maxBytes: number }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const bytes = encoder.encode(text).length;
  const values = {
    count: [...text].length,
    used: number.format(bytes),
    max: number.format(maxBytes),
    over: number.format(bytes - maxBytes),
  };
  return (
    <p id={id} className={bytes > maxBytes ? 'counter counter-over' : 'counter'}>
      {bytes > maxBytes ? t('counter.over', values) : t('counter.used', values)}
    </p>
  );
}
