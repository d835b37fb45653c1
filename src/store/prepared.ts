/**
 * Queries on the hot path (the session lookup on every request, every create and open) built and
 * compiled by Kysely once per dialect; each call then only binds its values. Building a query through
 * Kysely's immutable operation tree and compiling it again on every call cost about 7% of the service's
 * CPU in the bench's profile (issue 10), for SQL text that never changes.
 *
 * How: the builder runs once with placeholder values, one unique marker per parameter name. Kysely
 * passes values through as bound parameters, so each marker shows up in the compiled parameter list at
 * the position where that value belongs. A call replaces the markers with its own values. A builder
 * must therefore pass each parameter on as a plain value (no branching on it, no computing with it);
 * anything else is caught at the first build, not silently mis-bound. On PostgreSQL the compiled text
 * also runs as a named statement, planned once per connection (pg-named-statements.ts).
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { Dialect } from './migrations/types.ts';
import { nameStatement } from './pg-named-statements.ts';
import { databaseOf, type QueryTarget } from './query-target.ts';
import type { Database } from './schema.ts';

type Slot = { readonly param: string } | { readonly constant: unknown };

interface Template {
  readonly sql: string;
  readonly slots: readonly Slot[];
}

const MARKER = '\u0000prepared-parameter:';

/** A query builder or a `sql` template: both compile, the latter only given the database. */
interface Compiles<Row> {
  compile(db: Kysely<Database>): CompiledQuery<Row>;
}

type Build<Params, Row> = (db: Kysely<Database>, params: Params, dialect: Dialect) => Compiles<Row>;

export type PreparedQuery<Params, Row> = (target: QueryTarget, params: Params) => Promise<Row[]>;

function compileTemplate<Params extends object, Row>(
  target: QueryTarget,
  build: Build<Params, Row>,
): Template {
  const used = new Set<string>();
  const markers = new Proxy(
    {},
    {
      get: (_target, name) => {
        if (typeof name !== 'string') return undefined;
        used.add(name);
        return `${MARKER}${name}`;
      },
    },
  ) as Params;
  const db = databaseOf(target);
  const compiled = build(db, markers, target.dialect).compile(db);
  if (compiled.sql.includes(MARKER)) throw new Error('prepared query: a parameter was inlined into the SQL');
  const bound = new Set<string>();
  const slots = compiled.parameters.map((value): Slot => {
    if (typeof value === 'string' && value.startsWith(MARKER)) {
      const param = value.slice(MARKER.length);
      bound.add(param);
      return { param };
    }
    return { constant: value };
  });
  for (const name of used) {
    if (!bound.has(name)) throw new Error(`prepared query: parameter ${name} is not bound as a value`);
  }
  if (target.dialect === 'postgres') nameStatement(compiled.sql);
  return { sql: compiled.sql, slots };
}

/**
 * A query whose shape is fixed, compiled on first use per dialect. `build` receives placeholders for
 * `params`; the returned function runs the query with real values on the target (the store, or a
 * transaction) and resolves to its rows.
 */
export function preparedQuery<Params extends object, Row>(
  build: Build<Params, Row>,
): PreparedQuery<Params, Row> {
  const templates = new Map<Dialect, Template>();
  return async (target, params) => {
    let template = templates.get(target.dialect);
    if (!template) {
      template = compileTemplate(target, build);
      templates.set(target.dialect, template);
    }
    const values = params as Record<string, unknown>;
    const parameters = template.slots.map((slot) => ('param' in slot ? values[slot.param] : slot.constant));
    const result = await databaseOf(target).executeQuery<Row>(CompiledQuery.raw(template.sql, parameters));
    return result.rows;
  };
}
