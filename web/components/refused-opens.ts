/**
 * X6: the refused attempts by others to open a sent secret, as one line: to staff who and when, to
 * customers only how many and when (C6). Shared by the table and the cards of My secrets.
 */
import type { useTranslation } from 'react-i18next';
import type { RefusedOpensView } from '../../src/protocol/secrets.ts';

export function refusedOpensText(
  t: ReturnType<typeof useTranslation>['t'],
  date: (epochMs: number) => string,
  view: RefusedOpensView,
): string {
  if (view.shown === 'count')
    return t('secrets.refusedCount', { count: view.count, date: date(view.lastAt) });
  const attempts = view.attempts.map((attempt) =>
    t('secrets.refusedAttempt', { name: attempt.name, count: attempt.count, date: date(attempt.lastAt) }),
  );
  return t('secrets.refusedBy', { attempts: attempts.join('; ') });
}
