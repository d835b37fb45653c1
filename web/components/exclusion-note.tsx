/**
 * C6: who of a team cannot open a classified secret, as the server lets this viewer see it: staff get
 * first names and +N, customers only the count. Nothing when nobody is excluded.
 */
import { useTranslation } from 'react-i18next';
import type { ExclusionView } from '../../src/protocol/secrets.ts';

export function exclusionText(
  t: ReturnType<typeof useTranslation>['t'],
  exclusion: ExclusionView,
): string | null {
  if (exclusion.count === 0) return null;
  if (exclusion.shown === 'count') return t('exclusion.count', { count: exclusion.count });
  const names = exclusion.names.join(', ');
  return exclusion.more > 0
    ? t('exclusion.namesMore', { names, more: exclusion.more })
    : t('exclusion.names', { names });
}

/** A note beside a team share; `noneEligible` warns that nobody of the team could open it. */
export function ExclusionNote({
  id,
  exclusion,
  noneEligible = false,
}: {
  id?: string;
  exclusion: ExclusionView;
  noneEligible?: boolean;
}) {
  const { t } = useTranslation();
  if (noneEligible) {
    return (
      <p id={id} className="note note-warning">
        {t('exclusion.noneEligible')}
      </p>
    );
  }
  const text = exclusionText(t, exclusion);
  return text ? (
    <p id={id} className="note">
      {text}
    </p>
  ) : null;
}
