/**
 * Team shares and levels in Chromium (issue 17: C6, C7): as a customer picks a team and a level, she
 * sees only how many of the team are excluded; a staff member of the team sees the excluded first names
 * and +N on the secret afterwards; a staff sender (issue 17 extends S1, decision 0017) picking a team and
 * a level sees the first names and +N as they change, on the result and in My secrets. axe-checked.
 *
 * The demo accounts give each team one member, too few for +N: the Service team is arranged here in the
 * database (TEAMS_SET_BY_ADMINS) with the demo's three staff and two more at level 1.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DemoAccountKey } from '../../src/auth/demo/accounts.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { expectAccessible } from './support/browser.ts';
import { signedIn as signedInPerson, textFor as tr } from './support/people.ts';
import { useServerAndBrowser } from './support/server.ts';

describe('team shares and levels in the browser', () => {
  const world = useServerAndBrowser({ teamsSetByAdmins: ['service'] });

  const signedIn = async (who: DemoAccountKey): Promise<Page> =>
    (await signedInPerson(world.browser, world.server.baseUrl, who)).page;

  /** Arranged in the database: the admin area is not what these tests look at. */
  const setClearance = (email: string, clearance: number) =>
    databaseForTests(world.server.store)
      .updateTable('accounts')
      .set({ clearance })
      .where('email', '=', email)
      .execute();

  let team: Promise<Page> | undefined;
  /**
   * Signs the team's demo members in once, so their accounts exist, arranges Service, and gives greta's
   * page. Once per file: the two extra accounts are inserted with fixed ids.
   */
  function serviceTeam(): Promise<Page> {
    team ??= (async () => {
      const greta = await signedIn('greta');
      await signedIn('sven');
      await signedIn('ines');
      await arrangeTeam();
      return greta;
    })();
    return team;
  }

  /** Service: greta (level 2), and sven, ines and two more staff at level 1. */
  async function arrangeTeam(): Promise<void> {
    const db = databaseForTests(world.server.store);
    const now = world.server.clock();
    for (const [id, name] of [
      ['e2e-uwe', 'Uwe Ulm'],
      ['e2e-bea', 'Bea Berg'],
    ] as const) {
      await db
        .insertInto('accounts')
        .values({
          id,
          issuer: 'urn:e2e',
          subject: id,
          email: `${id}@example.com`,
          name,
          locale: 'en',
          role: 'staff',
          is_admin: 0,
          clearance: 1,
          status: 'active',
          created_at: now,
          last_login_at: now,
        })
        .execute();
    }
    const accounts = await db.selectFrom('accounts').select(['id', 'email']).execute();
    const idOf = (email: string) => accounts.find((account) => account.email === email)?.id ?? '';
    const members = ['greta.engineer@example.com', 'sven.service@example.com', 'ines.sales@example.com']
      .map(idOf)
      .concat(['e2e-uwe', 'e2e-bea']);
    await db
      .insertInto('team_members')
      .values(
        members.map((account_id) => ({ team_id: 'service', account_id, source: 'admin', created_at: now })),
      )
      .execute();
    await setClearance('greta.engineer@example.com', 2);
  }

  it('C6: a customer picking a team and a level sees only how many are excluded; a staff member of the team sees first names and +N', async () => {
    const greta = await serviceTeam();
    const carla = await signedIn('carla');
    // Carla may classify up to Confidential.
    await setClearance('carla@acme.test', 2);

    await carla.goto('/');
    await carla.getByLabel(tr('carla', 'create.team'), { exact: true }).selectOption({ label: 'Service' });
    await carla.getByLabel(tr('carla', 'create.classification')).selectOption(String(2));
    const note = tr('carla', 'exclusion.count', { count: 4 });
    await expect.poll(() => carla.getByText(note).isVisible()).toBe(true);
    // Never a staff name or level for a customer.
    const form = await carla.locator('form').textContent();
    expect(form).not.toMatch(/Sven|Ines|Uwe|Bea|Greta/);
    await expectAccessible(carla, 'the create form with the exclusion note');

    await carla.getByLabel(tr('carla', 'create.secret'), { exact: true }).fill('for level 2 only');
    await carla.getByRole('button', { name: tr('carla', 'create.submit') }).click();
    await expect
      .poll(() => carla.getByRole('heading', { name: tr('carla', 'result.title') }).isVisible())
      .toBe(true);
    expect(await carla.getByText(note).isVisible()).toBe(true);

    await carla.goto('/secrets');
    await expect.poll(() => carla.getByText(note).isVisible()).toBe(true);

    await greta.goto('/secrets');
    const names = tr('greta', 'exclusion.namesMore', { names: 'Bea, Ines, Sven', more: 1 });
    await expect.poll(() => greta.getByText(names).isVisible()).toBe(true);
    await expectAccessible(greta, 'my secrets with the excluded names');

    // Nobody of the team is cleared for Secret: the form says so before anything is sent.
    await setClearance('carla@acme.test', 3);
    await carla.goto('/');
    await carla.getByLabel(tr('carla', 'create.team'), { exact: true }).selectOption({ label: 'Service' });
    await carla.getByLabel(tr('carla', 'create.classification')).selectOption(String(3));
    await expect.poll(() => carla.getByText(tr('carla', 'exclusion.noneEligible')).isVisible()).toBe(true);
  });

  it('issue 17, C6: a staff sender choosing a team and a level sees the excluded first names and +N as they change, then on the result and in My secrets', async () => {
    await serviceTeam();
    const ada = await signedIn('ada');
    const t = (key: string, values: Record<string, string | number> = {}) => tr('ada', key, values);
    await ada.goto('/');

    // An accessible choice between a customer by e-mail and a team; a customer's address by default.
    const choice = ada.getByRole('group', { name: t('create.recipientKind') });
    expect(await choice.getByRole('radio', { name: t('create.toCustomer') }).isChecked()).toBe(true);
    expect(await ada.getByLabel(t('create.team'), { exact: true }).count()).toBe(0);
    await choice.getByRole('radio', { name: t('create.toTeam') }).check();
    expect(await ada.getByLabel(t('create.customerEmail')).count()).toBe(0);

    await ada.getByLabel(t('create.team'), { exact: true }).selectOption({ label: 'Service' });
    const level = ada.getByLabel(t('create.classification'));
    const names = t('exclusion.namesMore', { names: 'Bea, Ines, Sven', more: 1 });
    await level.selectOption(String(2));
    await expect.poll(() => ada.getByText(names).isVisible()).toBe(true);
    await expectAccessible(ada, 'the staff create form with a team, a level and the excluded names');
    await level.selectOption(String(3));
    await expect.poll(() => ada.getByText(t('exclusion.noneEligible')).isVisible()).toBe(true);
    // Level 1: nobody is excluded, so nothing is said.
    await level.selectOption(String(1));
    await expect.poll(() => ada.getByText(/Bea|Ines|Sven/).count()).toBe(0);
    expect(await ada.getByText(t('exclusion.noneEligible')).count()).toBe(0);
    await level.selectOption(String(2));
    await expect.poll(() => ada.getByText(names).isVisible()).toBe(true);

    await ada.getByLabel(t('create.secret'), { exact: true }).fill('staff to a team');
    await ada.getByRole('button', { name: t('create.submit') }).click();
    await expect.poll(() => ada.getByRole('heading', { name: t('result.title') }).isVisible()).toBe(true);
    expect(await ada.getByText(t('result.for', { recipient: 'Service' })).isVisible()).toBe(true);
    expect(await ada.getByText(names).isVisible()).toBe(true);

    await ada.goto('/secrets');
    await expect.poll(() => ada.getByText(names).isVisible()).toBe(true);
    expect(
      await ada
        .getByText(t('secrets.team', { name: 'Service' }))
        .first()
        .isVisible(),
    ).toBe(true);
    await expectAccessible(ada, "my secrets with a staff sender's team share");
  });

  it("issue 17: the choice speaks the sender's language (Sven, German)", async () => {
    const sven = await signedIn('sven');
    await sven.goto('/');
    const choice = sven.getByRole('group', { name: tr('sven', 'create.recipientKind') });
    await choice.getByRole('radio', { name: tr('sven', 'create.toTeam') }).check();
    expect(await sven.getByLabel(tr('sven', 'create.team'), { exact: true }).isVisible()).toBe(true);
    expect(await sven.getByText(tr('sven', 'create.introStaff')).isVisible()).toBe(true);
  });
});
