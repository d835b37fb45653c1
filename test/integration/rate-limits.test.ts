/**
 * X4: rate limits on sign-in, creating, peeking and opening, revoking and invitation use, per account and
 * per client address; the address from X-Forwarded-For only when the peer is a trusted proxy (TRUST_PROXY);
 * shared across instances through Redis (REDIS_URL), and per instance in memory while Redis is unreachable.
 * Every test app here runs with its own small budgets; every other test file runs with generous ones
 * (test/support/app.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import { CATALOGUES } from '../../src/protocol/i18n/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { until } from '../support/poll.ts';
import { freePort } from '../support/processes.ts';
import { shareSecret, toCustomer } from '../support/secrets.ts';
import { anonymousClient, type SignedInClient, signIn, signInAll } from '../support/sign-in.ts';

/** Redis of the test machine (.ci/run starts it); every app of this file counts under its own prefix. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const uniquePrefix = () => `safe-share-test:${process.pid}:${randomBytes(6).toString('hex')}:`;

/** A random id of the right form: answered `secret.gone` (O5), but it counts against the budget. */
const randomId = () => randomBytes(16).toString('base64url');
const randomProof = () => ({ proof: randomBytes(32).toString('base64url') });

/** Budgets of 1,000,000 unless a test sets its own: only the limit under test can trip. */
const LARGE = 1_000_000;
function limits(overrides: Partial<Config>): Partial<Config> {
  return {
    rateLimitSignInPerAddress: LARGE,
    rateLimitCreatePerAccount: LARGE,
    rateLimitCreatePerAddress: LARGE,
    rateLimitOpenPerAccount: LARGE,
    rateLimitOpenPerAddress: LARGE,
    rateLimitRevokePerAccount: LARGE,
    rateLimitRevokePerAddress: LARGE,
    rateLimitInvitationPerAccount: LARGE,
    rateLimitInvitationPerAddress: LARGE,
    ...overrides,
  };
}

const apps: TestApp[] = [];
async function start(config: Partial<Config>): Promise<TestApp> {
  const t = await startTestApp({ dialect: 'sqlite', config: { ...limits({}), ...config } });
  apps.push(t);
  return t;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((t) => t.close()));
});

/** The request of each rate-limited route, as a client at `address` (through a trusted proxy) sends it. */
async function peek(client: SignedInClient | ReturnType<typeof anonymousClient>, from?: string) {
  const headers: Record<string, string> = from ? { 'x-forwarded-for': from } : {};
  return client.api('POST', `/api/secrets/${randomId()}/peek`, randomProof(), headers);
}

function expectLimited(result: { status: number; body: { error?: { code?: string } } }) {
  expect(result.status).toBe(429);
  expect(result.body.error?.code).toBe('request.rate_limited');
}

describe('X4: per account', () => {
  it('an account over its budget is refused; another account from the same address is not', async () => {
    const t = await start({ rateLimitOpenPerAccount: 3 });
    const [carla, dirk] = await signInAll(t.baseUrl, ['carla', 'dirk']);
    for (let i = 0; i < 3; i++) expect((await peek(carla)).status).toBe(404);
    const refused = await carla.api('POST', `/api/secrets/${randomId()}/open`, randomProof());
    // Peek and open share one budget, so guesses cannot be split between them.
    expectLimited(refused);
    expect((await peek(dirk)).status).toBe(404);
  });

  it('the answer is 429 with Retry-After within the window and a message in the account language', async () => {
    const t = await start({ rateLimitOpenPerAccount: 1, rateLimitWindowSeconds: 30 });
    const carla = await signIn(t.baseUrl, 'carla'); // German (the demo account's locale)
    await peek(carla);
    const response = await carla.fetch(`/api/secrets/${randomId()}/peek`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(randomProof()),
    });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error).toEqual({
      code: 'request.rate_limited',
      message: CATALOGUES.de.errors.request.rate_limited,
    });
  });

  it('a refused create creates nothing', async () => {
    const t = await start({ rateLimitCreatePerAccount: 1 });
    const sven = await signIn(t.baseUrl, 'sven');
    expect((await shareSecret(sven, 'first', toCustomer('carla@acme.test'))).status).toBe(201);
    const second = await shareSecret(sven, 'second', toCustomer('carla@acme.test'));
    expectLimited(second);
    const listed = await sven.api('GET', '/api/secrets');
    expect(listed.body.sent).toHaveLength(1);
  });
});

describe('X4: per client address, through trusted proxies only', () => {
  it('each address behind a trusted proxy has its own budget, whichever account is signed in', async () => {
    const t = await start({ trustProxy: ['127.0.0.1/32'], rateLimitOpenPerAddress: 2 });
    const [carla, dirk] = await signInAll(t.baseUrl, ['carla', 'dirk']);
    expect((await peek(carla, '203.0.113.7')).status).toBe(404);
    expect((await peek(dirk, '203.0.113.7')).status).toBe(404);
    expectLimited(await peek(carla, '203.0.113.7'));
    expectLimited(await peek(anonymousClient(t.baseUrl), '203.0.113.7'));
    expect((await peek(carla, '203.0.113.8')).status).toBe(404);
  });

  it('the client is the nearest untrusted address: what the client wrote before it does not count', async () => {
    const t = await start({ trustProxy: ['127.0.0.1/32', '10.0.0.0/8'], rateLimitOpenPerAddress: 1 });
    const guest = anonymousClient(t.baseUrl);
    expect((await peek(guest, '198.51.100.1, 203.0.113.9, 10.1.2.3')).status).toBe(401);
    // A client who makes up a different first address is still 203.0.113.9.
    expectLimited(await peek(guest, '198.51.100.2, 203.0.113.9, 10.1.2.3'));
  });

  it('X-Forwarded-For from a peer outside TRUST_PROXY is ignored: the peer itself is counted', async () => {
    const t = await start({ trustProxy: ['10.0.0.0/8'], rateLimitOpenPerAddress: 2 });
    const guest = anonymousClient(t.baseUrl);
    expect((await peek(guest, '203.0.113.1')).status).toBe(401);
    expect((await peek(guest, '203.0.113.2')).status).toBe(401);
    expectLimited(await peek(guest, '203.0.113.3'));
  });

  it('without TRUST_PROXY X-Forwarded-For is ignored too', async () => {
    const t = await start({ trustProxy: false, rateLimitOpenPerAddress: 1 });
    const guest = anonymousClient(t.baseUrl);
    await peek(guest, '203.0.113.1');
    expectLimited(await peek(guest, '203.0.113.2'));
  });

  it('IPv6 clients count by their /64', async () => {
    const t = await start({ trustProxy: ['127.0.0.1/32'], rateLimitOpenPerAddress: 1 });
    const guest = anonymousClient(t.baseUrl);
    await peek(guest, '2001:db8:1:2::1');
    expectLimited(await peek(guest, '2001:db8:1:2:ffff::9'));
    expect((await peek(guest, '2001:db8:1:3::1')).status).toBe(401);
  });
});

describe('X4: every limited route counts against its budget', () => {
  let t: TestApp;
  let sven: SignedInClient;
  const PROXY = { trustProxy: ['127.0.0.1/32'] as const };
  // One address per row, so the rows do not share a budget; every budget is 2 per address.
  type Send = (from: string) => Promise<{ status: number; body: unknown; retryAfter?: string | null }>;
  const rows: [string, string, Send][] = [
    ['sign-in start', '192.0.2.1', (from) => getStatus('/auth/login', from)],
    ['sign-in callback', '192.0.2.2', (from) => getStatus('/auth/callback?code=x&state=y', from)],
    ['create', '192.0.2.3', (from) => sven.api('POST', '/api/secrets', {}, xff(from))],
    ['peek', '192.0.2.4', (from) => peek(sven, from)],
    [
      'open',
      '192.0.2.5',
      (from) => sven.api('POST', `/api/secrets/${randomId()}/open`, randomProof(), xff(from)),
    ],
    [
      'submission key',
      '192.0.2.9',
      (from) => sven.api('GET', `/api/submissions/${randomId()}`, undefined, xff(from)),
    ],
    [
      'revoke',
      '192.0.2.6',
      (from) => sven.api('POST', `/api/secrets/${randomId()}/revoke`, undefined, xff(from)),
    ],
    [
      'invitation view',
      '192.0.2.7',
      (from) => guest().api('POST', `/api/invitations/${randomId()}/peek`, {}, xff(from)),
    ],
    [
      'invitation submit',
      '192.0.2.8',
      (from) => guest().api('POST', `/api/invitations/${randomId()}/submit`, {}, xff(from)),
    ],
  ];
  const guest = () => anonymousClient(t.baseUrl);
  const xff = (from: string) => ({ 'x-forwarded-for': from });
  async function getStatus(path: string, from: string) {
    const response = await fetch(new URL(path, t.baseUrl), {
      headers: { ...xff(from), accept: 'application/json' },
      redirect: 'manual',
    });
    const text = await response.text();
    const body = text.startsWith('{') ? JSON.parse(text) : text;
    return { status: response.status, body, retryAfter: response.headers.get('retry-after') };
  }

  beforeAll(async () => {
    t = await startTestApp({
      dialect: 'sqlite',
      config: {
        ...PROXY,
        rateLimitSignInPerAddress: 2,
        rateLimitCreatePerAddress: 2,
        rateLimitOpenPerAddress: 2,
        rateLimitRevokePerAddress: 2,
        rateLimitInvitationPerAddress: 2,
        rateLimitCreatePerAccount: LARGE,
        rateLimitOpenPerAccount: LARGE,
        rateLimitRevokePerAccount: LARGE,
        rateLimitInvitationPerAccount: LARGE,
      },
    });
    sven = await signIn(t.baseUrl, 'sven'); // two sign-in requests from 127.0.0.1, no row's address
  });
  afterAll(() => t?.close());

  it.each(rows)('%s', async (name, from, send) => {
    for (let i = 0; i < 2; i++) expect((await send(from)).status, `${name} #${i + 1}`).not.toBe(429);
    const limited = await send(from);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 'request.rate_limited' } });
    // Sign-in's routes answer their own errors (errorHandler): the header survives that too.
    if ('retryAfter' in limited) expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
  });
});

describe('X4: across instances through Redis (REDIS_URL)', () => {
  it('two instances with one Redis share one budget', async () => {
    const shared = { redisUrl: REDIS_URL, redisKeyPrefix: uniquePrefix(), rateLimitOpenPerAddress: 4 };
    const [a, b] = await Promise.all([start(shared), start(shared)]);
    const [guestA, guestB] = [anonymousClient(a.baseUrl), anonymousClient(b.baseUrl)];
    expect((await peek(guestA)).status).toBe(401);
    expect((await peek(guestB)).status).toBe(401);
    expect((await peek(guestA)).status).toBe(401);
    expect((await peek(guestB)).status).toBe(401);
    expectLimited(await peek(guestA));
    expectLimited(await peek(guestB));
    const scrape = await (await fetch(new URL('/metrics', a.baseUrl))).text();
    expect(scrape).toMatch(/^safe_share_rate_limit_memory_fallback 0$/m);
  });

  it('without Redis, each instance has its own budget (the control for the test above)', async () => {
    const [a, b] = await Promise.all([
      start({ rateLimitOpenPerAddress: 2 }),
      start({ rateLimitOpenPerAddress: 2 }),
    ]);
    for (const t of [a, b]) {
      const guest = anonymousClient(t.baseUrl);
      expect((await peek(guest)).status).toBe(401);
      expect((await peek(guest)).status).toBe(401);
      expectLimited(await peek(guest));
    }
  });

  it('while Redis is unreachable, each instance limits in its own memory and says so in the log and a metric', async () => {
    const closedPort = await freePort();
    const t = await start({
      redisUrl: `redis://127.0.0.1:${closedPort}`,
      redisKeyPrefix: uniquePrefix(),
      rateLimitOpenPerAddress: 2,
    });
    const guest = anonymousClient(t.baseUrl);
    expect((await peek(guest)).status).toBe(401);
    expect((await peek(guest)).status).toBe(401);
    expectLimited(await peek(guest)); // never no limit at all
    const scrape = await (await fetch(new URL('/metrics', t.baseUrl))).text();
    expect(scrape).toMatch(/^safe_share_rate_limit_memory_fallback 1$/m);
    expect(scrape).toMatch(/^safe_share_rate_limit_memory_fallback_requests_total 3$/m);
    const log = await readFile(t.logFile, 'utf8');
    expect(log).toContain('rate limits: Redis unreachable; this instance counts in its own memory');
  });

  it('Redis that goes away while the instance runs: limits go on in memory, and back to Redis when it returns', async () => {
    const redis = await startRedis();
    try {
      const t = await start({
        redisUrl: redis.url,
        redisKeyPrefix: uniquePrefix(),
        rateLimitOpenPerAddress: 2,
        rateLimitOpenPerAccount: 2,
      });
      const metric = async () =>
        /^safe_share_rate_limit_memory_fallback (\d)$/m.exec(
          await (await fetch(new URL('/metrics', t.baseUrl))).text(),
        )?.[1];
      const guest = anonymousClient(t.baseUrl);
      expect((await peek(guest)).status).toBe(401); // counted in Redis
      await redis.stop();
      expect((await peek(guest)).status).toBe(401); // counted in memory from here on
      expect((await peek(guest)).status).toBe(401);
      expectLimited(await peek(guest));
      expect(await metric()).toBe('1');
      await redis.restart();
      await until(async () => ((await metric()) === '0' ? true : undefined), 'the switch back to Redis', {
        timeoutMs: 10_000,
      });
      // Counting in Redis again: the restarted Redis (no persistence) starts from nothing.
      expect((await peek(guest)).status).toBe(401);
      expect((await peek(guest)).status).toBe(401);
      expectLimited(await peek(guest));
      const log = await readFile(t.logFile, 'utf8');
      expect(log).toContain('rate limits: Redis reachable again');
    } finally {
      await redis.stop();
    }
  });
});

/** A private redis-server on a free port (Debian's, as on the CI machine), stopped and started by the test. */
async function startRedis() {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await until(
      () =>
        new Promise<true | undefined>((resolve) => {
          const socket = connect(port, '127.0.0.1');
          socket.once('connect', () => {
            socket.destroy();
            resolve(true);
          });
          socket.once('error', () => resolve(undefined));
        }),
      'redis-server listening',
    );
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    restart: launch,
    stop: async () => {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
}
