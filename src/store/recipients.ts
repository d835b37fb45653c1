/** Facts about an addressed recipient that the sharing rules need (S1, S2). */
import type { Recipient } from '../protocol/secrets.ts';
import { preparedQuery } from './prepared.ts';
import type { QueryTarget } from './query-target.ts';

export interface RecipientFacts {
  readonly teamExists: boolean;
  readonly addressIsKnownStaff: boolean;
}

// Each create runs one of these; compiled once (prepared.ts).
const preparedTeamById = preparedQuery((db, team: { id: string }) =>
  db.selectFrom('teams').select('id').where('id', '=', team.id),
);
const preparedStaffByEmail = preparedQuery((db, address: { email: string }) =>
  db.selectFrom('accounts').select('id').where('email', '=', address.email).where('role', '=', 'staff'),
);

export async function findRecipientFacts(target: QueryTarget, recipient: Recipient): Promise<RecipientFacts> {
  if (recipient.kind === 'team') {
    const teams = await preparedTeamById(target, { id: recipient.team });
    return { teamExists: teams.length > 0, addressIsKnownStaff: false };
  }
  // Staff by group claim may sign in with any domain; their address is still a staff address (S1).
  const staff = await preparedStaffByEmail(target, { email: recipient.email });
  return { teamExists: false, addressIsKnownStaff: staff.length > 0 };
}
