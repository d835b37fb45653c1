/**
 * Node's built-in `node:sqlite` with a cache of prepared statements, so the embedded store needs no
 * native addon. Two of these serve one store (sqlite-group-committer.ts): the writer, which holds the
 * batches of writes, and a reader for the reads outside them.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';

/** Prepared statements kept per connection; queries come from a small fixed set, so a cap only guards. */
const STATEMENT_CACHE_SIZE = 256;

export class NodeSqliteStatement {
  /** True when the statement returns rows (SELECT, or DELETE ... RETURNING). */
  readonly reader: boolean;
  readonly #statement: StatementSync;

  constructor(statement: StatementSync) {
    this.#statement = statement;
    // A statement returns rows exactly when it has result columns.
    this.reader = statement.columns().length > 0;
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.#statement.all(...(parameters as SQLInputValue[]));
  }

  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.#statement.run(...(parameters as SQLInputValue[]));
  }

  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.#statement.iterate(...(parameters as SQLInputValue[]));
  }
}

export class NodeSqliteDatabase {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, NodeSqliteStatement>();

  /**
   * Opens (or creates) the database file with durable settings: WAL, a full sync on every commit,
   * a busy timeout for a second process, and foreign keys enforced. `queryOnly`: a connection that
   * refuses every write (the reader), so a write sent to it by mistake fails instead of committing
   * outside a batch.
   */
  constructor(path: string, options: { queryOnly?: boolean } = {}) {
    this.#db = new DatabaseSync(path);
    this.#db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;',
    );
    if (options.queryOnly) this.#db.exec('PRAGMA query_only = ON;');
  }

  prepare(sql: string): NodeSqliteStatement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.clear();
      statement = new NodeSqliteStatement(this.#db.prepare(sql));
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs SQL without parameters or results (BEGIN, COMMIT, SAVEPOINT ...). */
  exec(sql: string): void {
    this.#db.exec(sql);
  }

  /** Whether a transaction is open: false after SQLite rolled one back by itself (I/O error, disk full). */
  get inTransaction(): boolean {
    return this.#db.isTransaction;
  }

  close(): void {
    this.#statements.clear();
    this.#db.close();
  }
}
