/**
 * R2, R3: PostgreSQL dropping pooled connections (restart, failover) costs a query, not the process; and
 * while the database cannot be reached at all the API answers 503 server.unavailable (try again), not 500,
 * readiness says the same, and the service recovers by itself when the database is back.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/connection.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase, type TestDatabase, withAdminClient } from '../support/databases.ts';
import { shareSecret, toCustomer } from '../support/secrets.ts';
import { signIn } from '../support/sign-in.ts';

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

/**
 * A TCP relay in front of PostgreSQL that the test can cut: while down it drops every connection it
 * holds and every new one at once, as a database host that went away would look to the pool.
 */
async function startRelay(
  target: URL,
): Promise<{ url: string; down(): void; up(): void; close(): Promise<void> }> {
  let isDown = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (isDown) {
      client.destroy();
      return;
    }
    const upstream = createConnection(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = new URL(target.href);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.href,
    down: () => {
      isDown = true;
      for (const socket of sockets) socket.destroy();
    },
    up: () => {
      isDown = false;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('the database unreachable (postgres)', () => {
  let database: TestDatabase;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    relay = await startRelay(new URL(database.databaseUrl as string));
    t = await startTestApp({ dialect: 'postgres', database: { ...database, databaseUrl: relay.url } });
  });
  afterAll(async () => {
    relay?.up();
    await t?.stop();
    await relay?.close();
    await database?.drop();
  });

  it('R3: the API answers 503 server.unavailable while the database cannot be reached, and recovers', async () => {
    const sven = await signIn(t.baseUrl, 'sven');
    expect((await shareSecret(sven, 'before', toCustomer('carla@acme.test'))).status).toBe(201);

    // Connections held by the pool are cut, and new ones refused.
    relay.down();
    const me = await sven.api('GET', '/api/me');
    expect(me.status).toBe(503);
    expect(me.body.error.code).toBe('server.unavailable');
    const create = await shareSecret(sven, 'not now', toCustomer('carla@acme.test'));
    expect(create.status).toBe(503);
    expect(create.body.error.code).toBe('server.unavailable');
    const ready = await fetch(`${t.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { error: { code: string } }).error.code).toBe('server.unavailable');

    relay.up();
    expect((await sven.api('GET', '/api/me')).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/readyz`)).status).toBe(200);
  });
});
