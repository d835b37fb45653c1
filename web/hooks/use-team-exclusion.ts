/** C6 as the sender picks a team and a level: the server's preview, fetched again on every change. */
import { useEffect, useState } from 'react';
import type { Level, TeamExclusionResponse } from '../../src/protocol/secrets.ts';
import { fetchTeamExclusion } from '../api/secrets.ts';

/** The preview for `team` at `classification`, or null while there is none (no team, or not loaded). */
export function useTeamExclusion(team: string, classification: Level): TeamExclusionResponse | null {
  const [preview, setPreview] = useState<{ key: string; value: TeamExclusionResponse } | null>(null);
  const key = `${team}\n${classification}`;
  useEffect(() => {
    if (!team) return;
    let current = true;
    fetchTeamExclusion(team, classification).then(
      (value) => current && setPreview({ key: `${team}\n${classification}`, value }),
      // Only a hint: the share itself is decided, and refused if it must be, when it is sent.
      () => current && setPreview(null),
    );
    return () => {
      current = false;
    };
  }, [team, classification]);
  return team && preview?.key === key ? preview.value : null;
}
