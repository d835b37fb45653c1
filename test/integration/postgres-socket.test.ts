/**
 * PostgreSQL on the same host through its Unix socket (issue 22): `DATABASE_URL` in pg's socket form
 * (`postgres://user@/database?host=/var/run/postgresql`) passes the configuration, and the app creates
 * and opens a secret over it, the server seeing a socket peer rather than TCP. Runs where the socket
 * exists (PostgreSQL here, trust auth); skipped elsewhere, e.g. with only a TCP server in a container.
 */
import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseLocation, loadConfig } from '../../src/config.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { openSecret, shareSecret, toCustomer } from '../support/secrets.ts';
import { type SignedInClient, signInAll } from '../support/sign-in.ts';

const SOCKET_DIR = process.env.TEST_PG_SOCKET_DIR ?? '/var/run/postgresql';
const socketThere = existsSync(`${SOCKET_DIR}/.s.PGSQL.5432`);

describe.skipIf(!socketThere)('PostgreSQL through its Unix socket', () => {
  let database: TestDatabase;
  let t: TestApp;
  let sven: SignedInClient;
  let carla: SignedInClient;
  let socketUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const name = new URL(database.databaseUrl ?? '').pathname.slice(1);
    socketUrl = `postgres://postgres@/${name}?host=${SOCKET_DIR}`;
    t = await startTestApp({ dialect: 'postgres', database, config: { databaseUrl: socketUrl } });
    [sven, carla] = await signInAll(t.baseUrl, ['sven', 'carla']);
  });
  afterAll(() => t?.close());

  it('the configuration takes the socket URL as it is and says where it points', () => {
    expect(loadConfig({ DATABASE_URL: socketUrl }).databaseUrl).toBe(socketUrl);
    expect(databaseLocation(socketUrl)).toBe(`socket ${SOCKET_DIR}, database ${socketUrl.split(/[/?]/)[3]}`);
  });

  it('S1, O2: a secret is created and opened once over the socket', async () => {
    const shared = await shareSecret(sven, 'over the socket', toCustomer('carla@acme.test'));
    expect(shared.status).toBe(201);
    expect((await openSecret(carla, shared.id, shared.linkKey)).plaintext).toBe('over the socket');
    expect((await openSecret(carla, shared.id, shared.linkKey)).status).toBe(404);
  });

  it('the server sees a Unix socket peer: no client address', async () => {
    const { rows } = await sql<{ address: string | null; database: string }>`
      SELECT inet_client_addr()::text AS address, current_database() AS database`.execute(
      databaseForTests(t.store),
    );
    expect(rows).toEqual([{ address: null, database: socketUrl.split(/[/?]/)[3] }]);
  });
});
