/**
 * Where a query runs: the store's pool, or one transaction of it. Every store function takes one, so the
 * same function runs alone or as part of a larger transaction.
 *
 * Only `store/` holds the database handle (DESIGN "Layout and dependency rules"): outside it a
 * QueryTarget can be passed on, never queried. The handle sits in a private field; `databaseOf` is for
 * store modules only, and test/unit/architecture.test.ts fails when anything else imports it.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from './migrations/types.ts';
import type { Database } from './schema.ts';

export class QueryTarget {
  readonly dialect: Dialect;
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>, dialect: Dialect) {
    this.#db = db;
    this.dialect = dialect;
  }

  /** The Kysely handle behind a target; see {@link databaseOf}. */
  static handleOf(target: QueryTarget): Kysely<Database> {
    return target.#db;
  }
}

/** The Kysely handle of `target`: the pool, or the transaction. For `store/` modules only. */
export function databaseOf(target: QueryTarget): Kysely<Database> {
  return QueryTarget.handleOf(target);
}

/**
 * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. Kysely refuses
 * a transaction inside a transaction, so `target` is the store itself.
 */
export function inTransaction<T>(
  target: QueryTarget,
  work: (transaction: QueryTarget) => Promise<T>,
): Promise<T> {
  return databaseOf(target)
    .transaction()
    .execute((transaction) => work(new QueryTarget(transaction, target.dialect)));
}
