/**
 * Issue 18, X4, X6: what an attacker can make the database hold is bounded. Repeated refusals of one actor
 * on one secret are one audit row with a count; guesses at ids that never existed are one row per actor;
 * each client address keeps only its newest sign-in flows, and the sweeper deletes expired ones; audit
 * events older than AUDIT_RETENTION_DAYS are deleted.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOnce } from '../../src/jobs/expiry-sweeper.ts';
import { type AuditEvent, auditTargetHash, recordRefusal } from '../../src/store/audit.ts';
import { inTransaction } from '../../src/store/query-target.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { proofFor } from '../../web/crypto/secret-crypto.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { accountIdOf, openSecret, type SharedSecret, shareSecret, toCustomer } from '../support/secrets.ts';
import { anonymousClient, type SignedInClient, signInAll } from '../support/sign-in.ts';

const randomId = () => randomBytes(16).toString('base64url');
const randomKey = () => randomBytes(32).toString('base64url');
const MINUTE = 60_000;
/** Requests of each kind in the HTTP flood; the store test below makes 10,000 without HTTP. */
const FLOOD = 100;
const DAY = 24 * 60 * MINUTE;

/** Sends `count` requests through the app in process (inject: the whole HTTP stack, no sockets), 50 at a time. */
async function flood(
  t: TestApp,
  count: number,
  request: (i: number) => { url: string; cookie?: string; payload?: unknown },
): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  for (let start = 0; start < count; start += 50) {
    const batch = Array.from({ length: Math.min(50, count - start) }, (_, k) => request(start + k));
    const replies = await Promise.all(
      batch.map(({ url, cookie, payload }) =>
        t.app.inject({
          method: 'POST',
          url,
          headers: {
            origin: t.baseUrl,
            ...(cookie ? { cookie } : {}),
            ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
        }),
      ),
    );
    for (const reply of replies) statuses.set(reply.statusCode, (statuses.get(reply.statusCode) ?? 0) + 1);
  }
  return statuses;
}

const cookieOf = (client: SignedInClient) => client.jar.headerFor(new URL(client.baseUrl)) ?? '';

describe.each(DIALECTS)('bounded growth on %s', (dialect) => {
  let t: TestApp;
  let sven: SignedInClient;
  let carla: SignedInClient;
  let dirk: SignedInClient;
  let secret: SharedSecret;

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    [sven, carla, dirk] = await signInAll(t.baseUrl, ['sven', 'carla', 'dirk']);
    secret = await shareSecret(sven, 'stays for carla', toCustomer('carla@acme.test'));
  });
  afterAll(() => t?.close());

  const audit = () =>
    databaseForTests(t.store).selectFrom('audit_events').selectAll().orderBy('id').execute();

  it('a flood of refused requests of five kinds over HTTP leaves five audit rows, and the secret intact', async () => {
    const before = (await audit()).length;
    const rightProof = await proofFor(secret.linkKey);
    const statuses = new Map<number, number>();
    const add = (more: Map<number, number>) => {
      for (const [status, n] of more) statuses.set(status, (statuses.get(status) ?? 0) + n);
    };
    const proof = () => ({ proof: randomKey() });
    // O5: unknown ids, one actor.
    add(
      await flood(t, FLOOD, () => ({
        url: `/api/secrets/${randomId()}/peek`,
        cookie: cookieOf(carla),
        payload: proof(),
      })),
    );
    // O5: wrong proofs on one secret, by its own recipient.
    add(
      await flood(t, FLOOD, () => ({
        url: `/api/secrets/${secret.id}/open`,
        cookie: cookieOf(carla),
        payload: proof(),
      })),
    );
    // O5: the right link in the wrong account.
    add(
      await flood(t, FLOOD, () => ({
        url: `/api/secrets/${secret.id}/open`,
        cookie: cookieOf(dirk),
        payload: { proof: rightProof },
      })),
    );
    // O6: revokes of ids that do not exist.
    add(await flood(t, FLOOD, () => ({ url: `/api/secrets/${randomId()}/revoke`, cookie: cookieOf(dirk) })));
    // S5: a guest without an account guessing invitations.
    add(
      await flood(t, FLOOD, () => ({
        url: `/api/invitations/${randomId()}/peek`,
        payload: { secret: randomKey() },
      })),
    );
    expect(Object.fromEntries(statuses)).toEqual({ 404: 4 * FLOOD, 403: FLOOD });

    const rows = await audit();
    const refusals = rows.filter((row) => row.outcome === 'refused');
    // One row per actor, target and reason: carla's guesses, carla's wrong proofs, dirk's tries with the
    // right link, dirk's revokes, the guest's guesses.
    expect(refusals.map((row) => [row.action, row.reason, row.count])).toEqual([
      ['secret.refused', 'unknown', FLOOD],
      ['secret.refused', 'wrong_proof', FLOOD],
      ['secret.refused', 'not_recipient', FLOOD],
      ['secret.refused', 'unknown', FLOOD],
      ['invitation.refused', 'unknown', FLOOD],
    ]);
    expect(rows.length - before).toBe(5);
    // A guess at an id that never existed keeps no target; a refusal on a real secret keeps its hash.
    expect(refusals.filter((row) => row.reason === 'unknown').map((row) => row.target_hash)).toEqual([
      null,
      null,
      null,
    ]);
    expect(refusals.find((row) => row.reason === 'wrong_proof')?.target_hash).toBe(
      auditTargetHash(secret.id),
    );
    // O5: nothing of it touched the secret.
    expect((await openSecret(carla, secret.id, secret.linkKey)).plaintext).toBe('stays for carla');
  });

  it('10,000 refusals, recorded as the use cases record them, leave five rows', async () => {
    const before = (await audit()).length;
    const [carlaId, dirkId] = [await accountIdOf(carla), await accountIdOf(dirk)];
    const now = t.clock();
    // The five kinds of the HTTP flood above, each event as usecases/ hands it to recordRefusal.
    const kinds: ((i: number) => Omit<AuditEvent, 'outcome'>)[] = [
      () => ({
        action: 'secret.refused',
        actorId: carlaId,
        targetId: randomId(),
        reason: 'unknown',
        at: now,
      }),
      (i) => ({
        action: 'secret.refused',
        actorId: carlaId,
        targetId: secret.id,
        reason: 'wrong_proof',
        at: now + i,
      }),
      (i) => ({
        action: 'secret.refused',
        actorId: dirkId,
        targetId: secret.id,
        reason: 'not_recipient',
        at: now + i,
      }),
      () => ({ action: 'secret.refused', actorId: dirkId, targetId: randomId(), reason: 'unknown', at: now }),
      () => ({
        action: 'invitation.refused',
        actorId: null,
        targetId: randomId(),
        reason: 'unknown',
        at: now,
      }),
    ];
    const events = Array.from({ length: 10_000 }, (_, i) =>
      (kinds[i % kinds.length] as (i: number) => Omit<AuditEvent, 'outcome'>)(i),
    );
    // In transactions, so the figure measures the statements, not a commit (and fsync) per refusal: on
    // PostgreSQL one per kind, side by side on the pool; SQLite has one writer, so one.
    const record = (list: typeof events) =>
      inTransaction(t.store, async (transaction) => {
        for (const event of list) await recordRefusal(transaction, event);
      });
    if (dialect === 'sqlite') await record(events);
    else await Promise.all(kinds.map((_, k) => record(events.filter((_, i) => i % kinds.length === k))));
    const rows = await audit();
    expect(rows.length - before).toBe(0); // the five rows of the HTTP flood took them all
    const refusals = rows.filter((row) => row.outcome === 'refused' && row.at >= now);
    expect(refusals).toHaveLength(5);
    expect(refusals.reduce((sum, row) => sum + row.count, 0)).toBe(10_000 + 5 * FLOOD);
  });

  it('X6: a repeated refusal is one row: its count, the latest time in `at`, the first in `first_at`', async () => {
    const other = await shareSecret(sven, 'another', toCustomer('carla@acme.test'));
    const first = t.clock();
    for (let i = 0; i < 3; i++) {
      expect((await openSecret(dirk, other.id, other.linkKey)).status).toBe(403);
      t.clock.advance(MINUTE);
    }
    const targetHash = auditTargetHash(other.id);
    const rows = (await audit()).filter((row) => row.target_hash === targetHash && row.outcome === 'refused');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ count: 3, first_at: first, at: first + 2 * MINUTE });
    // Another reason of the same actor on the same secret is a row of its own.
    await dirk.api('POST', `/api/secrets/${other.id}/open`, { proof: randomKey() });
    const reasons = (await audit()).filter(
      (row) => row.target_hash === targetHash && row.outcome === 'refused',
    );
    expect(reasons.map((row) => [row.reason, row.count])).toEqual([
      ['not_recipient', 3],
      ['wrong_proof', 1],
    ]);
  });

  it('X6: the sweeper deletes audit events older than the retention, and only those', async () => {
    const now = t.clock();
    await recordRefusal(t.store, {
      action: 'share.refused',
      actorId: null,
      reason: 'old',
      at: now - 40 * DAY,
    });
    await recordRefusal(t.store, {
      action: 'share.refused',
      actorId: null,
      reason: 'recent',
      at: now - 20 * DAY,
    });
    const countBefore = (await audit()).length;
    const swept = await sweepOnce(t.store, now, { auditRetentionDays: 30 });
    const reasons = (await audit()).map((row) => row.reason);
    expect(reasons).not.toContain('old');
    expect(reasons).toContain('recent');
    expect(swept.auditEvents).toBeGreaterThanOrEqual(1);
    expect((await audit()).length).toBe(countBefore - swept.auditEvents);
    // Everything else the earlier tests wrote is younger than 30 days.
    expect(swept.auditEvents).toBe(1);
  });
});

describe.each(DIALECTS)('sign-in flows are capped per client address on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ dialect, config: { trustProxy: ['127.0.0.1/32'], signInFlowsPerAddress: 3 } });
  });
  afterAll(() => t?.close());

  const flows = () => databaseForTests(t.store).selectFrom('login_flows').selectAll().execute();
  const start = (from: string) =>
    anonymousClient(t.baseUrl).fetch('/auth/login', { headers: { 'x-forwarded-for': from } });

  it('each address keeps its newest flows; the sweeper deletes the expired ones', async () => {
    for (let i = 0; i < 20; i++) expect((await start('203.0.113.1')).status).toBe(302);
    t.clock.advance(1_000);
    for (let i = 0; i < 2; i++) expect((await start('203.0.113.2')).status).toBe(302);
    const rows = await flows();
    expect(rows).toHaveLength(5);
    const byClient = Map.groupBy(rows, (row) => row.client_key);
    expect([...byClient.values()].map((group) => group.length).sort()).toEqual([2, 3]);
    // The address is kept only as a hash.
    for (const row of rows) {
      expect(row.client_key).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain('203.0.113');
    }
    t.clock.advance(11 * MINUTE); // flows live 10 minutes
    await sweepOnce(t.store, t.clock());
    expect(await flows()).toHaveLength(0);
  });
});
