/**
 * Teams and their members. Teams come from the configuration (seeded at start); membership comes from the
 * groups claim at each sign-in (source 'claim', replaced every time) or from an admin (source 'admin',
 * kept across sign-ins).
 */
import type { Team } from '../protocol/accounts.ts';
import { databaseOf, type QueryTarget } from './query-target.ts';

export type { Team };

/**
 * Makes sure every configured team exists, with its configured name. Idempotent. A team no longer
 * configured keeps its row: its secrets name it, and its recorded members can still open them until they
 * expire; it is no longer offered (usecases/accounts.ts, domain/sharing.ts).
 */
export async function seedTeams(target: QueryTarget, teams: readonly Team[], now: number): Promise<void> {
  if (teams.length === 0) return;
  await databaseOf(target)
    .insertInto('teams')
    .values(teams.map((team) => ({ id: team.id, name: team.name, created_at: now })))
    .onConflict((conflict) => conflict.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
    .execute();
}

/** Every team, by name; only those of `ids` when given (the configured ones). */
export async function listTeams(target: QueryTarget, ids?: readonly string[]): Promise<Team[]> {
  if (ids?.length === 0) return [];
  let query = databaseOf(target).selectFrom('teams').select(['id', 'name']);
  if (ids) query = query.where('id', 'in', ids);
  return query.orderBy('name').execute();
}

/** The teams an account is a member of now, by name. */
export async function listMemberTeams(target: QueryTarget, accountId: string): Promise<Team[]> {
  return databaseOf(target)
    .selectFrom('team_members')
    .innerJoin('teams', 'teams.id', 'team_members.team_id')
    .select(['teams.id', 'teams.name'])
    .where('team_members.account_id', '=', accountId)
    .orderBy('teams.name')
    .execute();
}

/**
 * Replaces an account's claim memberships of the configured teams (`configuredTeamIds`; undefined: of
 * every team) with `teamIds` (only teams that exist). Memberships an admin set stay as they are, and so do memberships of teams no
 * longer configured: their members keep opening the team's remaining secrets until those expire.
 */
export async function replaceClaimMemberships(
  target: QueryTarget,
  accountId: string,
  membership: {
    readonly teamIds: readonly string[];
    readonly configuredTeamIds?: readonly string[] | undefined;
  },
  now: number,
): Promise<void> {
  const db = databaseOf(target);
  const { teamIds, configuredTeamIds } = membership;
  if (configuredTeamIds?.length !== 0) {
    let claimed = db
      .deleteFrom('team_members')
      .where('account_id', '=', accountId)
      .where('source', '=', 'claim');
    if (configuredTeamIds) claimed = claimed.where('team_id', 'in', configuredTeamIds);
    await claimed.execute();
  }
  if (teamIds.length === 0) return;
  const existing = await db.selectFrom('teams').select('id').where('id', 'in', teamIds).execute();
  if (existing.length === 0) return;
  await db
    .insertInto('team_members')
    .values(
      existing.map(({ id }) => ({ team_id: id, account_id: accountId, source: 'claim', created_at: now })),
    )
    // An admin membership of the same team stays an admin membership.
    .onConflict((conflict) => conflict.columns(['team_id', 'account_id']).doNothing())
    .execute();
}

/** Removes every membership of an account (it is no longer staff). */
export async function removeAllMemberships(target: QueryTarget, accountId: string): Promise<void> {
  await databaseOf(target).deleteFrom('team_members').where('account_id', '=', accountId).execute();
}
