/**
 * Accounts, keyed by (issuer, subject) and never by e-mail (SPEC section 1). Rows are written only at
 * sign-in, from verified claims; the session hook reads them with their live team memberships.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Account } from '../domain/accounts.ts';
import type { Level } from '../protocol/secrets.ts';
import type { AccountsTable, Database } from './schema.ts';

export type AccountRow = Selectable<AccountsTable>;

/** What a sign-in writes: everything the provider says, refreshed each time. */
export type AccountFields = Pick<Account, 'email' | 'name' | 'locale' | 'role' | 'isAdmin' | 'clearance'>;

export async function findAccountBySubject(
  db: Kysely<Database>,
  issuer: string,
  subject: string,
): Promise<AccountRow | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst();
}

/** Inserts a new account; false when a concurrent sign-in of the same subject inserted it first. */
export async function insertAccount(
  db: Kysely<Database>,
  account: { id: string; issuer: string; subject: string; now: number } & AccountFields,
): Promise<boolean> {
  const inserted = await db
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
export async function updateAccount(
  db: Kysely<Database>,
  id: string,
  fields: AccountFields,
  now: number,
): Promise<void> {
  await db
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
