/** R2, R3: PostgreSQL dropping pooled connections (restart, failover) costs a query, not the process. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/connection.ts';
import { createTestDatabase, type TestDatabase, withAdminClient } from '../support/databases.ts';

describe('connection loss on postgres', () => {
  let database: TestDatabase;
  let store: Store;
  const errors: Error[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    store = await openStore({
      dataDir: database.dataDir,
      databaseUrl: database.databaseUrl,
      onConnectionError: (error) => errors.push(error),
    });
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('reports the dropped idle connection and serves the next query on a new one', async () => {
    await store.ping(); // one idle pooled connection now exists
    const name = new URL(database.databaseUrl as string).pathname.slice(1);
    await withAdminClient((admin) =>
      admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      ),
    );
    for (let i = 0; i < 100 && errors.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(errors.length).toBeGreaterThan(0);
    await expect(store.ping()).resolves.toBeUndefined();
  });
});
