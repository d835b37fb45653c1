/** Facts about an addressed recipient that the sharing rules need (S1, S2). */
import type { Recipient } from '../protocol/secrets.ts';
import type { Store } from './connection.ts';

export interface RecipientFacts {
  readonly teamExists: boolean;
  readonly addressIsKnownStaff: boolean;
}

export async function findRecipientFacts(store: Store, recipient: Recipient): Promise<RecipientFacts> {
  if (recipient.kind === 'team') {
    const team = await store.db
      .selectFrom('teams')
      .select('id')
      .where('id', '=', recipient.team)
      .executeTakeFirst();
    return { teamExists: team !== undefined, addressIsKnownStaff: false };
  }
  // Staff by group claim may sign in with any domain; their address is still a staff address (S1).
  const staff = await store.db
    .selectFrom('accounts')
    .select('id')
    .where('email', '=', recipient.email)
    .where('role', '=', 'staff')
    .executeTakeFirst();
  return { teamExists: false, addressIsKnownStaff: staff !== undefined };
}
