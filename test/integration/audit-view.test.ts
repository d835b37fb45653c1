/**
 * The audit view (issue 17: X6, C5, C6, C8) over real HTTP on both databases: admins see every event;
 * everyone else the events of their own items (whatever the level, C5) and of their own acts, up to their
 * clearance (C8); customers never see which staff member was refused; filters, pages, CSV and JSON lines
 * exports; the retention setting; refused open attempts in My secrets.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExpirySweeper } from '../../src/jobs/expiry-sweeper.ts';
import type { AuditEntry } from '../../src/protocol/audit.ts';
import type { Level } from '../../src/protocol/values.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { until } from '../support/poll.ts';
import { openSecret, shareSecret, toCustomer, toTeam } from '../support/secrets.ts';
import { type SignedInClient, signInAll } from '../support/sign-in.ts';

describe.each(DIALECTS)('the audit view on %s', (dialect) => {
  let t: TestApp;
  let ada: SignedInClient; // admin
  let sven: SignedInClient; // staff, Service
  let greta: SignedInClient; // staff, GO Engineers
  let carla: SignedInClient; // customer
  let dirk: SignedInClient; // customer
  const ids: Record<string, string> = {};
  let teamSecret = '';
  let directSecret = '';

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    [ada, sven, greta, carla, dirk] = await signInAll(t.baseUrl, ['ada', 'sven', 'greta', 'carla', 'dirk']);
    for (const [key, client] of Object.entries({ ada, sven, greta, carla, dirk })) {
      ids[key] = (await client.api('GET', '/api/me')).body.account.id;
    }
    await setClearance('carla', 2);
    await setClearance('sven', 2);
    // carla -> Service at level 2: greta (not a member) and dirk are refused, sven opens it.
    const team = await shareSecret(carla, 'team level 2', toTeam('service'), { classification: 2 });
    teamSecret = team.id;
    await openSecret(greta, team.id, team.linkKey);
    await openSecret(greta, team.id, team.linkKey);
    await openSecret(dirk, team.id, team.linkKey);
    expect((await openSecret(sven, team.id, team.linkKey)).plaintext).toBe('team level 2');
    // sven -> carla: dirk and greta are refused; carla's secret stays waiting.
    const direct = await shareSecret(sven, 'for carla', toCustomer('carla@acme.test'));
    directSecret = direct.id;
    await openSecret(dirk, direct.id, direct.linkKey);
    await openSecret(greta, direct.id, direct.linkKey);
    await setClearance('dirk', 2);
  });
  afterAll(() => t?.close());

  async function setClearance(who: string, clearance: Level) {
    expect((await ada.api('POST', `/api/admin/members/${ids[who]}/clearance`, { clearance })).status).toBe(
      200,
    );
  }
  const view = async (
    client: SignedInClient,
    query = '',
  ): Promise<{ entries: AuditEntry[]; [key: string]: unknown }> => {
    const { status, body } = await client.api('GET', `/api/audit${query}`);
    expect(status).toBe(200);
    return body;
  };
  const actions = (entries: AuditEntry[]) => entries.map((entry) => entry.action);

  it('X6: an admin sees every event, member and settings changes with whom, before and after', async () => {
    const page = await view(ada);
    expect(page.scope).toBe('all');
    expect(page.retentionDays).toBe(365);
    expect(actions(page.entries)).toEqual(
      expect.arrayContaining([
        'secret.created',
        'secret.opened',
        'secret.refused',
        'member.clearance_changed',
      ]),
    );
    const change = page.entries.find(
      (entry) => entry.action === 'member.clearance_changed' && entry.subject?.name === 'Dirk Customer',
    );
    expect(change).toMatchObject({
      actor: { name: 'Ada Admin', email: 'ada.admin@example.com' },
      outcome: 'ok',
      detail: { before: 1, after: 2 },
    });
  });

  it('C5: a customer sees every event of her own secret; staff who were refused stay unnamed (C6), the opener is named (O6)', async () => {
    const page = await view(carla);
    expect(page.scope).toBe('own');
    expect(actions(page.entries)).not.toContain('member.clearance_changed');
    const refusals = page.entries.filter((entry) => entry.action === 'secret.refused');
    // greta twice (one entry, counted), dirk once; neither is a member of the team.
    expect(refusals.map((entry) => [entry.reason, entry.count]).sort()).toEqual([
      ['not_team_member', 1],
      ['not_team_member', 2],
    ]);
    expect(refusals.every((entry) => entry.actor === null && entry.actorHidden)).toBe(true);
    expect(page.entries.find((entry) => entry.action === 'secret.opened')?.actor?.name).toBe('Sven Service');
    expect(JSON.stringify(page)).not.toMatch(/Greta|greta\.engineer/);
    expect(JSON.stringify(page)).not.toContain(teamSecret);
  });

  it('C8: a member sees his own acts only up to his clearance; lowered, his open of a level-2 secret is hidden', async () => {
    const before = await view(sven);
    expect(
      before.entries.some((entry) => entry.action === 'secret.opened' && entry.classification === 2),
    ).toBe(true);
    // Not his item and not his act: carla's create is not his to see.
    expect(
      before.entries.some(
        (entry) => entry.action === 'secret.created' && entry.actor?.name === 'Carla Customer',
      ),
    ).toBe(false);
    // His own secret's refusals, with who (he is staff) - C5.
    const refused = before.entries.filter((entry) => entry.action === 'secret.refused');
    expect(refused.map((entry) => entry.actor?.name).sort()).toEqual(['Dirk Customer', 'Greta Engineer']);

    await setClearance('sven', 1);
    const after = await view(sven);
    expect(
      after.entries.some((entry) => entry.action === 'secret.opened' && entry.classification === 2),
    ).toBe(false);
    await setClearance('sven', 2);
  });

  it('X6: filters by action, outcome, actor and time', async () => {
    const refused = (await view(ada, '?outcome=refused')).entries;
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((entry) => entry.outcome === 'refused')).toBe(true);
    const opened = (await view(ada, '?action=secret.opened')).entries;
    expect(opened.map((entry) => entry.actor?.name)).toEqual(['Sven Service']);
    const byGreta = (await view(ada, '?actor=GRETA')).entries;
    expect(byGreta.length).toBe(2);
    expect(byGreta.every((entry) => entry.actor?.email === 'greta.engineer@example.com')).toBe(true);
    expect((await view(ada, `?from=${t.clock() + 1}`)).entries).toEqual([]);
    expect((await view(ada, `?to=${t.clock()}`)).entries).toEqual([]);
    expect((await view(ada, `?from=${t.clock()}&to=${t.clock() + 1}`)).entries.length).toBeGreaterThan(0);
    for (const bad of ['?action=secret.burned', '?outcome=maybe', '?from=soon', '?before=x', '?colour=red']) {
      const { status, body } = await ada.api('GET', `/api/audit${bad}`);
      expect(status, bad).toBe(400);
      expect(body.error.code).toBe('request.invalid');
    }
    expect((await carla.api('GET', '/api/audit/export?format=xml')).status).toBe(400);
  });

  it('X6: a page holds 100 entries, the next page continues where it ended, newest first', async () => {
    const db = databaseForTests(t.store);
    const base = t.clock() - 60_000;
    await db
      .insertInto('audit_events')
      .values(
        Array.from({ length: 150 }, (_, i) => ({
          at: base + i,
          actor_id: ids.ada,
          action: 'settings.changed',
          target_hash: null,
          classification: null,
          outcome: 'ok' as const,
          reason: null,
          owner_id: null,
          subject_id: null,
          detail: JSON.stringify({ setting: 'levelsEnabled', before: true, after: true, n: i }),
        })),
      )
      .execute();
    const first = await view(ada, '?action=settings.changed');
    expect(first.entries).toHaveLength(100);
    expect(first.next).toEqual(expect.any(String));
    const second = await view(ada, `?action=settings.changed&before=${first.next}`);
    expect(second.entries).toHaveLength(50);
    expect(second.next).toBeNull();
    const ns = [...first.entries, ...second.entries].map((entry) => entry.detail?.n);
    expect(ns).toEqual(Array.from({ length: 150 }, (_, i) => 149 - i));
    await db.deleteFrom('audit_events').where('action', '=', 'settings.changed').execute();
  });

  it('X6: exports as CSV and JSON lines, with the same filters and scope, spreadsheet-safe', async () => {
    await databaseForTests(t.store)
      .updateTable('accounts')
      .set({ name: '=HYPERLINK("http://evil.test")' })
      .where('id', '=', ids.greta ?? '')
      .execute();
    try {
      const csv = await ada.fetch('/api/audit/export?format=csv&outcome=refused');
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toBe('attachment; filename="safe-share-activity.csv"');
      const lines = (await csv.text()).trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'time,first_time,count,action,outcome,reason,classification,actor_name,actor_email,subject_name,subject_email,item,detail',
      );
      expect(lines.length).toBe(1 + (await view(ada, '?outcome=refused')).entries.length);
      expect(lines.slice(1).every((line) => line.includes(',refused,'))).toBe(true);
      expect(lines.some((line) => line.includes(`"'=HYPERLINK(""http://evil.test"")"`))).toBe(true);

      const jsonl = await carla.fetch('/api/audit/export?format=jsonl');
      expect(jsonl.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
      const entries = (await jsonl.text())
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as AuditEntry);
      expect(entries).toEqual((await view(carla)).entries);
    } finally {
      await databaseForTests(t.store)
        .updateTable('accounts')
        .set({ name: 'Greta Engineer' })
        .where('id', '=', ids.greta ?? '')
        .execute();
    }
  });

  it('X6: the sender sees refused open attempts in My secrets: staff who and when, customers how many and when', async () => {
    const staffRow = (await sven.api('GET', '/api/secrets')).body.sent.find(
      (s: { id: string }) => s.id === directSecret,
    );
    expect(staffRow.refusedOpens).toMatchObject({ shown: 'people', count: 2 });
    expect(staffRow.refusedOpens.attempts.map((a: { name: string }) => a.name).sort()).toEqual([
      'Dirk Customer',
      'Greta Engineer',
    ]);
    const customerRow = (await carla.api('GET', '/api/secrets')).body.sent.find(
      (s: { id: string }) => s.id === teamSecret,
    );
    expect(customerRow.refusedOpens).toEqual({
      shown: 'count',
      count: 3,
      firstAt: expect.any(Number),
      lastAt: expect.any(Number),
    });
    // A recipient sees no refusals on what they received.
    const received = (await carla.api('GET', '/api/secrets')).body.received.find(
      (s: { id: string }) => s.id === directSecret,
    );
    expect(received.refusedOpens).toBeUndefined();
  });

  it('X6: the retention setting; the sweeper deletes older events at its next run', async () => {
    expect((await ada.api('POST', '/api/admin/settings', { auditRetentionDays: 1 })).status).toBe(200);
    const db = databaseForTests(t.store);
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    expect(before).toBeGreaterThan(0);
    t.clock.advance(2 * 86_400_000);
    // As main.ts starts it: the retention in force at each run.
    const sweeper = startExpirySweeper({
      store: t.store,
      clock: t.clock,
      intervalMs: 10,
      logger: pino({ level: 'silent' }),
      auditRetentionDays: async () => (await t.app.settings.current()).auditRetentionDays,
    });
    try {
      // Two days on, every event so far is older than the one day kept.
      await until(async () => ((await count()) === 0 ? true : undefined), 'the old audit events deleted');
    } finally {
      await sweeper.stop();
    }
  });
});
