/** Facts about an addressed recipient that the sharing rules need (S1, S2, C4, C6). */
import type { Level } from '../protocol/values.ts';
import { preparedQuery } from './prepared.ts';
import type { QueryTarget } from './query-target.ts';
import { type StoredTeamMember, TEAM_MEMBER_COLUMNS } from './secret-recipients.ts';

export interface RecipientFacts {
  readonly teamExists: boolean;
  readonly addressIsKnownStaff: boolean;
  /**
   * C4, direct shares: the highest clearance of the customer accounts signed in with the address (one
   * address may have accounts at two issuers); null when nobody has signed in with it yet.
   */
  readonly knownClearance: Level | null;
  /** C6, team shares: the team's active members with their clearance now. */
  readonly teamMembers: readonly StoredTeamMember[];
}

// Each create runs one of these; compiled once (prepared.ts).
/**
 * A team and its active members by name, in one query (one round trip on PostgreSQL): no row when no
 * team has the id, one row with no member when it has none active; the same members, in the same
 * order, as `listTeamMembers` gives.
 */
const preparedTeamWithMembers = preparedQuery((db, team: { id: string }) =>
  db
    .selectFrom('teams')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('team_members')
          .innerJoin('accounts', 'accounts.id', 'team_members.account_id')
          .select(TEAM_MEMBER_COLUMNS)
          .where('accounts.status', '=', 'active')
          .as('member'),
      (join) => join.onRef('member.team_id', '=', 'teams.id'),
    )
    .select([
      'teams.id as team_id',
      'member.id as account_id',
      'member.name',
      'member.role',
      'member.is_admin',
      'member.clearance',
    ])
    .where('teams.id', '=', team.id)
    .orderBy('member.name'),
);
const preparedAccountsByEmail = preparedQuery((db, address: { email: string }) =>
  db.selectFrom('accounts').select(['role', 'clearance']).where('email', '=', address.email),
);

export async function findRecipientFacts(
  target: QueryTarget,
  recipient: { kind: 'customer'; email: string } | { kind: 'team'; team: string },
): Promise<RecipientFacts> {
  if (recipient.kind === 'team') {
    const rows = await preparedTeamWithMembers(target, { id: recipient.team });
    const teamMembers: StoredTeamMember[] = [];
    for (const row of rows) {
      if (row.account_id === null || row.name === null || row.role === null) continue;
      teamMembers.push({
        teamId: row.team_id,
        accountId: row.account_id,
        name: row.name,
        role: row.role,
        isAdmin: row.is_admin === 1,
        clearance: row.clearance as Level,
      });
    }
    return { teamExists: rows.length > 0, addressIsKnownStaff: false, knownClearance: null, teamMembers };
  }
  const accounts = await preparedAccountsByEmail(target, { email: recipient.email });
  const customers = accounts.filter((account) => account.role === 'customer');
  return {
    teamExists: false,
    // Staff by group claim may sign in with any domain; their address is still a staff address (S1).
    addressIsKnownStaff: accounts.some((account) => account.role === 'staff'),
    knownClearance:
      customers.length === 0 ? null : (Math.max(...customers.map((account) => account.clearance)) as Level),
    teamMembers: [],
  };
}
