/**
 * Bounded growth (issue 18; X4, X6):
 * - a sign-in flow records a hash of its client's address (`client_key`), so each address keeps only its
 *   newest flows (SIGN_IN_FLOWS_PER_ADDRESS); older rows have none and expire within minutes;
 * - an audit row counts the refusals it stands for (`count`): a refusal that repeats one already recorded
 *   (same action, actor, target and reason) adds to it, moving `at` to the latest and keeping the first in
 *   `first_at`. A unique index over that key lets one INSERT ... ON CONFLICT do it, also for concurrent
 *   repeats; refusals recorded before this migration are merged into one row per key first.
 */
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The key of a refusal; NULLs as '' so that they compare equal (a unique index keeps NULLs distinct). */
const REFUSAL_KEY = sql`action, (coalesce(actor_id, '')), (coalesce(target_hash, '')), (coalesce(reason, ''))`;

export function boundedGrowth(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('login_flows').addColumn('client_key', 'text').execute();
      await db.schema
        .createIndex('login_flows_client')
        .on('login_flows')
        .columns(['client_key', 'expires_at'])
        .execute();

      await db.schema
        .alterTable('audit_events')
        .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable('audit_events').addColumn('first_at', 'bigint').execute();
      // The newest row of each key stands for all of them: it takes their number and the first time.
      await sql`
        UPDATE audit_events SET count = repeats.n, first_at = repeats.first
        FROM (
          SELECT max(id) AS kept, count(*) AS n, min(at) AS first FROM audit_events
          WHERE outcome = 'refused' GROUP BY ${REFUSAL_KEY}
        ) AS repeats
        WHERE audit_events.id = repeats.kept AND repeats.n > 1`.execute(db);
      await sql`
        DELETE FROM audit_events WHERE outcome = 'refused' AND id NOT IN (
          SELECT max(id) FROM audit_events WHERE outcome = 'refused' GROUP BY ${REFUSAL_KEY}
        )`.execute(db);
      await sql`
        CREATE UNIQUE INDEX audit_events_refusal ON audit_events (${REFUSAL_KEY})
        WHERE outcome = 'refused'`.execute(db);
    },
  };
}
