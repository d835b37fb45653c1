/**
 * The admin settings (issue 17: C1, C2, C7, O3, S5, X6) over real HTTP on both databases: admins only,
 * stored in the database, audited with who, before and after, and in force on every instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseForTests } from '../../src/store/testing.ts';
import { SETTINGS_CACHE_MS } from '../../src/usecases/settings.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { inviteGuest } from '../support/invitations.ts';
import { openSecret, shareSecret, toCustomer } from '../support/secrets.ts';
import { anonymousClient, type SignedInClient, signIn, signInAll } from '../support/sign-in.ts';

describe.each(DIALECTS)('admin settings on %s', (dialect) => {
  let t: TestApp;
  let ada: SignedInClient; // admin
  let sven: SignedInClient; // staff
  let carla: SignedInClient; // customer

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    [ada, sven, carla] = await signInAll(t.baseUrl, ['ada', 'sven', 'carla']);
  });
  afterAll(() => t?.close());

  const change = (client: SignedInClient, body: Record<string, unknown>) =>
    client.api('POST', '/api/admin/settings', body);
  const config = async () => (await anonymousClient(t.baseUrl).api('GET', '/api/config')).body;
  const setClearance = (email: string, clearance: number) =>
    databaseForTests(t.store).updateTable('accounts').set({ clearance }).where('email', '=', email).execute();

  it('admin area: only admins read or change settings; others get 403 admin.required and change nothing', async () => {
    expect((await anonymousClient(t.baseUrl).api('GET', '/api/admin/settings')).status).toBe(401);
    for (const other of [sven, carla]) {
      const read = await other.api('GET', '/api/admin/settings');
      expect(read.status).toBe(403);
      expect(read.body.error.code).toBe('admin.required');
      const written = await change(other, { levelsEnabled: false });
      expect(written.status).toBe(403);
      expect(written.body.error.code).toBe('admin.required');
    }
    expect((await config()).levelsEnabled).toBe(true);

    const { status, body } = await ada.api('GET', '/api/admin/settings');
    expect(status).toBe(200);
    expect(body.settings).toEqual({
      levelsEnabled: true,
      defaultClearance: 1,
      secretExpiryDefaultSeconds: 7 * 86400,
      secretExpiryMaxSeconds: 30 * 86400,
      invitationExpiryDefaultSeconds: 7 * 86400,
      invitationExpiryMaxSeconds: 30 * 86400,
      recheckClearanceOnOpen: false,
      auditRetentionDays: 365,
    });
    expect(body.configured).toEqual(body.settings);
  });

  it('X7: a bad settings change is refused with a stable code and changes nothing', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{}, 400, 'request.invalid'],
      [{ levelsEnabled: 'no' }, 400, 'request.invalid'],
      [{ defaultClearance: 4 }, 400, 'request.invalid'],
      [{ secretExpiryMaxSeconds: 59 }, 400, 'request.invalid'],
      [{ colour: 'red' }, 400, 'request.invalid'],
      [{ secretExpiryDefaultSeconds: 31 * 86400 }, 422, 'settings.expiry_default_above_max'],
      [{ invitationExpiryMaxSeconds: 3600 }, 422, 'settings.expiry_default_above_max'],
    ];
    for (const [body, status, code] of cases) {
      const refused = await change(ada, body);
      expect(refused.status, JSON.stringify(body)).toBe(status);
      expect(refused.body.error.code).toBe(code);
    }
    const rows = await databaseForTests(t.store).selectFrom('settings').selectAll().execute();
    expect(rows).toEqual([]);
  });

  it('O3, S5, X6: expiry settings change the choices at once and are audited with who, before and after', async () => {
    const changed = await change(ada, { secretExpiryDefaultSeconds: 3600, secretExpiryMaxSeconds: 86400 });
    expect(changed.status).toBe(200);
    expect(changed.body.settings).toMatchObject({
      secretExpiryDefaultSeconds: 3600,
      secretExpiryMaxSeconds: 86400,
    });
    expect(changed.body.configured).toMatchObject({ secretExpiryDefaultSeconds: 7 * 86400 });

    expect((await config()).expiry).toEqual({
      defaultSeconds: 3600,
      maxSeconds: 86400,
      presetSeconds: [3600, 86400],
    });
    const tooLong = await shareSecret(sven, 'x', toCustomer('carla@acme.test'), {
      expiresInSeconds: 7 * 86400,
    });
    expect(tooLong.body.error.code).toBe('share.expiry_out_of_range');
    const preset = await shareSecret(sven, 'x', toCustomer('carla@acme.test'));
    expect(preset.body.expiresAt).toBe(t.clock() + 3600 * 1000);

    const adaId = (await ada.api('GET', '/api/me')).body.account.id;
    const audit = await databaseForTests(t.store)
      .selectFrom('audit_events')
      .select(['actor_id', 'outcome', 'detail'])
      .where('action', '=', 'settings.changed')
      .orderBy('id')
      .execute();
    expect(audit.map((row) => ({ ...row, detail: JSON.parse(row.detail ?? 'null') }))).toEqual([
      {
        actor_id: adaId,
        outcome: 'ok',
        detail: { setting: 'secretExpiryDefaultSeconds', before: 7 * 86400, after: 3600 },
      },
      {
        actor_id: adaId,
        outcome: 'ok',
        detail: { setting: 'secretExpiryMaxSeconds', before: 30 * 86400, after: 86400 },
      },
    ]);

    // Back to the configuration's values; a change to the same value is no change and is not audited.
    await change(ada, { secretExpiryDefaultSeconds: 7 * 86400, secretExpiryMaxSeconds: 30 * 86400 });
    const count = await databaseForTests(t.store)
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('action', '=', 'settings.changed')
      .executeTakeFirstOrThrow();
    await change(ada, { secretExpiryMaxSeconds: 30 * 86400 });
    const again = await databaseForTests(t.store)
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('action', '=', 'settings.changed')
      .executeTakeFirstOrThrow();
    expect(Number(again.n)).toBe(Number(count.n));
  });

  it('C1: with levels off every secret and invitation is level 1, no level narrows an open, and none is shown', async () => {
    await setClearance('carla@acme.test', 2);
    const classified = await shareSecret(ada, 'level 2 before', toCustomer('carla@acme.test'), {
      classification: 2,
    });
    expect(classified.status).toBe(201);
    await setClearance('carla@acme.test', 1);

    expect((await change(ada, { levelsEnabled: false })).status).toBe(200);
    expect((await config()).levelsEnabled).toBe(false);

    const refused = await shareSecret(ada, 'x', toCustomer('carla@acme.test'), { classification: 2 });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('share.levels_off');
    const plain = await shareSecret(ada, 'level 1', toCustomer('carla@acme.test'));
    expect(plain.body.classification).toBe(1);
    const invitation = await inviteGuest(sven, 'x', { classification: 2 });
    expect(invitation.status).toBe(422);

    // Levels ignored: carla, level 1, opens what was classified 2 before the switch.
    expect((await openSecret(carla, classified.id, classified.linkKey)).plaintext).toBe('level 2 before');

    expect((await change(ada, { levelsEnabled: true })).status).toBe(200);
    expect((await config()).levelsEnabled).toBe(true);
  });

  it('C2: an account signing in for the first time gets the level the admin set', async () => {
    expect((await change(ada, { defaultClearance: 2 })).status).toBe(200);
    const greta = await signIn(t.baseUrl, 'greta');
    expect((await greta.api('GET', '/api/me')).body.account.clearance).toBe(2);
    // C4: an address nobody has signed in with is judged by that level too.
    expect((await shareSecret(ada, 'x', toCustomer('new@initech.test'), { classification: 2 })).status).toBe(
      201,
    );
    expect((await change(ada, { defaultClearance: 1 })).status).toBe(200);
  });

  it.runIf(dialect === 'postgres')(
    'R2: a change made on one instance holds on another instance of the same database',
    async () => {
      const other = await startTestApp({ dialect, database: t.database, clock: t.clock });
      try {
        const read = async () =>
          (await anonymousClient(other.baseUrl).api('GET', '/api/config')).body.levelsEnabled;
        expect(await read()).toBe(true);
        expect((await change(ada, { levelsEnabled: false })).status).toBe(200);
        // The other instance reads the settings again once its copy is older than the cache time.
        t.clock.advance(SETTINGS_CACHE_MS);
        expect(await read()).toBe(false);
        expect((await change(ada, { levelsEnabled: true })).status).toBe(200);
        t.clock.advance(SETTINGS_CACHE_MS);
        expect(await read()).toBe(true);
      } finally {
        await other.stop();
      }
    },
  );
});
