/**
 * Issue 18, adversarial suite: enumeration (O5, X3, X4). 10,000 random ids, and ids of every wrong shape,
 * answer exactly as a burned secret does (status, body and headers), so probing learns nothing; and a
 * prober meets the rate limits, per account and per address, at the production defaults.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { proofFor } from '../../web/crypto/secret-crypto.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { openSecret, shareSecret, toCustomer } from '../support/secrets.ts';
import { type SignedInClient, signIn, signInAll } from '../support/sign-in.ts';

/** Headers that differ between any two answers (the time, the request's own id). */
const VOLATILE = new Set(['date', 'x-request-id']);

function answerOf(reply: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  const headers = Object.fromEntries(Object.entries(reply.headers).filter(([name]) => !VOLATILE.has(name)));
  return { status: reply.statusCode, headers, body: reply.body };
}

const randomId = () => randomBytes(16).toString('base64url');
/**
 * Ids of every wrong shape a prober might try in the id's place: wrong lengths, padding, other alphabets,
 * encoded dots, Unicode. (A path with `..` or a segment over 100 characters is another address, not an
 * id: it answers `route.not_found`, which says nothing about any secret.)
 */
const MALFORMED = [
  'a',
  'AAAAAAAAAAAAAAAAAAAAAA==',
  `${randomId()}x`,
  '%2e%2e',
  'ä'.repeat(22),
  '0'.repeat(100),
  '+/+/',
];

describe('O5: 10,000 random ids answer exactly like a burned secret', () => {
  let t: TestApp;
  let carla: SignedInClient;
  beforeAll(async () => {
    t = await startTestApp({ dialect: 'sqlite', config: { logLevel: 'warn' } });
    carla = await signIn(t.baseUrl, 'carla');
  });
  afterAll(() => t?.close());

  it('status, body and headers, for peek and open alike', async () => {
    const sven = await signIn(t.baseUrl, 'sven');
    const burned = await shareSecret(sven, 'burned', toCustomer('carla@acme.test'));
    expect((await openSecret(carla, burned.id, burned.linkKey)).status).toBe(200);
    const cookie = carla.jar.headerFor(new URL(t.baseUrl)) ?? '';
    const probe = (id: string, action: 'peek' | 'open', proof: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/secrets/${encodeURIComponent(id)}/${action}`,
        headers: { cookie, origin: t.baseUrl, 'content-type': 'application/json' },
        payload: JSON.stringify({ proof }),
      });
    const rightProof = await proofFor(burned.linkKey);
    const reference = {
      peek: answerOf(await probe(burned.id, 'peek', rightProof)),
      open: answerOf(await probe(burned.id, 'open', rightProof)),
    };
    expect(reference.open.status).toBe(404);
    expect(JSON.parse(reference.open.body).error.code).toBe('secret.gone');

    let differing = 0;
    const ids = [...MALFORMED, ...Array.from({ length: 10_000 - MALFORMED.length }, randomId)];
    for (let i = 0; i < ids.length; i += 50) {
      const batch = ids.slice(i, i + 50);
      const replies = await Promise.all(
        batch.map((id, k) => {
          const action: 'peek' | 'open' = (i + k) % 2 === 0 ? 'peek' : 'open';
          return probe(id, action, randomBytes(32).toString('base64url')).then((reply) => ({
            action,
            reply,
          }));
        }),
      );
      for (const { action, reply } of replies) {
        const answer = answerOf(reply);
        if (JSON.stringify(answer) !== JSON.stringify(reference[action])) {
          differing++;
          expect(answer).toEqual(reference[action]);
        }
      }
    }
    expect(differing).toBe(0);
  }, 120_000);
});

describe('X4: a prober meets the rate limits at the production defaults', () => {
  let t: TestApp;
  const defaults = loadConfig({});
  beforeAll(async () => {
    t = await startTestApp({
      dialect: 'sqlite',
      config: {
        rateLimitOpenPerAccount: defaults.rateLimitOpenPerAccount,
        rateLimitOpenPerAddress: defaults.rateLimitOpenPerAddress,
      },
    });
  });
  afterAll(() => t?.close());

  it('per account after RATE_LIMIT_OPEN_PER_ACCOUNT, per address after RATE_LIMIT_OPEN_PER_ADDRESS', async () => {
    const probers = await signInAll(t.baseUrl, ['carla', 'dirk', 'sven', 'greta', 'ines']);
    const probe = (client: SignedInClient) =>
      client.api('POST', `/api/secrets/${randomId()}/peek`, { proof: randomBytes(32).toString('base64url') });
    const perAccount = defaults.rateLimitOpenPerAccount;
    const perAddress = defaults.rateLimitOpenPerAddress;
    let fromAddress = 0;
    const [first, ...others] = probers;
    for (let i = 0; i < perAccount; i++) expect((await probe(first as SignedInClient)).status).toBe(404);
    const limited = await probe(first as SignedInClient);
    fromAddress += perAccount + 1;
    expect(limited).toMatchObject({ status: 429, body: { error: { code: 'request.rate_limited' } } });
    // Other accounts from the same address go on until the address's budget is spent.
    let addressLimited = false;
    for (const client of others) {
      for (let i = 0; i < perAccount && !addressLimited; i++) {
        const answer = await probe(client);
        fromAddress++;
        if (answer.status === 429) addressLimited = true;
        else expect(answer.status).toBe(404);
      }
    }
    expect(addressLimited).toBe(true);
    expect(fromAddress).toBe(perAddress + 1);
  });
});
