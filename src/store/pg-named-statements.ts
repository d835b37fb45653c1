/**
 * PostgreSQL: the hot path's queries (prepared.ts) run as named statements, so each pooled connection
 * parses and plans each of them once instead of on every call. Kysely sends every query as
 * `client.query(sql, parameters)`; a query whose SQL text has been named here goes out as
 * `{ name, text, values }` instead, which pg prepares on a connection's first use and then only binds.
 *
 * Behind a transaction-pooling proxy, named statements need one that tracks them (PgBouncer 1.21 or newer
 * with `max_prepared_statements`); see docs/operations.md.
 */
import type pg from 'pg';

const names = new Map<string, string>();

/** Gives `sql` a statement name; the same text always gets the same name. */
export function nameStatement(sql: string): void {
  if (!names.has(sql)) names.set(sql, `safe_share_${names.size + 1}`);
}

type Query = (...args: unknown[]) => unknown;
type QueryCallback = (error: Error | null, result: unknown) => void;
/** pg's Query class, as its Client exposes it (`Client.Query`), built the way pg builds it from text. */
type QueryClass = new (text: string, values: unknown[], callback: QueryCallback) => { name?: string };

/**
 * Makes every client of `pool` send named SQL texts as named statements, and tells `observe` (if given)
 * the SQL text of every statement it sends: text only, never the bound values.
 *
 * A named statement goes out as pg's own Query object, built from the text and values (as pg builds
 * one for `client.query(text, values)`) and then given its name. Handing pg a `{ name, text, values }`
 * config instead made it copy the object through its property descriptors on every query
 * (`cloneQueryConfig`): 1.4-2.3% of the service's samples in the bench's PostgreSQL profile (issue 22).
 */
export function sendNamedStatements(pool: pg.Pool, observe?: (sql: string) => void): void {
  // 'connect' is pg-pool's hook for setting up each new connection, before its first query.
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as Query;
    const PgQuery = (client.constructor as unknown as { Query: QueryClass }).Query;
    const named: Query = (text, values, ...rest) => {
      if (typeof text === 'string') observe?.(text);
      const name = typeof text === 'string' && Array.isArray(values) ? names.get(text) : undefined;
      if (!name || rest.length > 0) return query(text, values, ...rest);
      // As pg's own promise for a query: the result, or the error the query failed with.
      return new Promise((resolve, reject) => {
        const submitted = new PgQuery(text as string, values as unknown[], (error, result) =>
          error ? reject(error) : resolve(result),
        );
        submitted.name = name;
        query(submitted);
      });
    };
    Object.assign(client, { query: named });
  });
}
