/**
 * Teams and their members. Teams come from the configuration (seeded at start); membership comes from the
 * groups claim at each sign-in (source 'claim', replaced every time) or from an admin (source 'admin',
 * kept across sign-ins).
 */
import type { Team } from '../protocol/accounts.ts';
import { databaseOf, type QueryTarget } from './query-target.ts';

export type { Team };

/**
 * The stable id of a configured team name: lower-case ASCII letters and digits joined by dashes.
 * @example teamIdFor('GO Engineers') // 'go-engineers'
 */
export function teamIdFor(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The configured team names as teams, with their ids. Two names with one id are a configuration error. */
export function teamsFromNames(names: readonly string[]): Team[] {
  const teams = names.map((name) => ({ id: teamIdFor(name), name }));
  const ids = new Set<string>();
  for (const team of teams) {
    if (team.id === '' || ids.has(team.id)) {
      throw new Error(`Team name "${team.name}" gives an empty or duplicate team id`);
    }
    ids.add(team.id);
  }
  return teams;
}

/** Makes sure every configured team exists, with its configured name. Idempotent; keeps teams no longer configured. */
export async function seedTeams(target: QueryTarget, teams: readonly Team[], now: number): Promise<void> {
  if (teams.length === 0) return;
  await databaseOf(target)
    .insertInto('teams')
    .values(teams.map((team) => ({ id: team.id, name: team.name, created_at: now })))
    .onConflict((conflict) => conflict.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
    .execute();
}

/** Every team, by name. */
export async function listTeams(target: QueryTarget): Promise<Team[]> {
  return databaseOf(target).selectFrom('teams').select(['id', 'name']).orderBy('name').execute();
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
 * Replaces an account's claim memberships with `teamIds` (only teams that exist); memberships an admin set
 * stay as they are.
 */
export async function replaceClaimMemberships(
  target: QueryTarget,
  accountId: string,
  teamIds: readonly string[],
  now: number,
): Promise<void> {
  const db = databaseOf(target);
  await db
    .deleteFrom('team_members')
    .where('account_id', '=', accountId)
    .where('source', '=', 'claim')
    .execute();
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
