/**
 * Copies a text to the clipboard and says so in a polite live region. Where the clipboard is refused,
 * it selects the text in `fallback` and says to copy it by hand.
 */
import { type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

const MESSAGE_MS = 5000;

interface CopyButtonProps {
  text: string;
  label: string;
  copiedMessage: string;
  fallback: RefObject<HTMLInputElement | HTMLTextAreaElement | null>;
  /** Runs before the fallback selects its text, e.g. to unmask it (it must be rendered by then). */
  beforeFallback?: () => void;
}

export function CopyButton({ text, label, copiedMessage, fallback, beforeFallback }: CopyButtonProps) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const say = (next: string) => {
    window.clearTimeout(timer.current);
    setMessage(next);
    timer.current = window.setTimeout(() => setMessage(''), MESSAGE_MS);
  };

  const copy = async () => {
    setMessage('');
    try {
      await navigator.clipboard.writeText(text);
      say(copiedMessage);
    } catch {
      beforeFallback?.();
      fallback.current?.focus();
      fallback.current?.select();
      say(t('copy.failed'));
    }
  };

  return (
    <span className="copy">
      <button type="button" className="button" onClick={copy}>
        {label}
      </button>
      <span className="copy-status" role="status" aria-live="polite">
        {message}
      </span>
    </span>
  );
}
