/**
 * C6 before sharing: as the sender picks a team and a level, who of the team could not open the secret,
 * as the sender may see them (staff: first names and +N; customers: the count only), and whether anyone
 * could. Reads only; `createSecret` decides again when the secret is sent.
 */
import type { Account } from '../domain/accounts.ts';
import { effectiveClassification, exclusionView, partitionTeam } from '../domain/levels.ts';
import { teamMembersBesides } from '../domain/sharing.ts';
import { AppError } from '../protocol/errors.ts';
import type { TeamExclusionResponse } from '../protocol/secrets.ts';
import type { Level } from '../protocol/values.ts';
import type { Store } from '../store/connection.ts';
import { listTeamMembers } from '../store/secret-recipients.ts';
import type { SettingsSource } from './settings.ts';

export interface TeamShareDeps {
  readonly store: Store;
  readonly settings: SettingsSource;
  /** The teams offered (TEAMS), by id: any other is `share.unknown_team`, as it is when sharing. */
  readonly offeredTeamIds: readonly string[];
}

/** `GET /api/teams/:id/exclusion?classification=`: C6's exclusion for a share not yet made. */
export async function previewTeamShare(
  deps: TeamShareDeps,
  sender: Account,
  teamId: string,
  classification: Level,
): Promise<TeamExclusionResponse> {
  if (!deps.offeredTeamIds.includes(teamId)) throw new AppError('share.unknown_team');
  const settings = await deps.settings.current();
  // As sharing decides it: a staff sender of their own team is not among its recipients (issue 17).
  const members = teamMembersBesides(await listTeamMembers(deps.store, [teamId]), sender);
  const level = effectiveClassification(classification, settings);
  const { eligible, excluded } = partitionTeam(members, level, settings);
  return {
    exclusion: exclusionView(excluded, sender.role),
    // As sharing decides it: a team nobody has joined yet is not refused.
    anyEligible: eligible.length > 0 || excluded.length === 0,
  };
}
