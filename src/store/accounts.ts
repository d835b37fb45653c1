/**
 * Accounts, keyed by (issuer, subject) and never by e-mail (SPEC section 1). Rows are written only at
 * sign-in, from verified claims; the session hook reads them with their live team memberships.
 */
import type { Selectable } from 'kysely';
import type { Account } from '../domain/accounts.ts';
import type { PreviousAccount } from '../domain/roles.ts';
import type { Level } from '../protocol/secrets.ts';
import type { Store } from './connection.ts';
import { newId } from './ids.ts';
import { databaseOf, inTransaction, type QueryTarget } from './query-target.ts';
import type { AccountsTable } from './schema.ts';
import { removeAllMemberships, replaceClaimMemberships } from './teams.ts';

export type AccountRow = Selectable<AccountsTable>;

/** What a sign-in writes: everything the provider says, refreshed each time. */
export type AccountFields = Pick<Account, 'email' | 'name' | 'locale' | 'role' | 'isAdmin' | 'clearance'>;

/** What a sign-in decides for an account: its fields, and (for staff) its teams from the claims. */
export interface SignedInAccount extends AccountFields {
  readonly teamIds: readonly string[];
  /**
   * The teams the claims speak for (the configured ones): claim memberships of these are replaced by
   * `teamIds`; those of teams no longer configured stay until their secrets expire. Undefined: all of them
   * are replaced.
   */
  readonly configuredTeamIds?: readonly string[] | undefined;
}

export interface SignInKey {
  /** The issuer the account is keyed by. */
  readonly issuer: string;
  readonly subject: string;
  readonly now: number;
}

export type SignInOutcome =
  | { readonly outcome: 'signed_in'; readonly accountId: string }
  | { readonly outcome: 'disabled' };

/**
 * Creates or refreshes the account of (issuer, subject) in one transaction. `decide` maps the account
 * as it was before this sign-in (undefined for a first one) to what it is now; it is the caller's rule
 * (auth/ maps claims with domain/), this function only stores it. A disabled account is left as it is.
 * Customers keep no team membership, not even one an admin set.
 */
export async function saveSignedInAccount(
  store: Store,
  key: SignInKey,
  decide: (previous: PreviousAccount | undefined) => SignedInAccount,
): Promise<SignInOutcome> {
  return inTransaction(store, async (transaction) => {
    // Twice at most: a concurrent first sign-in of the same subject may insert the row between our
    // look-up and our insert; then we update the row it made.
    for (let attempt = 0; attempt < 2; attempt++) {
      const previous = await findAccountBySubject(transaction, key.issuer, key.subject);
      if (previous?.status === 'disabled') return { outcome: 'disabled' };
      const account = decide(
        previous && { clearance: previous.clearance as Level, isAdmin: previous.is_admin === 1 },
      );
      let id = previous?.id;
      if (id) {
        await updateAccount(transaction, id, account, key.now);
      } else {
        id = newId();
        if (!(await insertAccount(transaction, { ...account, ...key, id }))) continue;
      }
      if (account.role === 'staff') await replaceClaimMemberships(transaction, id, account, key.now);
      else await removeAllMemberships(transaction, id);
      return { outcome: 'signed_in', accountId: id };
    }
    throw new Error('account provisioning raced twice');
  });
}

async function findAccountBySubject(
  target: QueryTarget,
  issuer: string,
  subject: string,
): Promise<AccountRow | undefined> {
  return databaseOf(target)
    .selectFrom('accounts')
    .selectAll()
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst();
}

/** Inserts a new account; false when a concurrent sign-in of the same subject inserted it first. */
async function insertAccount(
  target: QueryTarget,
  account: { id: string; issuer: string; subject: string; now: number } & AccountFields,
): Promise<boolean> {
  const inserted = await databaseOf(target)
    .insertInto('accounts')
    .values({
      id: account.id,
      issuer: account.issuer,
      subject: account.subject,
      ...columnsOf(account),
      status: 'active',
      created_at: account.now,
      last_login_at: account.now,
    })
    .onConflict((conflict) => conflict.columns(['issuer', 'subject']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Refreshes an existing account from a sign-in. */
async function updateAccount(
  target: QueryTarget,
  id: string,
  fields: AccountFields,
  now: number,
): Promise<void> {
  await databaseOf(target)
    .updateTable('accounts')
    .set({ ...columnsOf(fields), last_login_at: now })
    .where('id', '=', id)
    .execute();
}

export function toAccount(row: AccountRow, teamIds: readonly string[]): Account {
  return {
    id: row.id,
    issuer: row.issuer,
    subject: row.subject,
    email: row.email,
    name: row.name,
    locale: row.locale,
    role: row.role,
    isAdmin: row.is_admin === 1,
    clearance: row.clearance as Level,
    active: row.status === 'active',
    teamIds,
  };
}

function columnsOf(fields: AccountFields) {
  return {
    email: fields.email,
    name: fields.name,
    locale: fields.locale,
    role: fields.role,
    is_admin: fields.isAdmin ? 1 : 0,
    clearance: fields.clearance,
  };
}
