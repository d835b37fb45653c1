/**
 * Team shares and levels (issue 17: C6, C7) over real HTTP on both databases. The Service team's members
 * are set by the admin here (TEAMS_SET_BY_ADMINS), so each test arranges exactly the team it needs.
 * Customers share with a team (S2), and so may staff (issue 17 extends S1, decision 0017).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Level } from '../../src/protocol/values.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { accountIdOf, openSecret, shareSecret, toTeam } from '../support/secrets.ts';
import { type SignedInClient, signInAll } from '../support/sign-in.ts';
import { countRows } from '../support/store-rows.ts';

describe.each(DIALECTS)('team shares on %s', (dialect) => {
  let t: TestApp;
  let ada: SignedInClient; // admin
  let sven: SignedInClient; // staff
  let greta: SignedInClient; // staff
  let ines: SignedInClient; // staff
  let carla: SignedInClient; // customer, the sender of most team secrets here (ada and sven send some)
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ dialect, config: { teamsSetByAdmins: ['service'] } });
    [ada, sven, greta, ines, carla] = await signInAll(t.baseUrl, ['ada', 'sven', 'greta', 'ines', 'carla']);
    for (const [key, client] of Object.entries({ sven, greta, ines, carla })) {
      ids[key] = await accountIdOf(client);
    }
  });
  afterAll(() => t?.close());

  const setClearance = async (who: 'sven' | 'greta' | 'ines' | 'carla', clearance: Level) => {
    const { status } = await ada.api('POST', `/api/admin/members/${ids[who]}/clearance`, { clearance });
    expect(status).toBe(200);
  };
  const setMember = async (who: 'sven' | 'greta' | 'ines', member: boolean) => {
    const { status } = await ada.api('POST', `/api/admin/members/${ids[who]}/teams`, {
      team: 'service',
      member,
    });
    expect(status).toBe(200);
  };
  const setRecheck = async (on: boolean) => {
    expect((await ada.api('POST', '/api/admin/settings', { recheckClearanceOnOpen: on })).status).toBe(200);
  };

  beforeEach(async () => {
    // Service: sven and greta; everyone at level 1; carla may classify up to 2.
    for (const who of ['sven', 'greta', 'ines'] as const) await setMember(who, false);
    await setMember('sven', true);
    await setMember('greta', true);
    for (const who of ['sven', 'greta', 'ines'] as const) await setClearance(who, 1);
    await setClearance('carla', 2);
  });

  it('C7: the eligible members are recorded at share time; lowered later, they still open it; a later share excludes them; the strict setting refuses them', async () => {
    await setClearance('sven', 2);
    await setClearance('greta', 2);
    const first = await shareSecret(carla, 'shared at level 2', toTeam('service'), { classification: 2 });
    expect(first.status).toBe(201);
    expect(first.body.exclusion).toEqual({ shown: 'count', count: 0 });
    const recorded = await databaseForTests(t.store)
      .selectFrom('secret_recipients')
      .select(['account_id', 'clearance'])
      .where('secret_id', '=', first.id)
      .execute();
    expect(recorded).toHaveLength(2);
    expect(recorded).toEqual(
      expect.arrayContaining([
        { account_id: ids.sven, clearance: 2 },
        { account_id: ids.greta, clearance: 2 },
      ]),
    );

    // Sven is lowered to 1 after the share.
    await setClearance('sven', 1);

    // A new level-2 secret uses the new level: sven is excluded, and cannot open it.
    const second = await shareSecret(carla, 'shared after', toTeam('service'), { classification: 2 });
    expect(second.status).toBe(201);
    expect(second.body.exclusion).toEqual({ shown: 'count', count: 1 });
    const refused = await openSecret(sven, second.id, second.linkKey);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('secret.above_clearance');

    // With "re-check clearance when opening" on, every open uses the current clearance.
    await setRecheck(true);
    expect((await openSecret(sven, first.id, first.linkKey)).body.error.code).toBe('secret.above_clearance');
    await setRecheck(false);

    // Off again: what was shared with him at level 2 still opens.
    expect((await openSecret(sven, first.id, first.linkKey)).plaintext).toBe('shared at level 2');
    expect((await openSecret(greta, second.id, second.linkKey)).plaintext).toBe('shared after');
  });

  it('C7: a member who joins the team later is checked against their clearance when opening', async () => {
    await setClearance('greta', 2);
    const shared = await shareSecret(carla, 'before ines joined', toTeam('service'), { classification: 2 });
    await setMember('ines', true);
    expect((await openSecret(ines, shared.id, shared.linkKey)).body.error.code).toBe(
      'secret.above_clearance',
    );
    await setClearance('ines', 2);
    expect((await openSecret(ines, shared.id, shared.linkKey)).plaintext).toBe('before ines joined');
  });

  it('C6: a share that leaves no eligible member is refused and creates nothing; a team nobody joined is not', async () => {
    const before = await countRows(t.store, 'secrets');
    const refused = await shareSecret(carla, 'nobody may', toTeam('service'), { classification: 2 });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('share.no_eligible_member');
    expect(await countRows(t.store, 'secrets')).toBe(before);

    // At level 1 nobody is excluded.
    expect((await shareSecret(carla, 'level 1', toTeam('service'))).status).toBe(201);
    // A team nobody has joined yet: members join at their first sign-in, and C7 checks them when opening.
    await setMember('sven', false);
    await setMember('greta', false);
    const empty = await shareSecret(carla, 'for whoever joins', toTeam('service'), { classification: 2 });
    expect(empty.status).toBe(201);
    expect(empty.body.exclusion).toEqual({ shown: 'count', count: 0 });
  });

  it('C6: before sharing, customers see only how many are excluded; staff see first names and +N', async () => {
    await setClearance('greta', 2);
    await setMember('ines', true);
    const asCustomer = await carla.api('GET', '/api/teams/service/exclusion?classification=2');
    expect(asCustomer.status).toBe(200);
    expect(asCustomer.body).toEqual({ exclusion: { shown: 'count', count: 2 }, anyEligible: true });
    // Never a staff name or level in the answer itself, not only on the page.
    expect(JSON.stringify(asCustomer.body)).not.toMatch(/Sven|Ines|Greta|names|clearance|level/i);

    const asStaff = await ada.api('GET', '/api/teams/service/exclusion?classification=2');
    expect(asStaff.body).toEqual({
      exclusion: { shown: 'names', count: 2, names: ['Ines', 'Sven'], more: 0 },
      anyEligible: true,
    });
    // Greta would be its sender, and a sender is not a recipient (issue 17): nobody else is cleared.
    const asGreta = await greta.api('GET', '/api/teams/service/exclusion?classification=2');
    expect(asGreta.body.anyEligible).toBe(false);

    const noneEligible = await carla.api('GET', '/api/teams/service/exclusion?classification=3');
    expect(noneEligible.body.anyEligible).toBe(false);
    expect((await carla.api('GET', '/api/teams/marketing/exclusion?classification=1')).body.error.code).toBe(
      'share.unknown_team',
    );
    expect((await carla.api('GET', '/api/teams/service/exclusion?classification=4')).status).toBe(400);
  });

  it('C6, C8: after sharing, the customer sender sees a count; a staff member of the team sees names; an excluded member does not see it', async () => {
    await setClearance('greta', 2);
    await setMember('ines', true);
    const shared = await shareSecret(carla, 'listed', toTeam('service'), { classification: 2 });

    const sent = (await carla.api('GET', '/api/secrets')).body.sent.find(
      (s: { id: string }) => s.id === shared.id,
    );
    expect(sent.exclusion).toEqual({ shown: 'count', count: 2 });

    const received = (await greta.api('GET', '/api/secrets')).body.received.find(
      (s: { id: string }) => s.id === shared.id,
    );
    expect(received.exclusion).toEqual({ shown: 'names', count: 2, names: ['Ines', 'Sven'], more: 0 });

    const svens = (await sven.api('GET', '/api/secrets')).body.received;
    expect(svens.some((s: { id: string }) => s.id === shared.id)).toBe(false);
  });

  it('issue 17 (S1 extended, decision 0017), C6: a staff sender shares with a team; a member below the level is excluded, a member opens it once, a staff member outside the team is refused', async () => {
    await setClearance('greta', 2);
    // The preview answers a staff sender with the names (C6).
    const preview = await ada.api('GET', '/api/teams/service/exclusion?classification=2');
    expect(preview.body).toEqual({
      exclusion: { shown: 'names', count: 1, names: ['Sven'], more: 0 },
      anyEligible: true,
    });

    const shared = await shareSecret(ada, 'from staff to a team', toTeam('service'), { classification: 2 });
    expect(shared.status).toBe(201);
    expect(shared.body.exclusion).toEqual({ shown: 'names', count: 1, names: ['Sven'], more: 0 });
    // C7: only the eligible member is recorded.
    const recorded = await databaseForTests(t.store)
      .selectFrom('secret_recipients')
      .select(['account_id', 'clearance'])
      .where('secret_id', '=', shared.id)
      .execute();
    expect(recorded).toEqual([{ account_id: ids.greta, clearance: 2 }]);

    // O1: a staff member outside the team is refused (told only that it is not theirs), and so is the
    // member below the level (C4, C6); the secret stays intact.
    const outsider = await openSecret(ines, shared.id, shared.linkKey);
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.code).toMatch(/^secret\.not_for_you/);
    const below = await openSecret(sven, shared.id, shared.linkKey);
    expect(below.status).toBe(403);
    expect(below.body.error.code).toBe('secret.above_clearance');

    // The sender's list shows the team and who of it is excluded.
    const sent = (await ada.api('GET', '/api/secrets')).body.sent.find(
      (s: { id: string }) => s.id === shared.id,
    );
    expect(sent).toMatchObject({
      status: 'waiting',
      recipient: { kind: 'team', team: 'service', teamName: 'Service' },
      exclusion: { shown: 'names', count: 1, names: ['Sven'], more: 0 },
    });

    // O2: the eligible member opens it once.
    expect((await openSecret(greta, shared.id, shared.linkKey)).plaintext).toBe('from staff to a team');
    const again = await openSecret(greta, shared.id, shared.linkKey);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('secret.gone');
    const opened = (await ada.api('GET', '/api/secrets')).body.sent.find(
      (s: { id: string }) => s.id === shared.id,
    );
    expect(opened).toMatchObject({ status: 'opened', openedBy: { name: 'Greta Engineer' } });
  });

  it('issue 17, C3, C6: a staff sender cannot classify above their clearance, nor make a share nobody of the team may open', async () => {
    await setClearance('sven', 2);
    const above = await shareSecret(sven, 'too high', toTeam('service'), { classification: 3 });
    expect(above.status).toBe(403);
    expect(above.body.error.code).toBe('share.classification_above_clearance');
    const before = await countRows(t.store, 'secrets');
    const nobody = await shareSecret(ada, 'nobody may', toTeam('service'), { classification: 3 });
    expect(nobody.status).toBe(422);
    expect(nobody.body.error.code).toBe('share.no_eligible_member');
    expect(await countRows(t.store, 'secrets')).toBe(before);
  });

  it('issue 17: a staff member sharing with their own team is its sender, not a recipient', async () => {
    // Service: sven and greta (level 1). Sven shares with it.
    const preview = await sven.api('GET', '/api/teams/service/exclusion?classification=1');
    expect(preview.body).toEqual({
      exclusion: { shown: 'names', count: 0, names: [], more: 0 },
      anyEligible: true,
    });
    const shared = await shareSecret(sven, 'for my team', toTeam('service'));
    expect(shared.status).toBe(201);
    const recorded = await databaseForTests(t.store)
      .selectFrom('secret_recipients')
      .select('account_id')
      .where('secret_id', '=', shared.id)
      .execute();
    expect(recorded).toEqual([{ account_id: ids.greta }]);
    const lists = (await sven.api('GET', '/api/secrets')).body;
    expect(lists.sent.map((s: { id: string }) => s.id)).toContain(shared.id);
    expect(lists.received.map((s: { id: string }) => s.id)).not.toContain(shared.id);
    // Opening it would only burn it for the others: refused, and it stays for greta.
    const own = await openSecret(sven, shared.id, shared.linkKey);
    expect(own.status).toBe(403);
    expect((await openSecret(greta, shared.id, shared.linkKey)).plaintext).toBe('for my team');

    // C6: nobody but the sender at the level is a share nobody could open.
    await setClearance('sven', 2);
    const alone = await shareSecret(sven, 'only me', toTeam('service'), { classification: 2 });
    expect(alone.status).toBe(422);
    expect(alone.body.error.code).toBe('share.no_eligible_member');
  });

  it('C1: with levels off, nobody is excluded and everyone may open', async () => {
    expect((await ada.api('POST', '/api/admin/settings', { levelsEnabled: false })).status).toBe(200);
    try {
      const preview = await carla.api('GET', '/api/teams/service/exclusion?classification=2');
      expect(preview.body).toEqual({ exclusion: { shown: 'count', count: 0 }, anyEligible: true });
      const shared = await shareSecret(carla, 'no levels', toTeam('service'));
      expect(shared.body.exclusion).toEqual({ shown: 'count', count: 0 });
      expect((await openSecret(sven, shared.id, shared.linkKey)).plaintext).toBe('no levels');
    } finally {
      expect((await ada.api('POST', '/api/admin/settings', { levelsEnabled: true })).status).toBe(200);
    }
  });
});
