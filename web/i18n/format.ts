/** Dates and durations in the UI's language. */
import { useTranslation } from 'react-i18next';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function useFormat() {
  const { t, i18n } = useTranslation();
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    /** An instant given in epoch milliseconds. */
    date: (epochMs: number) => dateTime.format(new Date(epochMs)),
    /** A length of time in whole days, hours or minutes: "7 days", "1 hour". */
    duration: (seconds: number) => {
      if (seconds % DAY === 0) return t('duration.days', { count: seconds / DAY });
      if (seconds % HOUR === 0) return t('duration.hours', { count: seconds / HOUR });
      return t('duration.minutes', { count: Math.round(seconds / MINUTE) });
    },
  };
}
