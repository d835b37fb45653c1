/**
 * Member management (issue 17: C2, X6) over real HTTP on both databases: admins only; list and search;
 * clearance (never an admin's); disable and enable (sessions end at once, on every instance); membership
 * of teams whose members admins set. Every change audited with who, whom, before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseForTests } from '../../src/store/testing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import {
  anonymousClient,
  attemptSignIn,
  type SignedInClient,
  signIn,
  signInAll,
} from '../support/sign-in.ts';

interface Member {
  id: string;
  name: string;
  email: string;
  role: string;
  isAdmin: boolean;
  clearance: number;
  status: string;
  lastSignInAt: number;
  teams: { id: string; name: string; source: string }[];
}

describe.each(DIALECTS)('member management on %s', (dialect) => {
  let t: TestApp;
  let ada: SignedInClient; // admin
  let sven: SignedInClient; // staff, Service from the groups claim
  let ines: SignedInClient; // staff, in the provider's Inside Sales group, which admins set here
  let carla: SignedInClient; // customer
  let dirk: SignedInClient; // customer

  beforeAll(async () => {
    t = await startTestApp({ dialect, config: { teamsSetByAdmins: ['inside-sales'] } });
    [ada, sven, ines, carla, dirk] = await signInAll(t.baseUrl, ['ada', 'sven', 'ines', 'carla', 'dirk']);
  });
  afterAll(() => t?.close());

  const list = async (query = ''): Promise<Member[]> => {
    const { status, body } = await ada.api('GET', `/api/admin/members?query=${encodeURIComponent(query)}`);
    expect(status).toBe(200);
    return body.members;
  };
  const memberId = async (email: string) => {
    const found = (await list(email)).find((member) => member.email === email);
    if (!found) throw new Error(`no member ${email}`);
    return found.id;
  };
  const auditOf = (action: string) =>
    databaseForTests(t.store)
      .selectFrom('audit_events')
      .select(['actor_id', 'subject_id', 'outcome', 'detail'])
      .where('action', '=', action)
      .orderBy('id')
      .execute();
  const idOf = async (client: SignedInClient) => (await client.api('GET', '/api/me')).body.account.id;

  it('admin area: only admins list or change members; others get 403 admin.required', async () => {
    expect((await anonymousClient(t.baseUrl).api('GET', '/api/admin/members')).status).toBe(401);
    const carlaId = await memberId('carla@acme.test');
    for (const other of [sven, carla]) {
      const read = await other.api('GET', '/api/admin/members');
      expect(read.status).toBe(403);
      expect(read.body.error.code).toBe('admin.required');
      const changed = await other.api('POST', `/api/admin/members/${carlaId}/clearance`, { clearance: 3 });
      expect(changed.body.error.code).toBe('admin.required');
      const disabled = await other.api('POST', `/api/admin/members/${carlaId}/status`, {
        status: 'disabled',
      });
      expect(disabled.body.error.code).toBe('admin.required');
    }
    expect((await carla.api('GET', '/api/me')).body.account.clearance).toBe(1);
  });

  it('lists every account with name, e-mail, role, teams, clearance, last sign-in and status; searches', async () => {
    const { body } = await ada.api('GET', '/api/admin/members');
    expect(body.total).toBe(5);
    expect(body.members.map((member: Member) => member.name)).toEqual([
      'Ada Admin',
      'Carla Customer',
      'Dirk Customer',
      'Ines Sales',
      'Sven Service',
    ]);
    expect(body.members.find((member: Member) => member.name === 'Sven Service')).toEqual({
      id: expect.any(String),
      name: 'Sven Service',
      email: 'sven.service@example.com',
      role: 'staff',
      isAdmin: false,
      clearance: 1,
      status: 'active',
      lastSignInAt: t.clock(),
      teams: [{ id: 'service', name: 'Service', source: 'claim' }],
    });
    expect(body.members.find((member: Member) => member.isAdmin)).toMatchObject({ clearance: 3 });
    // Inside Sales' members are set by admins: ines's group claim made her no member.
    expect(body.members.find((member: Member) => member.name === 'Ines Sales').teams).toEqual([]);
    expect(body.teams).toEqual([
      { id: 'go-engineers', name: 'GO Engineers', setByAdmins: false },
      { id: 'inside-sales', name: 'Inside Sales', setByAdmins: true },
      { id: 'service', name: 'Service', setByAdmins: false },
    ]);

    expect((await list('CUSTOMER')).map((member) => member.email)).toEqual([
      'carla@acme.test',
      'dirk@globex.test',
    ]);
    expect((await list('globex')).map((member) => member.name)).toEqual(['Dirk Customer']);
    // A search is text: `%` and `_` match only themselves.
    expect(await list('%')).toEqual([]);
    expect(await list('_')).toEqual([]);
  });

  it("C2, X6: an admin changes a member's clearance, at once and audited; an admin's stays 3", async () => {
    const carlaId = await memberId('carla@acme.test');
    const changed = await ada.api('POST', `/api/admin/members/${carlaId}/clearance`, { clearance: 2 });
    expect(changed.status).toBe(200);
    expect(changed.body.member).toMatchObject({ id: carlaId, clearance: 2 });
    expect((await carla.api('GET', '/api/me')).body.account.clearance).toBe(2);

    // The same value again changes nothing and records nothing.
    await ada.api('POST', `/api/admin/members/${carlaId}/clearance`, { clearance: 2 });
    expect(await auditOf('member.clearance_changed')).toEqual([
      {
        actor_id: await idOf(ada),
        subject_id: carlaId,
        outcome: 'ok',
        detail: JSON.stringify({ before: 1, after: 2 }),
      },
    ]);

    const adaId = await idOf(ada);
    const admin = await ada.api('POST', `/api/admin/members/${adaId}/clearance`, { clearance: 1 });
    expect(admin.status).toBe(409);
    expect(admin.body.error.code).toBe('member.admin_clearance');
    for (const body of [{ clearance: 4 }, { clearance: '2' }, {}, { clearance: 2, extra: 1 }]) {
      expect((await ada.api('POST', `/api/admin/members/${carlaId}/clearance`, body)).status).toBe(400);
    }
    expect(
      (await ada.api('POST', '/api/admin/members/AAAAAAAAAAAAAAAAAAAAAA/clearance', { clearance: 2 })).status,
    ).toBe(404);
    expect(
      (await ada.api('POST', '/api/admin/members/nobody/clearance', { clearance: 2 })).body.error.code,
    ).toBe('member.not_found');
    await ada.api('POST', `/api/admin/members/${carlaId}/clearance`, { clearance: 1 });
  });

  it('an admin disables an account: its sessions end at once and it cannot sign in; enabled, it signs in again', async () => {
    const dirkId = await memberId('dirk@globex.test');
    expect((await dirk.api('GET', '/api/me')).status).toBe(200);
    const disabled = await ada.api('POST', `/api/admin/members/${dirkId}/status`, { status: 'disabled' });
    expect(disabled.body.member.status).toBe('disabled');
    expect((await dirk.api('GET', '/api/me')).status).toBe(401);
    const sessions = await databaseForTests(t.store)
      .selectFrom('sessions')
      .select('id_hash')
      .where('account_id', '=', dirkId)
      .execute();
    expect(sessions).toEqual([]);
    const again = await attemptSignIn(t.baseUrl, 'dirk');
    expect(again.callback.status).toBe(403);

    const enabled = await ada.api('POST', `/api/admin/members/${dirkId}/status`, { status: 'active' });
    expect(enabled.body.member.status).toBe('active');
    expect((await dirk.api('GET', '/api/me')).status).toBe(401); // the old session stays ended
    dirk = await signIn(t.baseUrl, 'dirk');
    expect((await dirk.api('GET', '/api/me')).status).toBe(200);

    const adaId = await idOf(ada);
    expect(
      (await auditOf('member.disabled')).concat(await auditOf('member.enabled')).map((row) => ({
        ...row,
        detail: JSON.parse(row.detail ?? 'null'),
      })),
    ).toEqual([
      { actor_id: adaId, subject_id: dirkId, outcome: 'ok', detail: { before: 'active', after: 'disabled' } },
      { actor_id: adaId, subject_id: dirkId, outcome: 'ok', detail: { before: 'disabled', after: 'active' } },
    ]);

    const self = await ada.api('POST', `/api/admin/members/${adaId}/status`, { status: 'disabled' });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('member.self');
  });

  it('an admin sets membership of a team whose members admins set; never of a provider team, never a customer', async () => {
    const inesId = await memberId('ines.sales@example.com');
    const added = await ada.api('POST', `/api/admin/members/${inesId}/teams`, {
      team: 'inside-sales',
      member: true,
    });
    expect(added.body.member.teams).toEqual([{ id: 'inside-sales', name: 'Inside Sales', source: 'admin' }]);
    expect((await ines.api('GET', '/api/me')).body.account.teams).toEqual([
      { id: 'inside-sales', name: 'Inside Sales' },
    ]);

    // Signing in again does not take it away: the groups claim is not read for this team.
    ines = await signIn(t.baseUrl, 'ines');
    expect((await ines.api('GET', '/api/me')).body.account.teams).toHaveLength(1);

    const refusals: [string, Record<string, unknown>, number, string][] = [
      [inesId, { team: 'service', member: true }, 409, 'member.team_from_provider'],
      [inesId, { team: 'marketing', member: true }, 422, 'member.unknown_team'],
      [
        await memberId('carla@acme.test'),
        { team: 'inside-sales', member: true },
        422,
        'member.customer_team',
      ],
    ];
    for (const [id, body, status, code] of refusals) {
      const refused = await ada.api('POST', `/api/admin/members/${id}/teams`, body);
      expect(refused.status).toBe(status);
      expect(refused.body.error.code).toBe(code);
    }

    const removed = await ada.api('POST', `/api/admin/members/${inesId}/teams`, {
      team: 'inside-sales',
      member: false,
    });
    expect(removed.body.member.teams).toEqual([]);
    expect((await ines.api('GET', '/api/me')).body.account.teams).toEqual([]);
    expect((await auditOf('member.team_added')).map((row) => JSON.parse(row.detail ?? 'null'))).toEqual([
      { team: 'inside-sales', before: false, after: true },
    ]);
    expect(await auditOf('member.team_removed')).toEqual([
      {
        actor_id: await idOf(ada),
        subject_id: inesId,
        outcome: 'ok',
        detail: JSON.stringify({ team: 'inside-sales', before: true, after: false }),
      },
    ]);
  });

  it.runIf(dialect === 'postgres')(
    'R2: an account disabled on one instance loses its session on another instance at once',
    async () => {
      const other = await startTestApp({ dialect, database: t.database, clock: t.clock });
      try {
        const dirkThere = await signIn(other.baseUrl, 'dirk');
        expect((await dirkThere.api('GET', '/api/me')).status).toBe(200);
        const dirkId = await memberId('dirk@globex.test');
        await ada.api('POST', `/api/admin/members/${dirkId}/status`, { status: 'disabled' });
        expect((await dirkThere.api('GET', '/api/me')).status).toBe(401);
        await ada.api('POST', `/api/admin/members/${dirkId}/status`, { status: 'active' });
      } finally {
        await other.stop();
      }
    },
  );
});
