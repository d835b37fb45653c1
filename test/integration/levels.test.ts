/**
 * Confidentiality levels over real HTTP on both databases (C3, C4, C5): a direct share above the
 * recipient's clearance is refused when it is made, a recipient refused by the level is told so, and the
 * creator always sees their own items.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Level } from '../../src/protocol/values.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { proofFor } from '../../web/crypto/secret-crypto.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { openSecret, shareSecret, toCustomer } from '../support/secrets.ts';
import { type SignedInClient, signInAll } from '../support/sign-in.ts';
import { countRows } from '../support/store-rows.ts';

describe.each(DIALECTS)('classification everywhere on %s', (dialect) => {
  let t: TestApp;
  let ada: SignedInClient; // admin, always level 3
  let sven: SignedInClient; // staff, level 1
  let carla: SignedInClient; // customer carla@acme.test, level 1
  let dirk: SignedInClient; // customer dirk@globex.test, level 1

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    [ada, sven, carla, dirk] = await signInAll(t.baseUrl, ['ada', 'sven', 'carla', 'dirk']);
  });
  afterAll(() => t?.close());

  /** Arranges a clearance as an admin would set it; the session sees it on its next request. */
  const setClearance = (email: string, clearance: Level) =>
    databaseForTests(t.store).updateTable('accounts').set({ clearance }).where('email', '=', email).execute();

  const countSecrets = () => countRows(t.store, 'secrets');

  it('C4: a direct share above the customer clearance is refused when it is made, and creates nothing', async () => {
    const before = await countSecrets();
    const refused = await shareSecret(ada, 'x', toCustomer('carla@acme.test'), { classification: 2 });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('share.recipient_clearance');
    expect(refused.body.error.message).toMatch(/clearance/);
    expect(await countSecrets()).toBe(before);

    const refusal = await databaseForTests(t.store)
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'reason'])
      .where('action', '=', 'share.refused')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(refusal).toEqual({
      action: 'share.refused',
      outcome: 'refused',
      reason: 'share.recipient_clearance',
    });

    const atLevel = await shareSecret(ada, 'level 1', toCustomer('carla@acme.test'), { classification: 1 });
    expect(atLevel.status).toBe(201);
  });

  it('C4: an address nobody has signed in with is judged by the level new accounts get (C2)', async () => {
    const refused = await shareSecret(ada, 'x', toCustomer('newbie@initech.test'), { classification: 2 });
    expect(refused.body.error.code).toBe('share.recipient_clearance');
    expect((await shareSecret(ada, 'x', toCustomer('newbie@initech.test'))).status).toBe(201);
  });

  it('C4: a customer raised to the level receives it; the recipient lowered later is told the level is above theirs', async () => {
    await setClearance('carla@acme.test', 2);
    const shared = await shareSecret(ada, 'level 2', toCustomer('carla@acme.test'), { classification: 2 });
    expect(shared.status).toBe(201);
    await setClearance('carla@acme.test', 1);

    // Not "not for your account": the relationship holds, the level does not.
    const refused = await openSecret(carla, shared.id, shared.linkKey);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('secret.above_clearance');
    const peek = await carla.api('POST', `/api/secrets/${shared.id}/peek`, {
      proof: await proofFor(shared.linkKey),
    });
    expect(peek.body.error.code).toBe('secret.above_clearance');

    // Anyone else is refused by the relationship first and learns nothing about the level.
    expect((await openSecret(dirk, shared.id, shared.linkKey)).body.error.code).toBe('secret.not_for_you');

    const refusals = await databaseForTests(t.store)
      .selectFrom('audit_events')
      .select(['reason', 'classification', 'count'])
      .where('action', '=', 'secret.refused')
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    // Carla's two refusals (open, peek) are one row with their number (issue 18).
    expect(refusals).toEqual([
      { reason: 'not_recipient', classification: 2, count: 1 },
      { reason: 'below_classification', classification: 2, count: 2 },
    ]);

    // The secret stayed intact: raised again, carla opens it.
    await setClearance('carla@acme.test', 2);
    expect((await openSecret(carla, shared.id, shared.linkKey)).plaintext).toBe('level 2');
    await setClearance('carla@acme.test', 1);
  });

  it('C5: the creator always sees their own item and its status, even above their clearance now', async () => {
    await setClearance('sven.service@example.com', 3);
    await setClearance('carla@acme.test', 3);
    const shared = await shareSecret(sven, 'for carla', toCustomer('carla@acme.test'), { classification: 3 });
    expect(shared.status).toBe(201);
    await setClearance('sven.service@example.com', 1);
    await setClearance('carla@acme.test', 1);

    const { body } = await sven.api('GET', '/api/secrets');
    const row = body.sent.find((secret: { id: string }) => secret.id === shared.id);
    expect(row).toMatchObject({ status: 'waiting', classification: 3 });
  });
});
