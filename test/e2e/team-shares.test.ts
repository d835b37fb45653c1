/**
 * Team shares and levels in Chromium (issue 17: C6, C7): as a customer picks a team and a level, she
 * sees only how many of the team are excluded; a staff member of the team sees the excluded first names
 * and +N on the secret afterwards. axe-checked.
 *
 * S1 lets staff share only with a customer, so the staff view of the exclusion is the team member's,
 * on the received secret; the preview shows staff the same view (test/integration/team-shares.test.ts).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, type DemoAccountKey } from '../../src/auth/demo/accounts.ts';
import { type Locale, translate } from '../../src/protocol/i18n/index.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { expectAccessible, newPerson, signInFromLanding } from './support/browser.ts';
import { useServerAndBrowser } from './support/server.ts';

const tr = (who: DemoAccountKey, key: string, values: Record<string, string | number> = {}) => {
  const locale = DEMO_ACCOUNTS[who].locale as Locale;
  let text = translate(locale, key);
  // i18next's plural keys: the one form or the other, as the count asks.
  if (text === key && 'count' in values)
    text = translate(locale, `${key}_${values.count === 1 ? 'one' : 'other'}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
};

describe('team shares and levels in the browser', () => {
  const world = useServerAndBrowser({ teamsSetByAdmins: ['service'] });

  async function signedIn(who: DemoAccountKey): Promise<Page> {
    const page = await (await newPerson(world.browser, world.server.baseUrl)).newPage();
    await signInFromLanding(page, who);
    return page;
  }

  /** Service: greta (level 2), and sven, ines and two more staff at level 1; carla may classify 2. */
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
    await db
      .updateTable('accounts')
      .set({ clearance: 2 })
      .where('email', 'in', ['greta.engineer@example.com', 'carla@acme.test'])
      .execute();
  }

  it('C6: a customer picking a team and a level sees only how many are excluded; a staff member of the team sees first names and +N', async () => {
    const greta = await signedIn('greta');
    await signedIn('sven');
    await signedIn('ines');
    const carla = await signedIn('carla');
    await arrangeTeam();

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
    await databaseForTests(world.server.store)
      .updateTable('accounts')
      .set({ clearance: 3 })
      .where('email', '=', 'carla@acme.test')
      .execute();
    await carla.goto('/');
    await carla.getByLabel(tr('carla', 'create.team'), { exact: true }).selectOption({ label: 'Service' });
    await carla.getByLabel(tr('carla', 'create.classification')).selectOption(String(3));
    await expect.poll(() => carla.getByText(tr('carla', 'exclusion.noneEligible')).isVisible()).toBe(true);
  });
});
