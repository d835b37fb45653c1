/**
 * Issue 18, X6: migration 0005 on a database that already holds repeated refusals (recorded one row per
 * try before it) merges them into one row per actor, target and reason, with their number and first
 * time, and keeps every other row as it was.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/connection.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.ts';

const MIGRATION = '0005-bounded-growth';

describe.each(DIALECTS)('migration 0005 on %s', (dialect) => {
  let database: TestDatabase;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    await database.drop();
  });

  /** The schema as it was before 0005: its index and columns taken out again, its record deleted. */
  async function before0005(target: Store): Promise<void> {
    const db = databaseForTests(target);
    await sql`DROP INDEX audit_events_refusal`.execute(db);
    await sql`DROP INDEX login_flows_client`.execute(db);
    await sql`ALTER TABLE audit_events DROP COLUMN count`.execute(db);
    await sql`ALTER TABLE audit_events DROP COLUMN first_at`.execute(db);
    await sql`ALTER TABLE login_flows DROP COLUMN client_key`.execute(db);
    await sql`DELETE FROM kysely_migration WHERE name = ${MIGRATION}`.execute(db);
  }

  it('merges repeated refusals into one row with their count and first time', async () => {
    database = await createTestDatabase(dialect);
    const open = () => openStore({ dataDir: database.dataDir, databaseUrl: database.databaseUrl });
    store = await open();
    await before0005(store);
    const row = (
      at: number,
      actor: string | null,
      target: string | null,
      reason: string,
      outcome = 'refused',
    ) =>
      sql`INSERT INTO audit_events (at, actor_id, action, target_hash, outcome, reason)
          VALUES (${at}, ${actor}, 'secret.refused', ${target}, ${outcome}, ${reason})`.execute(
        databaseForTests(store as Store),
      );
    await row(1, 'dirk', 'h1', 'not_recipient');
    await row(2, 'dirk', 'h1', 'not_recipient');
    await row(3, 'dirk', 'h1', 'wrong_proof');
    await row(4, null, null, 'unknown');
    await row(5, 'dirk', 'h1', 'not_recipient');
    await row(6, null, null, 'unknown');
    await row(7, 'carla', 'h1', 'ok', 'ok');
    await row(8, 'carla', 'h1', 'ok', 'ok');
    await store.close();

    store = await open(); // runs 0005 again, on the rows above
    const rows = await databaseForTests(store)
      .selectFrom('audit_events')
      .select(['at', 'first_at', 'count', 'actor_id', 'reason', 'outcome'])
      .orderBy('at')
      .execute();
    expect(rows).toEqual([
      { at: 3, first_at: null, count: 1, actor_id: 'dirk', reason: 'wrong_proof', outcome: 'refused' },
      { at: 5, first_at: 1, count: 3, actor_id: 'dirk', reason: 'not_recipient', outcome: 'refused' },
      { at: 6, first_at: 4, count: 2, actor_id: null, reason: 'unknown', outcome: 'refused' },
      // Events that are not refusals are never merged.
      { at: 7, first_at: null, count: 1, actor_id: 'carla', reason: 'ok', outcome: 'ok' },
      { at: 8, first_at: null, count: 1, actor_id: 'carla', reason: 'ok', outcome: 'ok' },
    ]);
  });
});
