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
import { NodeSqliteDatabase } from './sqlite-adapter.ts';

export interface GroupCommitOptions {
  /** Most operations (single writes or transactions) in one batch; a full batch commits at once. */
  readonly maxBatch: number;
  /** Told after every successful COMMIT how many operations it held (tests and metrics). */
  readonly onCommit?: ((operations: number) => void) | undefined;
}

/** One transaction of writes: how many operations joined it, and its COMMIT's outcome. */
class Batch {
  operations = 0;
  readonly committed: Promise<void>;
  settle!: (error?: unknown) => void;

  constructor() {
    this.committed = new Promise<void>((resolve, reject) => {
      this.settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    // Rejections are seen by each operation that awaits; a batch nobody awaits must not crash the process.
    this.committed.catch(() => {});
  }
}

/**
 * Every operation of a batch that did not commit. It carries the SQLite error's codes, so the HTTP layer
 * tells an unavailable database (disk full, I/O error: 503, R3) from anything else as it did before.
 */
export class BatchLostError extends Error {
  readonly code: unknown;
  readonly errcode: unknown;

  constructor(cause: unknown) {
    super('the batch of writes holding this statement was rolled back', { cause });
    const codes = (cause ?? {}) as { code?: unknown; errcode?: unknown };
    this.code = codes.code;
    this.errcode = codes.errcode;
  }
}

const READ = /^\s*select\b/i;
const UNIT = 'safe_share_unit';

function execute<R>(db: NodeSqliteDatabase, query: CompiledQuery): QueryResult<R> {
  const statement = db.prepare(query.sql);
  if (statement.reader) return { rows: statement.all(query.parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(query.parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** The writer, its batches and its lock; the reader beside it. */
export class GroupCommitter {
  readonly #writer: NodeSqliteDatabase;
  readonly #reader: NodeSqliteDatabase;
  readonly #options: GroupCommitOptions;
  #batch: Batch | undefined;
  /** The writer's lock: held while a statement runs, and for a whole transaction (SAVEPOINT). */
  #locked = false;
  readonly #waiting: (() => void)[] = [];

  constructor(path: string, options: GroupCommitOptions) {
    // The writer first: it creates the file and switches it to WAL before the reader opens it.
    this.#writer = new NodeSqliteDatabase(path);
    this.#reader = new NodeSqliteDatabase(path, { queryOnly: true });
    this.#options = options;
  }

  /** Takes the lock; undefined when it was free (taken synchronously), else a promise of the hand-over. */
  #acquire(): Promise<void> | undefined {
    if (!this.#locked) {
      this.#locked = true;
      return undefined;
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Commits a full batch, then hands the lock to the next in line (who then holds it) or frees it. */
  #release(): void {
    if (this.#batch && this.#batch.operations >= this.#options.maxBatch) this.#commit();
    const next = this.#waiting.shift();
    if (next) next();
    else this.#locked = false;
  }

  /** The open batch, or a new one (BEGIN IMMEDIATE, its flush on the next check phase). Lock held. */
  #open(): Batch {
    if (this.#batch) return this.#batch;
    this.#writer.exec('BEGIN IMMEDIATE');
    const batch = new Batch();
    this.#batch = batch;
    setImmediate(() => void this.#flush(batch));
    return batch;
  }

  async #flush(batch: Batch): Promise<void> {
    if (this.#batch !== batch) return; // committed early (full), or lost
    const wait = this.#acquire();
    if (wait) await wait;
    if (this.#batch === batch) this.#commit();
    this.#release();
  }

  /** COMMIT the open batch (lock held); on failure roll it back and fail every operation in it. */
  #commit(): void {
    const batch = this.#batch;
    if (!batch) return;
    this.#batch = undefined;
    try {
      this.#writer.exec('COMMIT');
    } catch (error) {
      this.#rollbackQuietly();
      batch.settle(new BatchLostError(error));
      return;
    }
    batch.settle();
    try {
      this.#options.onCommit?.(batch.operations);
    } catch {
      // A listener's failure is not the commit's: the lock must still pass on.
    }
  }

  #rollbackQuietly(): void {
    try {
      if (this.#writer.inTransaction) this.#writer.exec('ROLLBACK');
    } catch {
      // Nothing more to undo: SQLite ends the transaction even when ROLLBACK reports an error.
    }
  }

  /**
   * After a statement failed (lock held): most errors undo only that statement, but some (disk full,
   * I/O error) make SQLite roll the whole transaction back. Then every operation of the batch failed.
   */
  #afterError(error: unknown): void {
    const batch = this.#batch;
    if (batch && !this.#writer.inTransaction) {
      this.#batch = undefined;
      batch.settle(new BatchLostError(error));
    }
  }

  read<R>(query: CompiledQuery): QueryResult<R> {
    return execute<R>(this.#reader, query);
  }

  /** A write outside a transaction: runs now in the batch, resolves after the batch's COMMIT. */
  async write<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const wait = this.#acquire();
    if (wait) await wait;
    let batch: Batch;
    let result: QueryResult<R>;
    try {
      batch = this.#open();
      result = execute<R>(this.#writer, query);
      batch.operations += 1;
    } catch (error) {
      this.#afterError(error);
      this.#release();
      throw error;
    }
    this.#release();
    await batch.committed;
    return result;
  }

  /** Starts a transaction: the lock (held until it ends) and a SAVEPOINT in the batch. */
  async begin(): Promise<Batch> {
    const wait = this.#acquire();
    if (wait) await wait;
    try {
      const batch = this.#open();
      this.#writer.exec(`SAVEPOINT ${UNIT}`);
      return batch;
    } catch (error) {
      this.#afterError(error);
      this.#release();
      throw error;
    }
  }

  /** A statement of the transaction begun in `batch`; refused when that batch was lost meanwhile. */
  inUnit<R>(batch: Batch, query: CompiledQuery): QueryResult<R> {
    if (this.#batch !== batch) throw new BatchLostError(undefined);
    try {
      return execute<R>(this.#writer, query);
    } catch (error) {
      this.#afterError(error);
      throw error;
    }
  }

  /** Ends the transaction into its batch (RELEASE), frees the lock, resolves after the batch's COMMIT. */
  async commitUnit(batch: Batch): Promise<void> {
    if (this.#batch !== batch) {
      this.#release();
      throw new BatchLostError(undefined);
    }
    try {
      this.#writer.exec(`RELEASE ${UNIT}`);
      batch.operations += 1;
    } catch (error) {
      this.#afterError(error);
      this.#release();
      throw error;
    }
    this.#release();
    await batch.committed;
  }

  /** Undoes only the transaction's own statements; the batch and its other operations go on. */
  rollbackUnit(batch: Batch): void {
    try {
      if (this.#batch === batch) this.#writer.exec(`ROLLBACK TO ${UNIT}; RELEASE ${UNIT}`);
    } catch (error) {
      this.#afterError(error);
    } finally {
      this.#release();
    }
  }

  /** Commits what is pending, then closes both connections. */
  async close(): Promise<void> {
    const wait = this.#acquire();
    if (wait) await wait;
    this.#commit();
    this.#reader.close();
    this.#writer.close();
  }

  /** A connection for Kysely: one per acquire, so a transaction's state is its own. */
  connection(): GroupCommitConnection {
    return new GroupCommitConnection(this);
  }
}

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

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#committer.connection();
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
