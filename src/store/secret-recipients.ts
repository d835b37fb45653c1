/**
 * Who of a team may open a team secret (C6, C7): the team's members with their clearance now, and the
 * eligible recipients recorded when a secret was shared, with their clearance then. Rows go with their
 * secret (ON DELETE CASCADE).
 */
import type { Level } from '../protocol/values.ts';
import { preparedQuery } from './prepared.ts';
import { databaseOf, type QueryTarget } from './query-target.ts';
import type { Role } from './schema.ts';

/**
 * The columns a team member is judged by (C6), over `team_members` joined to `accounts`: one list for
 * `listTeamMembers` and the create's one-query read of a team with its members, so both see the same.
 */
export const TEAM_MEMBER_COLUMNS = [
  'team_members.team_id',
  'accounts.id',
  'accounts.name',
  'accounts.role',
  'accounts.is_admin',
  'accounts.clearance',
] as const;

/** A team member as C6 judges them: active accounts only (a disabled one opens nothing). */
export interface StoredTeamMember {
  readonly teamId: string;
  readonly accountId: string;
  readonly name: string;
  readonly role: Role;
  readonly isAdmin: boolean;
  readonly clearance: Level;
}

/** The active members of `teamIds` now, by name. */
export async function listTeamMembers(
  target: QueryTarget,
  teamIds: readonly string[],
): Promise<StoredTeamMember[]> {
  if (teamIds.length === 0) return [];
  const rows = await databaseOf(target)
    .selectFrom('team_members')
    .innerJoin('accounts', 'accounts.id', 'team_members.account_id')
    .select(TEAM_MEMBER_COLUMNS)
    .where('team_members.team_id', 'in', teamIds)
    .where('accounts.status', '=', 'active')
    .orderBy('accounts.name')
    .execute();
  return rows.map((row) => ({
    teamId: row.team_id,
    accountId: row.id,
    name: row.name,
    role: row.role,
    isAdmin: row.is_admin === 1,
    clearance: row.clearance as Level,
  }));
}

/** An eligible recipient as recorded when the secret was shared (C7). */
export interface RecordedRecipient {
  readonly secretId: string;
  readonly accountId: string;
  readonly clearance: Level;
}

const preparedRecordedClearance = preparedQuery((db, key: { secretId: string; accountId: string }) =>
  db
    .selectFrom('secret_recipients')
    .select('clearance')
    .where('secret_id', '=', key.secretId)
    .where('account_id', '=', key.accountId),
);

/** C7: the clearance recorded for `accountId` when `secretId` was shared with them; null if none was. */
export async function findRecordedClearance(
  target: QueryTarget,
  secretId: string,
  accountId: string,
): Promise<Level | null> {
  const [row] = await preparedRecordedClearance(target, { secretId, accountId });
  return row ? (row.clearance as Level) : null;
}

/** The recorded recipients of `secretIds`, optionally only those of one account. */
export async function listRecordedRecipients(
  target: QueryTarget,
  secretIds: readonly string[],
  accountId?: string,
): Promise<RecordedRecipient[]> {
  if (secretIds.length === 0) return [];
  let query = databaseOf(target)
    .selectFrom('secret_recipients')
    .select(['secret_id', 'account_id', 'clearance'])
    .where('secret_id', 'in', secretIds);
  if (accountId) query = query.where('account_id', '=', accountId);
  const rows = await query.execute();
  return rows.map((row) => ({
    secretId: row.secret_id,
    accountId: row.account_id,
    clearance: row.clearance as Level,
  }));
}
