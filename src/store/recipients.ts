/** Facts about an addressed recipient that the sharing rules need (S1, S2). */
import type { Recipient } from '../protocol/secrets.ts';
import type { Store } from './connection.ts';
import { preparedQuery } from './prepared.ts';

export interface RecipientFacts {
  readonly teamExists: boolean;
  readonly addressIsKnownStaff: boolean;
}

// Each create runs one of these; compiled once (prepared.ts).
const teamById = preparedQuery((db, p: { team: string }) =>
  db.selectFrom('teams').select('id').where('id', '=', p.team),
);
const staffByEmail = preparedQuery((db, p: { email: string }) =>
  db.selectFrom('accounts').select('id').where('email', '=', p.email).where('role', '=', 'staff'),
);

export async function findRecipientFacts(store: Store, recipient: Recipient): Promise<RecipientFacts> {
  if (recipient.kind === 'team') {
    const teams = await teamById(store, { team: recipient.team });
    return { teamExists: teams.length > 0, addressIsKnownStaff: false };
  }
  // Staff by group claim may sign in with any domain; their address is still a staff address (S1).
  const staff = await staffByEmail(store, { email: recipient.email });
  return { teamExists: false, addressIsKnownStaff: staff.length > 0 };
}
