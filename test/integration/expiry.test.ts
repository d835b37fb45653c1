/** O3: every secret expires; expired content is never handed out and the sweeper deletes it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOnce } from '../../src/jobs/expiry-sweeper.ts';
import { auditTargetHash } from '../../src/store/audit.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { openSecret, shareSecret, toCustomer } from '../support/secrets.ts';
import { type SignedInClient, signIn } from '../support/sign-in.ts';

const HOUR_MS = 3600 * 1000;

describe.each(DIALECTS)('expiry on %s', (dialect) => {
  let t: TestApp;
  let sven: SignedInClient;
  let carla: SignedInClient;

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    [sven, carla] = await Promise.all([signIn(t.baseUrl, 'sven'), signIn(t.baseUrl, 'carla')]);
  });
  afterAll(() => t?.close());

  it('O3: a secret gets the preset expiry when the sender chooses none', async () => {
    const before = t.clock();
    const shared = await shareSecret(sven, 'preset', toCustomer('carla@acme.test'));
    expect(shared.body.expiresAt).toBe(before + t.config.expiryDefaultSeconds * 1000);
  });

  it('O3: an expired secret is not handed out, even before the sweeper ran', async () => {
    const shared = await shareSecret(sven, 'short-lived', toCustomer('carla@acme.test'), {
      expiresInSeconds: 3600,
    });
    t.clock.advance(HOUR_MS + 1);
    const opened = await openSecret(carla, shared.id, shared.linkKey);
    expect(opened.status).toBe(404);
    expect(opened.body.error.code).toBe('secret.gone');
    const { body } = await sven.api('GET', '/api/secrets');
    expect(body.sent.find((s: { id: string }) => s.id === shared.id)).toMatchObject({ status: 'expired' });
  });

  it('O3: the sweeper deletes expired content, marks it expired and audits it once', async () => {
    const expiring = await shareSecret(sven, 'sweep me', toCustomer('carla@acme.test'), {
      expiresInSeconds: 600,
    });
    const lasting = await shareSecret(sven, 'keep me', toCustomer('carla@acme.test'), {
      expiresInSeconds: 7200,
    });
    t.clock.advance(601 * 1000);
    await sweepOnce(t.store, t.clock());
    await sweepOnce(t.store, t.clock()); // idempotent: a second pass (or instance) changes nothing

    const contents = await databaseForTests(t.store)
      .selectFrom('secret_contents')
      .select('secret_id')
      .execute();
    expect(contents.map((c) => c.secret_id)).not.toContain(expiring.id);
    expect(contents.map((c) => c.secret_id)).toContain(lasting.id);
    const meta = await databaseForTests(t.store)
      .selectFrom('secrets')
      .select('status')
      .where('id', '=', expiring.id)
      .executeTakeFirst();
    expect(meta?.status).toBe('expired');
    const audits = await databaseForTests(t.store)
      .selectFrom('audit_events')
      .select('action')
      .where('target_hash', '=', auditTargetHash(expiring.id))
      .where('action', '=', 'secret.expired')
      .execute();
    expect(audits).toHaveLength(1);
    expect((await openSecret(carla, lasting.id, lasting.linkKey)).plaintext).toBe('keep me');
  });

  it.each([59, 30 * 24 * 3600 + 1])('O3, X7: an expiry of %s seconds is out of range', async (seconds) => {
    const shared = await shareSecret(sven, 'x', toCustomer('carla@acme.test'), { expiresInSeconds: seconds });
    expect(shared.status).toBe(422);
    expect(shared.body.error.code).toBe('share.expiry_out_of_range');
  });
});
