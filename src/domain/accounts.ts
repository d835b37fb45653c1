/** Accounts as the rules see them. */
import type { Level } from '../protocol/secrets.ts';

export type Role = 'staff' | 'customer';

/** A signed-in account, with live team membership. Identified by (issuer, subject), never by e-mail alone. */
export interface Account {
  readonly id: string;
  readonly issuer: string;
  readonly subject: string;
  /** Verified, normalised e-mail (see `normaliseEmail`). */
  readonly email: string;
  readonly name: string;
  readonly locale: string;
  readonly role: Role;
  readonly isAdmin: boolean;
  /** C2: admins always have level 3. */
  readonly clearance: Level;
  readonly active: boolean;
  /** Ids of the teams this account is a member of now. */
  readonly teamIds: readonly string[];
}
