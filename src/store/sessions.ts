/**
 * Server-side sessions (X5): the browser holds a random token, the database only its SHA-256, so a copy
 * of the database cannot be replayed as sessions. Deleting the row ends the session for every instance.
 */
import { type Kysely, sql } from 'kysely';
import type { Account } from '../domain/accounts.ts';
import { toAccount } from './accounts.ts';
import type { Store } from './connection.ts';
import { deleteExpiredLoginFlows } from './login-flows.ts';
import type { Dialect } from './migrations/types.ts';
import { preparedQuery } from './prepared.ts';
import { databaseOf } from './query-target.ts';
import type { Database } from './schema.ts';

export interface NewSession {
  /** SHA-256 (hex) of the cookie token. */
  readonly idHash: string;
  readonly accountId: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export async function insertSession(store: Store, session: NewSession): Promise<void> {
  await databaseOf(store)
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      account_id: session.accountId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** The account's team ids as a JSON array (text on SQLite, parsed by pg on PostgreSQL). */
function teamIdsOf(dialect: Dialect) {
  return dialect === 'postgres'
    ? sql<
        string[] | string | null
      >`(SELECT json_agg(team_id) FROM team_members WHERE account_id = accounts.id)`
    : sql<
        string[] | string | null
      >`(SELECT json_group_array(team_id) FROM team_members WHERE account_id = accounts.id)`;
}

/**
 * The active account of a live session, with its team memberships as they are now; no row when the
 * session is unknown or expired, or the account is disabled. Runs on every request, so it is one query
 * (session, account and memberships, all by index), not one per table: a round trip saved on every
 * request, and nothing cached, so a logout or a membership change counts at once on every instance.
 * Exported so that a route's first read can join it (secrets/read-with-session.ts).
 */
export function sessionAccountQuery(
  db: Kysely<Database>,
  session: { idHash: string; now: number },
  dialect: Dialect,
) {
  return (
    db
      .selectFrom('sessions')
      .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
      // Columns by name, not accounts.*: a named statement's result shape is fixed when it is planned,
      // and a column added by a later migration must not break the instances still running.
      .select([
        'accounts.id',
        'accounts.issuer',
        'accounts.subject',
        'accounts.email',
        'accounts.name',
        'accounts.locale',
        'accounts.role',
        'accounts.is_admin',
        'accounts.clearance',
        'accounts.status',
        'accounts.created_at',
        'accounts.last_login_at',
      ])
      .select(teamIdsOf(dialect).as('team_ids'))
      .where('sessions.id_hash', '=', session.idHash)
      .where('sessions.expires_at', '>', session.now)
      .where('accounts.status', '=', 'active')
  );
}

type SessionAccountRow = Awaited<ReturnType<ReturnType<typeof sessionAccountQuery>['execute']>>[number];

/** The account of a row of {@link sessionAccountQuery}, its team ids parsed and sorted. */
export function sessionAccountOf(row: SessionAccountRow): Account {
  const { team_ids: teamIds, ...account } = row;
  const parsed: string[] = typeof teamIds === 'string' ? JSON.parse(teamIds) : (teamIds ?? []);
  return toAccount(account, parsed.sort());
}

const preparedSessionAccount = preparedQuery(sessionAccountQuery);

export async function findSessionAccount(
  store: Store,
  idHash: string,
  now: number,
): Promise<Account | undefined> {
  const [row] = await preparedSessionAccount(store, { idHash, now });
  return row ? sessionAccountOf(row) : undefined;
}

/** Ends one session (logout). */
export async function deleteSession(store: Store, idHash: string): Promise<void> {
  await databaseOf(store).deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/**
 * Deletes expired sessions and expired sign-in flows; the expiry sweeper calls it. Expired rows are
 * already refused when read, so this only keeps the tables small.
 * @example const { sessions, loginFlows } = await deleteExpiredSessions(store, clock());
 */
export async function deleteExpiredSessions(
  store: Store,
  now: number,
): Promise<{ sessions: number; loginFlows: number }> {
  const result = await databaseOf(store)
    .deleteFrom('sessions')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  const loginFlows = await deleteExpiredLoginFlows(store, now);
  return { sessions: Number(result.numDeletedRows), loginFlows };
}
