/**
 * Prepared queries (issue 10): compiled once per dialect, each call binds its own values. A builder that
 * does anything with a parameter other than passing it on as a value is refused at the first call.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/connection.ts';
import { preparedQuery } from '../../src/store/prepared.ts';
import { inTransaction } from '../../src/store/query-target.ts';
import { seedTeams } from '../../src/store/teams.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.ts';

describe.each(DIALECTS)('preparedQuery on %s', (dialect) => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await openStore({ dataDir: database.dataDir, databaseUrl: database.databaseUrl });
    await databaseForTests(store)
      .insertInto('teams')
      .values([
        { id: 'alpha', name: 'Alpha', created_at: 1 },
        { id: 'beta', name: 'Beta', created_at: 2 },
      ])
      .execute();
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('binds each call its own values, also a value used twice, next to constants', async () => {
    const teams = preparedQuery((db, p: { id: string; after: number }) =>
      db
        .selectFrom('teams')
        .select(['id', 'name'])
        .where((eb) => eb.or([eb('id', '=', p.id), eb('name', '=', p.id)]))
        .where('created_at', '>', p.after)
        .where('name', '!=', 'Nobody'),
    );
    expect(await teams(store, { id: 'alpha', after: 0 })).toEqual([{ id: 'alpha', name: 'Alpha' }]);
    expect(await teams(store, { id: 'Beta', after: 0 })).toEqual([{ id: 'beta', name: 'Beta' }]);
    expect(await teams(store, { id: 'beta', after: 2 })).toEqual([]);
  });

  it('runs inside a transaction and sees its uncommitted rows', async () => {
    const byId = preparedQuery((db, p: { id: string }) =>
      db.selectFrom('teams').select('name').where('id', '=', p.id),
    );
    const seen = await inTransaction(store, async (transaction) => {
      await seedTeams(transaction, [{ id: 'gamma', name: 'Gamma' }], 3);
      return byId(transaction, { id: 'gamma' });
    });
    expect(seen).toEqual([{ name: 'Gamma' }]);
  });

  it('refuses a parameter that would be inlined into the SQL text', async () => {
    const inlined = preparedQuery((db, p: { column: string }) =>
      db.selectFrom('teams').select(sql.raw<string>(p.column).as('x')),
    );
    await expect(inlined(store, { column: 'name' })).rejects.toThrow(/inlined/);
  });

  it('refuses a parameter that is computed with instead of passed on', async () => {
    const computed = preparedQuery((db, p: { id: string }) =>
      db.selectFrom('teams').select('name').where('id', '=', `${p.id}-suffix`),
    );
    await expect(computed(store, { id: 'alpha' })).rejects.toThrow(/parameter id is not bound/);
  });
});

describe('named statements on PostgreSQL', () => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    // One connection, so the statement list read below is the connection's that ran the queries.
    store = await openStore({ dataDir: database.dataDir, databaseUrl: database.databaseUrl, poolSize: 1 });
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('a prepared query is planned once per connection as a named statement; other queries are not named', async () => {
    const marker = 'named-statement-test';
    const byName = preparedQuery((db, p: { name: string }) =>
      db.selectFrom('teams').select('id').where('name', '=', p.name).where('id', '!=', marker),
    );
    for (const name of ['a', 'b', 'c']) expect(await byName(store, { name })).toEqual([]);
    await databaseForTests(store).selectFrom('teams').select('id').where('id', '=', 'ad hoc').execute();
    const { rows } = await sql<{ name: string; statement: string }>`
      SELECT name, statement FROM pg_prepared_statements`.execute(databaseForTests(store));
    const ours = rows.filter((row) => row.statement.includes('from "teams"'));
    expect(ours).toHaveLength(1);
    expect(ours[0]?.name).toMatch(/^safe_share_\d+$/);
    expect(ours[0]?.statement).toContain('"id" != $2');
  });
});
