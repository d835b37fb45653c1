/**
 * Group commit on the embedded database (DESIGN "Commits on the embedded database", decision 0018).
 *
 * `node:sqlite` is synchronous, so a commit's fsync (`synchronous = FULL`) blocks the one JavaScript
 * thread. Here the writes that arrive in one event-loop turn share one transaction, committed once on
 * `setImmediate` (or sooner, when `maxBatch` operations have joined it):
 *
 * - A write runs at once, inside the open batch transaction (BEGIN IMMEDIATE by the batch's first
 *   write), so its result is known at once and later statements of the batch see it: a burn that loses
 *   to an earlier burn of the same batch deletes nothing and answers gone (O2). Its promise resolves
 *   only after the COMMIT holding it returned: no request is answered on a write that is not durable.
 * - If the COMMIT fails (or SQLite rolls the transaction back by itself: disk full, I/O error), every
 *   operation of the batch rejects, so nothing a batch produced (a burned secret's content) is handed out.
 * - A statement that fails on its own (a constraint) is undone by SQLite alone (statement atomicity);
 *   only its own request fails, the batch goes on.
 * - An explicit transaction (`inTransaction`, Kysely's `transaction()`) is one operation of a batch: a
 *   SAVEPOINT, with the writer locked for it until it is released or rolled back, so no other request's
 *   statement lands inside it, and a rollback undoes only its own statements. It resolves, like a single
 *   write, after the batch's COMMIT. The multi-statement operations of one request (create, burn,
 *   invitations, provisioning, the sweeper) are all such transactions, hence all or nothing.
 * - Reads outside a transaction (statements starting with SELECT) run on a second, query-only
 *   connection that sees only committed data: they are not delayed by a batch and never see a write
 *   that is not durable yet.
 *
 * Statements that SQLite refuses inside a transaction (VACUUM, some PRAGMAs) cannot go through this
 * driver; the store sends none (migrations included). Kysely's own per-connection mutex is switched off
 * (`supportsMultipleConnections`), because it holds the connection until a query's promise resolves,
 * which here is after the commit: it would serialise every request and nothing would batch.
 *
 * This file is Kysely's side (dialect, driver, connections); the writer, its lock and its batches are in
 * sqlite-group-committer.ts, a batch and its error in sqlite-batch.ts.
 */
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Driver,
  type Kysely,
  type Dialect as KyselyDialect,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { Batch } from './sqlite-batch.ts';
import { type GroupCommitOptions, GroupCommitter } from './sqlite-group-committer.ts';

/** Statements that run on the reader when outside a transaction. */
const READ = /^\s*select\b/i;

class GroupCommitConnection implements DatabaseConnection {
  readonly #committer: GroupCommitter;
  /** The batch of the transaction open on this connection, if one is. */
  unit: Batch | undefined;

  constructor(committer: GroupCommitter) {
    this.#committer = committer;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.unit) return this.#committer.inUnit<R>(this.unit, query);
    if (READ.test(query.sql)) return this.#committer.read<R>(query);
    return this.#committer.write<R>(query);
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // Only plain reads stream (as Kysely's own SQLite driver); they come from the reader, row by row.
    if (this.unit || !READ.test(query.sql)) throw new Error('SQLite streams only reads outside transactions');
    for (const row of this.#committer.read<R>(query).rows) yield { rows: [row] };
  }
}

class GroupCommitDriver implements Driver {
  readonly #committer: GroupCommitter;

  constructor(committer: GroupCommitter) {
    this.#committer = committer;
  }

  async init(): Promise<void> {}

  /** One connection per acquire, so a transaction's state is its own. */
  async acquireConnection(): Promise<DatabaseConnection> {
    return new GroupCommitConnection(this.#committer);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as GroupCommitConnection).unit = await this.#committer.begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const handle = connection as GroupCommitConnection;
    const batch = handle.unit;
    handle.unit = undefined;
    // Kysely calls rollbackTransaction when this throws; with `unit` cleared that is a no-op.
    if (batch) await this.#committer.commitUnit(batch);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const handle = connection as GroupCommitConnection;
    const batch = handle.unit;
    handle.unit = undefined;
    if (batch) this.#committer.rollbackUnit(batch);
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    await this.#committer.close();
  }
}

/** SQLite as Kysely knows it, minus the connection mutex (see the top of this file). */
class GroupCommitAdapter extends SqliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

/** The Kysely dialect of the embedded store: SQLite's SQL, this file's driver. */
export function groupCommitDialect(path: string, options: GroupCommitOptions): KyselyDialect {
  const committer = new GroupCommitter(path, options);
  return {
    createAdapter: () => new GroupCommitAdapter(),
    createDriver: () => new GroupCommitDriver(committer),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    // biome-ignore lint/suspicious/noExplicitAny: Kysely's introspector takes any database schema.
    createIntrospector: (db: Kysely<any>): DatabaseIntrospector => new SqliteIntrospector(db),
  };
}
