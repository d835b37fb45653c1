/** Facts about an addressed recipient that the sharing rules need (S1, S2, C4, C6). */
import type { Level } from '../protocol/values.ts';
import { preparedQuery } from './prepared.ts';
import type { QueryTarget } from './query-target.ts';
import { listTeamMembers, type StoredTeamMember } from './secret-recipients.ts';

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
const preparedTeamById = preparedQuery((db, team: { id: string }) =>
  db.selectFrom('teams').select('id').where('id', '=', team.id),
);
const preparedAccountsByEmail = preparedQuery((db, address: { email: string }) =>
  db.selectFrom('accounts').select(['role', 'clearance']).where('email', '=', address.email),
);

export async function findRecipientFacts(
  target: QueryTarget,
  recipient: { kind: 'customer'; email: string } | { kind: 'team'; team: string },
): Promise<RecipientFacts> {
  if (recipient.kind === 'team') {
    const teams = await preparedTeamById(target, { id: recipient.team });
    const teamMembers = teams.length > 0 ? await listTeamMembers(target, [recipient.team]) : [];
    return { teamExists: teams.length > 0, addressIsKnownStaff: false, knownClearance: null, teamMembers };
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
