/**
 * The secret lifecycle over real HTTP, signed in through the demo provider's real code flow, on both
 * databases. Each test names the SPEC rule it proves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTargetHash } from '../../src/store/audit.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { openSecret, shareSecret, toCustomer, toTeam } from '../support/secrets.ts';
import { type SignedInClient, signInAll } from '../support/sign-in.ts';
import { countRows } from '../support/store-rows.ts';

describe.each(DIALECTS)('secrets on %s', (dialect) => {
  let t: TestApp;
  let sven: SignedInClient; // staff, team Service, German
  let greta: SignedInClient; // staff, team GO Engineers
  let ada: SignedInClient; // admin, clearance 3
  let carla: SignedInClient; // customer carla@acme.test
  let dirk: SignedInClient; // customer dirk@globex.test

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    [sven, greta, ada, carla, dirk] = await signInAll(t.baseUrl, ['sven', 'greta', 'ada', 'carla', 'dirk']);
  });
  afterAll(() => t?.close());

  const countSecrets = () => countRows(t.store, 'secrets');

  it('S1, O1, O2: staff share with a customer; only that customer opens it, once', async () => {
    const shared = await shareSecret(sven, 'vpn: hunter2', toCustomer('Carla@ACME.test '));
    expect(shared.status).toBe(201);
    expect(shared.id).toMatch(/^[A-Za-z0-9_-]{22}$/); // X3: 128 random bits

    const first = await openSecret(carla, shared.id, shared.linkKey);
    expect(first.status).toBe(200);
    expect(first.plaintext).toBe('vpn: hunter2');
    expect(first.body.sender).toEqual({ name: 'Sven Service', email: 'sven.service@example.com' });

    const second = await openSecret(carla, shared.id, shared.linkKey);
    expect(second.status).toBe(404);
    expect(second.body.error.code).toBe('secret.gone');
  });

  it('O5: a non-recipient is refused, recorded, and the secret stays intact for the recipient', async () => {
    const shared = await shareSecret(sven, 'for carla only', toCustomer('carla@acme.test'));
    for (const other of [dirk, sven, greta, ada]) {
      const refused = await openSecret(other, shared.id, shared.linkKey);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('secret.not_for_you');
    }
    const refusals = await databaseForTests(t.store)
      .selectFrom('audit_events')
      .select(['reason', 'outcome'])
      .where('target_hash', '=', auditTargetHash(shared.id))
      .where('action', '=', 'secret.refused')
      .execute();
    expect(refusals).toHaveLength(4);
    expect(refusals.every((row) => row.outcome === 'refused' && row.reason === 'not_recipient')).toBe(true);

    expect((await openSecret(carla, shared.id, shared.linkKey)).plaintext).toBe('for carla only');
  });

  it('S2, O1, O6: a customer shares with a team; only a member opens it, and the sender sees who', async () => {
    const shared = await shareSecret(carla, 'router admin pw', toTeam('service'));
    expect(shared.status).toBe(201);
    // O5: told it is a team's secret, nothing more (issue 19; test/integration/not-for-your-team.test.ts).
    expect((await openSecret(greta, shared.id, shared.linkKey)).body.error.code).toBe(
      'secret.not_for_your_team',
    );
    expect((await openSecret(dirk, shared.id, shared.linkKey)).body.error.code).toBe(
      'secret.not_for_your_team',
    );

    const opened = await openSecret(sven, shared.id, shared.linkKey);
    expect(opened.plaintext).toBe('router admin pw');
    expect(opened.body.recipient).toEqual({ kind: 'team', team: 'service', teamName: 'Service' });

    const { body } = await carla.api('GET', '/api/secrets');
    const row = body.sent.find((s: { id: string }) => s.id === shared.id);
    expect(row).toMatchObject({ status: 'opened', openedBy: { name: 'Sven Service' } });
    expect(row.openedAt).toBeTypeOf('number');
  });

  it.each([
    [
      'S3 customer -> customer',
      () => carla,
      toCustomer('dirk@globex.test'),
      403,
      'share.customer_to_customer',
    ],
    [
      'S2 customer -> staff individual',
      () => carla,
      toCustomer('sven.service@example.com'),
      403,
      'share.customer_to_individual',
    ],
    [
      'S1 staff -> staff-domain address',
      () => sven,
      toCustomer('greta.engineer@example.com'),
      422,
      'share.staff_address',
    ],
    // Issue 17 lets staff share with a team (test/integration/team-shares.test.ts), but an offered one.
    ['S1+ staff -> unknown team', () => sven, toTeam('marketing'), 422, 'share.unknown_team'],
    ['S2 customer -> unknown team', () => carla, toTeam('marketing'), 422, 'share.unknown_team'],
  ] as const)('%s is refused and creates nothing', async (_rule, who, recipient, status, code) => {
    const before = await countSecrets();
    const shared = await shareSecret(who(), 'nope', recipient);
    expect(shared.status).toBe(status);
    expect(shared.body.error.code).toBe(code);
    expect(shared.body.error.message).toEqual(expect.any(String));
    expect(await countSecrets()).toBe(before);
  });

  it('C3: a sender cannot classify above their clearance; C4: a recipient below the level cannot open', async () => {
    const tooHigh = await shareSecret(sven, 'x', toCustomer('carla@acme.test'), { classification: 2 });
    expect(tooHigh.status).toBe(403);
    expect(tooHigh.body.error.code).toBe('share.classification_above_clearance');

    // C4: a customer of level 1 could never open a level-3 secret, so it is refused when it is made
    // (test/integration/levels.test.ts has the rest of C4).
    const secret = await shareSecret(ada, 'level 3', toCustomer('carla@acme.test'), { classification: 3 });
    expect(secret.status).toBe(422);
    expect(secret.body.error.code).toBe('share.recipient_clearance');
  });

  it('O5, X1: a wrong proof opens nothing and is answered exactly like an unknown id', async () => {
    const shared = await shareSecret(sven, 'proof matters', toCustomer('carla@acme.test'));
    const other = await shareSecret(sven, 'other', toCustomer('carla@acme.test'));
    const wrongProof = await openSecret(carla, shared.id, other.linkKey);
    const unknownId = await openSecret(carla, 'AAAAAAAAAAAAAAAAAAAAAA', shared.linkKey);
    const malformedId = await openSecret(carla, 'not-an-id', shared.linkKey);
    expect(wrongProof.status).toBe(404);
    expect(wrongProof.body).toEqual(unknownId.body);
    expect(malformedId.body).toEqual(unknownId.body);
    expect(wrongProof.body.error.code).toBe('secret.gone');
    // Refused by the proof check before any claim: recorded as a wrong proof, not as a lost race.
    const refusals = await databaseForTests(t.store)
      .selectFrom('audit_events')
      .select('reason')
      .where('target_hash', '=', auditTargetHash(shared.id))
      .where('action', '=', 'secret.refused')
      .execute();
    expect(refusals).toEqual([{ reason: 'wrong_proof' }]);
    expect((await openSecret(carla, shared.id, shared.linkKey)).plaintext).toBe('proof matters');
  });

  it('O2: of 50 concurrent opens of one secret, exactly one gets it', async () => {
    const shared = await shareSecret(sven, 'race me', toCustomer('carla@acme.test'));
    const results = await Promise.all(
      Array.from({ length: 50 }, () => openSecret(carla, shared.id, shared.linkKey)),
    );
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.plaintext).toBe('race me');
    expect(results.filter((r) => r.status === 404 && r.body.error.code === 'secret.gone')).toHaveLength(49);
    const content = await databaseForTests(t.store)
      .selectFrom('secret_contents')
      .selectAll()
      .where('secret_id', '=', shared.id)
      .execute();
    expect(content).toHaveLength(0);
  });

  it('O6: only the sender revokes, only before it is opened', async () => {
    const shared = await shareSecret(sven, 'revoke me', toCustomer('carla@acme.test'));
    for (const other of [dirk, carla, greta]) {
      const refused = await other.api('POST', `/api/secrets/${shared.id}/revoke`);
      expect(refused.status).toBe(404);
      expect(refused.body.error.code).toBe('secret.gone');
    }
    const revoked = await sven.api('POST', `/api/secrets/${shared.id}/revoke`);
    expect(revoked).toMatchObject({ status: 200, body: { id: shared.id, status: 'revoked' } });
    expect((await openSecret(carla, shared.id, shared.linkKey)).body.error.code).toBe('secret.gone');
    expect((await sven.api('POST', `/api/secrets/${shared.id}/revoke`)).status).toBe(404);

    const { body } = await sven.api('GET', '/api/secrets');
    expect(body.sent.find((s: { id: string }) => s.id === shared.id)).toMatchObject({ status: 'revoked' });

    const opened = await shareSecret(sven, 'already read', toCustomer('carla@acme.test'));
    await openSecret(carla, opened.id, opened.linkKey);
    expect((await sven.api('POST', `/api/secrets/${opened.id}/revoke`)).status).toBe(404);
  });

  it('O6: the recipient lists what was addressed to them, the sender what they sent; never content', async () => {
    const shared = await shareSecret(sven, 'listed', toCustomer('carla@acme.test'));
    const received = (await carla.api('GET', '/api/secrets')).body.received;
    expect(received.find((s: { id: string }) => s.id === shared.id)).toMatchObject({
      status: 'waiting',
      recipient: { kind: 'customer', email: 'carla@acme.test' },
      sender: { name: 'Sven Service' },
    });
    expect(
      (await dirk.api('GET', '/api/secrets')).body.received.map((s: { id: string }) => s.id),
    ).not.toContain(shared.id);
    const wire = JSON.stringify((await sven.api('GET', '/api/secrets')).body);
    expect(wire).not.toContain(shared.sent.ciphertext);
    expect(wire).not.toContain(shared.sent.verifier);
  });

  it('S6: every secrets endpoint needs sign-in', async () => {
    const anonymous = await fetch(`${t.baseUrl}/api/secrets`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('auth.required');
    const create = await fetch(`${t.baseUrl}/api/secrets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: t.baseUrl },
      body: '{}',
    });
    expect(create.status).toBe(401);
  });
});
