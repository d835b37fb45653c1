/**
 * The PostgreSQL side of openStore (connection.ts): the pg pool and its Kysely handle. A module of its
 * own, imported only when DATABASE_URL is set, so an instance on SQLite never loads the pg driver
 * (issue 22: idle memory).
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { PoolStats, StoreOptions } from './connection.ts';
import { sendNamedStatements } from './pg-named-statements.ts';
import type { Database } from './schema.ts';

/**
 * How long a query waits for a pooled connection (a new one, or a busy pool's next free one) before it
 * fails: while PostgreSQL is unreachable the API answers 503 after this long instead of hanging.
 */
const PG_CONNECT_TIMEOUT_MS = 5_000;

const PG_INT8 = 20;

/** int8 columns (epoch milliseconds, ids) as numbers: every value we store fits in 2^53. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === PG_INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** The pool for `databaseUrl` (connections open on first use) and its use now, for the metrics. */
export function openPostgres(
  databaseUrl: string,
  options: StoreOptions,
): { db: Kysely<Database>; poolStats: () => PoolStats } {
  const max = options.poolSize ?? 10;
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    types: pgTypes,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
  });
  pool.on('error', (error) => options.onConnectionError?.(error));
  // A connection that ends while a request holds it fails that request's query (503, R3); pg also
  // emits 'error' on the client then, which with no listener would end the process.
  pool.on('connect', (client) => client.on('error', () => {}));
  sendNamedStatements(pool, options.onStatement);
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, max, waiting: pool.waitingCount }),
  };
}
