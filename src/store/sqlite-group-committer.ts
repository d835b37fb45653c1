/**
 * The writer of the embedded database's group commit (decision 0018), with its batches and its lock, and
 * the query-only reader beside it. sqlite-group-commit.ts says what it guarantees and puts Kysely in
 * front of it.
 */
import type { CompiledQuery, QueryResult } from 'kysely';
import { NodeSqliteDatabase } from './sqlite-adapter.ts';
import { Batch, BatchLostError } from './sqlite-batch.ts';

export interface GroupCommitOptions {
  /** Most operations (single writes or transactions) in one batch; a full batch commits at once. */
  readonly maxBatch: number;
  /** Told after every successful COMMIT how many operations it held (tests and metrics). */
  readonly onCommit?: ((operations: number) => void) | undefined;
}

/** The SAVEPOINT that holds one explicit transaction inside its batch. */
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

  /**
   * Takes the lock; undefined when it was free (taken synchronously, so a write on a free writer runs
   * in the turn it was called in), else a promise of the hand-over.
   */
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

  /**
   * Runs `step` on the writer, lock held. If it throws, the batch is judged (#afterError), the lock passes
   * on and the error goes to the caller; if not, the caller still holds the lock.
   */
  #guarded<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      this.#afterError(error);
      this.#release();
      throw error;
    }
  }

  /**
   * Counts a finished operation into `batch` and passes the lock on; the promise is the batch's COMMIT,
   * so the operation's caller hears nothing before the commit that holds its write.
   */
  #joined(batch: Batch): Promise<void> {
    batch.operations += 1;
    this.#release();
    return batch.committed;
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
    const { batch, result } = this.#guarded(() => {
      const batch = this.#open();
      return { batch, result: execute<R>(this.#writer, query) };
    });
    await this.#joined(batch);
    return result;
  }

  /** Starts a transaction: the lock, held until commitUnit or rollbackUnit, and a SAVEPOINT in the batch. */
  async begin(): Promise<Batch> {
    const wait = this.#acquire();
    if (wait) await wait;
    return this.#guarded(() => {
      const batch = this.#open();
      this.#writer.exec(`SAVEPOINT ${UNIT}`);
      return batch;
    });
  }

  /** A statement of the transaction begun in `batch`; refused when that batch was lost meanwhile. */
  inUnit<R>(batch: Batch, query: CompiledQuery): QueryResult<R> {
    if (this.#batch !== batch) throw new BatchLostError(undefined);
    try {
      return execute<R>(this.#writer, query);
    } catch (error) {
      // The transaction keeps the lock: its end (commitUnit or rollbackUnit) passes it on.
      this.#afterError(error);
      throw error;
    }
  }

  /** Ends the transaction into its batch (RELEASE), frees the lock, resolves after the batch's COMMIT. */
  async commitUnit(batch: Batch): Promise<void> {
    this.#guarded(() => {
      // Lost meanwhile (#afterError emptied #batch; only this lock's holder could open another).
      if (this.#batch !== batch) throw new BatchLostError(undefined);
      this.#writer.exec(`RELEASE ${UNIT}`);
    });
    await this.#joined(batch);
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
}
