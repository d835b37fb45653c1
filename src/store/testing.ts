/**
 * For tests only: the database handle behind a store, to arrange rows no API writes (a disabled account,
 * a changed sender) and to check the effects of a statement (a deleted content row, an audit entry).
 * Nothing in src/ or bench/ imports this file; test/unit/architecture.test.ts fails if anything does.
 */
import type { Kysely } from 'kysely';
import type { Store } from './connection.ts';
import { databaseOf } from './query-target.ts';
import type { Database } from './schema.ts';

export type { Database };

/** The Kysely handle of `store`, for a test's own queries. */
export function databaseForTests(store: Store): Kysely<Database> {
  return databaseOf(store);
}
