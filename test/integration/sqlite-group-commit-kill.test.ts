/**
 * Durability under group commit (issue 22; DESIGN "Commits on the embedded database"): the real service
 * on SQLite (`bin/start.js`, synchronous = FULL, batches of writes per event-loop turn) is killed with
 * SIGKILL while creates and opens are in flight, then restarted on the same file. Every create answered
 * 201 is there and opens once; every open answered 200 stays burned (O2); no secret was read twice, the
 * concurrent opens of one secret before the kill included. No request is answered before the COMMIT that
 * holds its write, so a kill can lose only what was never acknowledged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSealed, sealSecret } from '../../web/crypto/secret-crypto.ts';
import { type KillableService, killableService } from '../support/killed-service.ts';
import { freePort } from '../support/processes.ts';
import { accountIdOf, openWithCookie, postWithCookie, shareSecret, toCustomer } from '../support/secrets.ts';
import { signIn } from '../support/sign-in.ts';

/** Secrets made before the load, opened during it (each by two racing opens). */
const WAITING = 120;
/** Creates sent during the load, at most. */
const CREATES = 300;
/** Requests in flight at once: creates and opens. */
const CREATE_WORKERS = 12;
const OPEN_WORKERS = 6;
/** The kill comes once this many creates and opens were acknowledged, with more in flight. */
const KILL_AFTER = 150;

interface Secret {
  readonly id: string;
  readonly linkKey: string;
  readonly plaintext: string;
}

describe('group commit on SQLite, killed with SIGKILL under load', () => {
  let service: KillableService;

  beforeAll(() => {
    service = killableService();
  });
  afterAll(() => {
    service?.remove();
  });

  /** A request's answer; undefined when the connection died with the process (no answer). */
  const answerOf = <T>(request: Promise<T>): Promise<T | undefined> => request.catch(() => undefined);
  const openAt = (baseUrl: string, cookie: string, secret: Secret) =>
    answerOf(openWithCookie(baseUrl, cookie, secret));

  it('O2: every acknowledged create survives and opens once, every acknowledged open stays burned, none is read twice', async () => {
    const port = await freePort();
    const server = await service.start(port);
    const origin = new URL(server.baseUrl);
    const sven = await signIn(server.baseUrl, 'sven');
    const carla = await signIn(server.baseUrl, 'carla');
    const svenCookie = sven.jar.headerFor(origin) ?? '';
    const carlaCookie = carla.jar.headerFor(origin) ?? '';

    const waiting: Secret[] = [];
    for (let from = 0; from < WAITING; from += 20) {
      const made = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const plaintext = `waiting ${from + i}`;
          const shared = await shareSecret(sven, plaintext, toCustomer('carla@acme.test'));
          expect(shared.status).toBe(201);
          return { id: shared.id, linkKey: shared.linkKey, plaintext };
        }),
      );
      waiting.push(...made);
    }
    const senderId = await accountIdOf(sven);
    const sealed = await Promise.all(
      Array.from({ length: CREATES }, async (_, i) => ({
        plaintext: `during ${i}`,
        ...(await sealSecret(`during ${i}`, toCustomer('carla@acme.test'), { senderId })),
      })),
    );

    // The load: creates and opens (two racing opens per waiting secret) until the process is gone.
    const created: Secret[] = [];
    /** Every 200 of an open, by secret id: more than one would be a secret read twice. */
    const handedOut = new Map<string, number>();
    let acknowledged = 0;
    let unanswered = 0;
    let killed = false;
    const killWhenDue = () => {
      if (acknowledged >= KILL_AFTER && !killed) {
        killed = true;
        server.child.kill('SIGKILL');
      }
    };
    let nextCreate = 0;
    const creator = async () => {
      while (nextCreate < sealed.length && !killed) {
        const { request, linkKey, plaintext } = sealed[nextCreate++] as (typeof sealed)[number];
        const answer = await answerOf(postWithCookie(server.baseUrl, svenCookie, '/api/secrets', request));
        if (!answer) unanswered++;
        else if (answer.status === 201) {
          created.push({ id: answer.body.id, linkKey, plaintext });
          acknowledged++;
        } else throw new Error(`create answered ${answer.status}`);
        killWhenDue();
      }
    };
    let nextOpen = 0;
    const opener = async () => {
      while (nextOpen < waiting.length && !killed) {
        const secret = waiting[nextOpen++] as Secret;
        const answers = await Promise.all([
          openAt(server.baseUrl, carlaCookie, secret),
          openAt(server.baseUrl, carlaCookie, secret),
        ]);
        for (const answer of answers) {
          if (!answer) unanswered++;
          else if (answer.status === 200) {
            expect(await openSealed(secret.linkKey, answer.body)).toBe(secret.plaintext);
            handedOut.set(secret.id, (handedOut.get(secret.id) ?? 0) + 1);
            acknowledged++;
          } else expect(`${answer.status} ${answer.body.error.code}`).toBe('404 secret.gone');
        }
        killWhenDue();
      }
    };
    await Promise.all([
      ...Array.from({ length: CREATE_WORKERS }, creator),
      ...Array.from({ length: OPEN_WORKERS }, opener),
    ]);
    expect(killed).toBe(true);
    await server.exited;
    // The kill came mid-flight: with work acknowledged, and requests that never got an answer.
    expect(server.child.signalCode).toBe('SIGKILL');
    expect(created.length).toBeGreaterThan(0);
    expect(handedOut.size).toBeGreaterThan(0);
    expect(unanswered).toBeGreaterThan(0);
    expect(nextCreate).toBeLessThan(CREATES);

    const restarted = await service.start(port);
    const carlaAgain = await signIn(restarted.baseUrl, 'carla');
    const cookie = carlaAgain.jar.headerFor(new URL(restarted.baseUrl)) ?? '';
    // Every acknowledged create is there: it opens, with its own content, once.
    for (const secret of created) {
      const first = await openAt(restarted.baseUrl, cookie, secret);
      expect(first?.status, secret.id).toBe(200);
      expect(await openSealed(secret.linkKey, first?.body)).toBe(secret.plaintext);
      expect((await openAt(restarted.baseUrl, cookie, secret))?.status, secret.id).toBe(404);
    }
    // Every waiting secret: burned if an open was answered 200 before the kill (never a second time);
    // otherwise intact or burned by an open that was never answered, and then gone after one more open.
    for (const secret of waiting) {
      const before = handedOut.get(secret.id) ?? 0;
      expect(before, secret.id).toBeLessThanOrEqual(1);
      const again = await openAt(restarted.baseUrl, cookie, secret);
      if (before === 1)
        expect(`${again?.status} ${again?.body.error?.code}`, secret.id).toBe('404 secret.gone');
      else expect([200, 404]).toContain(again?.status);
      expect((await openAt(restarted.baseUrl, cookie, secret))?.status, secret.id).toBe(404);
    }
  });
});
