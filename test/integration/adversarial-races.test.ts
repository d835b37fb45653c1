/**
 * Issue 18, adversarial suite: races and faults (O2, R2, R5).
 * - 100 concurrent opens of one secret, spread over two instances on one PostgreSQL: exactly one gets it,
 *   for 20 secrets in a row.
 * - A process killed with SIGKILL while opens and creates are in flight (SQLite and PostgreSQL): after a
 *   restart every secret is either intact or burned, none is readable twice, and every create that was
 *   acknowledged is there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSealed, sealSecret } from '../../web/crypto/secret-crypto.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.ts';
import { type KillableService, killableService } from '../support/killed-service.ts';
import { freePort } from '../support/processes.ts';
import {
  accountIdOf,
  openSecret,
  openWithCookie,
  postWithCookie,
  type SharedSecret,
  shareSecret,
  toCustomer,
} from '../support/secrets.ts';
import { signIn } from '../support/sign-in.ts';

describe('O2: 100 concurrent opens over two instances on one PostgreSQL', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await startTestApp({ dialect: 'postgres' });
    second = await startTestApp({ dialect: 'postgres', database: first.database, clock: first.clock });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.close();
  });

  it('exactly one of 100 gets each of 20 secrets; the other 99 are told it is gone', async () => {
    const sven = await signIn(first.baseUrl, 'sven');
    const carla = await signIn(first.baseUrl, 'carla');
    // Sessions live in the database: the same cookie is signed in on both instances.
    const cookie = carla.jar.headerFor(new URL(first.baseUrl)) ?? '';
    for (let round = 0; round < 20; round++) {
      const secret = await shareSecret(sven, `round ${round}`, toCustomer('carla@acme.test'));
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          openWithCookie(i % 2 === 0 ? first.baseUrl : second.baseUrl, cookie, secret),
        ),
      );
      const winners = answers.filter((answer) => answer.status === 200);
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(await openSealed(secret.linkKey, winners[0]?.body)).toBe(`round ${round}`);
      const losers = answers.filter((answer) => answer.status !== 200);
      expect(new Set(losers.map((answer) => `${answer.status} ${answer.body.error.code}`))).toEqual(
        new Set(['404 secret.gone']),
      );
    }
  });
});

describe.each(DIALECTS)('a process killed with SIGKILL while opens are in flight, on %s', (dialect) => {
  let database: TestDatabase;
  let service: KillableService;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    service = killableService(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {});
  });
  afterAll(async () => {
    service?.remove();
    await database?.drop();
  });

  it('every secret is intact or burned, none read twice; every acknowledged create is there', async () => {
    const port = await freePort();
    const server = await service.start(port);
    const sven = await signIn(server.baseUrl, 'sven');
    const carla = await signIn(server.baseUrl, 'carla');
    const cookie = carla.jar.headerFor(new URL(server.baseUrl)) ?? '';
    const before: SharedSecret[] = [];
    for (let i = 0; i < 30; i++)
      before.push(await shareSecret(sven, `before ${i}`, toCustomer('carla@acme.test')));

    // Opens of all 30 and 20 creates (sealed beforehand) at once; the process dies as soon as one create
    // is acknowledged and one open answered, while the rest are in flight.
    const senderId = await accountIdOf(sven);
    const sealed = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sealSecret(`during ${i}`, toCustomer('carla@acme.test'), { senderId }),
      ),
    );
    const svenCookie = sven.jar.headerFor(new URL(server.baseUrl)) ?? '';
    const received = new Set<string>();
    const acknowledged: { id: string; linkKey: string }[] = [];
    const killWhenBothSeen = () => {
      if (received.size > 0 && acknowledged.length > 0 && server.child.exitCode === null)
        server.child.kill('SIGKILL');
    };
    const opens = before.map(async (secret) => {
      try {
        const answer = await openWithCookie(server.baseUrl, cookie, secret);
        if (answer.status === 200) received.add(secret.id);
      } catch {
        // The connection died with the process: no answer, so nothing was received.
      }
      killWhenBothSeen();
    });
    const creates = sealed.map(async ({ request, linkKey }) => {
      try {
        const answer = await postWithCookie(server.baseUrl, svenCookie, '/api/secrets', request);
        if (answer.status === 201) acknowledged.push({ id: answer.body.id, linkKey });
      } catch {
        // Not acknowledged.
      }
      killWhenBothSeen();
    });
    await Promise.all([...opens, ...creates]);
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await server.exited;
    expect(received.size).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(0);

    const restarted = await service.start(port);
    let intact = 0;
    for (const secret of before) {
      const again = await openWithCookie(restarted.baseUrl, cookie, secret);
      // Never readable twice: what was handed out before the kill is gone now.
      if (received.has(secret.id)) expect(again.status, secret.id).toBe(404);
      else expect([200, 404]).toContain(again.status);
      if (again.status === 200) intact++;
      // And whatever the first answer after the restart was, a second open finds it gone.
      expect((await openWithCookie(restarted.baseUrl, cookie, secret)).status).toBe(404);
    }
    expect(received.size + intact).toBeLessThanOrEqual(before.length);
    // R2: every create that was answered 201 survived the kill, and opens once.
    const carlaAgain = await signIn(restarted.baseUrl, 'carla');
    for (const secret of acknowledged) {
      expect((await openSecret(carlaAgain, secret.id, secret.linkKey)).plaintext).toMatch(/^during \d+$/);
    }
  });
});
