/**
 * The admin area in Chromium (issue 17: C1, C2), against the real server and the demo provider: an admin
 * lowers a member's level in member management and changes a setting, by keyboard, axe-checked; others
 * are refused.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translate } from '../../src/protocol/i18n/index.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { expectAccessible, newPerson, signInFromLanding } from './support/browser.ts';
import { useServerAndBrowser } from './support/server.ts';

/** Ada's account speaks English (L2). */
const en = (key: string, values: Record<string, string> = {}) =>
  translate('en', key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

describe('the admin area in the browser', () => {
  const world = useServerAndBrowser({ teamsSetByAdmins: ['inside-sales'] });

  async function signedIn(who: 'ada' | 'greta' | 'carla'): Promise<Page> {
    const page = await (await newPerson(world.browser, world.server.baseUrl)).newPage();
    await signInFromLanding(page, who);
    return page;
  }

  const clearanceOf = async (email: string) =>
    (
      await databaseForTests(world.server.store)
        .selectFrom('accounts')
        .select('clearance')
        .where('email', '=', email)
        .executeTakeFirstOrThrow()
    ).clearance;

  it('C2: an admin lowers a member’s level in member management, by keyboard, axe-clean', async () => {
    await signedIn('greta');
    await databaseForTests(world.server.store)
      .updateTable('accounts')
      .set({ clearance: 2 })
      .where('email', '=', 'greta.engineer@example.com')
      .execute();

    const ada = await signedIn('ada');
    await ada.getByRole('link', { name: en('nav.members') }).click();
    await expect
      .poll(() => ada.getByRole('heading', { name: en('members.title'), level: 1 }).isVisible())
      .toBe(true);
    await expectAccessible(ada, 'the members page');

    await ada.getByLabel(en('members.search')).fill('greta');
    await ada.keyboard.press('Enter');
    await expect.poll(() => ada.getByRole('status').filter({ hasText: '1–1' }).count()).toBe(1);
    const row = ada.getByRole('row', { name: /Greta Engineer/ });
    await expect.poll(() => row.getByRole('cell', { name: en('levels.2') }).isVisible()).toBe(true);

    // Keyboard only: to the Manage button, open the panel, choose Internal, change.
    await ada.getByRole('button', { name: en('members.manageNamed', { name: 'Greta Engineer' }) }).focus();
    await ada.keyboard.press('Enter');
    const panel = ada.getByRole('region', { name: en('members.manageTitle', { name: 'Greta Engineer' }) });
    await expect.poll(() => panel.isVisible()).toBe(true);
    await expectAccessible(ada, 'the member panel');
    await ada.getByLabel(en('members.clearance'), { exact: true }).focus();
    await ada.getByLabel(en('members.clearance'), { exact: true }).selectOption(String(1));
    await ada.keyboard.press('Tab');
    await ada.keyboard.press('Enter');
    await expect
      .poll(() => panel.getByRole('status').textContent())
      .toBe(en('members.saved', { name: 'Greta Engineer' }));
    expect(await clearanceOf('greta.engineer@example.com')).toBe(1);
    await expect.poll(() => row.getByRole('cell', { name: en('levels.1') }).isVisible()).toBe(true);

    // An admin's own level is not editable, and they cannot disable themselves.
    await ada.getByLabel(en('members.search')).fill('ada');
    await ada.keyboard.press('Enter');
    await ada.getByRole('button', { name: en('members.manageNamed', { name: 'Ada Admin' }) }).click();
    await expect.poll(() => ada.getByText(en('members.adminClearance')).isVisible()).toBe(true);
    expect(await ada.getByRole('button', { name: en('members.disable') }).count()).toBe(0);
  });

  it('C1: an admin switches levels off on the settings page; the create form then shows no level', async () => {
    const ada = await signedIn('ada');
    await ada.getByRole('link', { name: en('nav.settings') }).click();
    await expect
      .poll(() => ada.getByRole('heading', { name: en('settings.title'), level: 1 }).isVisible())
      .toBe(true);
    await expectAccessible(ada, 'the settings page');
    await ada.getByLabel(en('settings.levelsEnabled')).uncheck();
    await ada.getByRole('button', { name: en('settings.save') }).click();
    await expect
      .poll(() =>
        ada
          .getByRole('status')
          .filter({ hasText: en('settings.saved') })
          .count(),
      )
      .toBe(1);

    await ada.getByRole('link', { name: en('nav.newSecret') }).click();
    await expect.poll(() => ada.getByLabel(en('create.customerEmail')).isVisible()).toBe(true);
    expect(await ada.getByLabel(en('create.classification')).count()).toBe(0);

    await ada.goto('/admin/settings');
    await ada.getByLabel(en('settings.levelsEnabled')).check();
    await ada.getByRole('button', { name: en('settings.save') }).click();
    await expect
      .poll(() =>
        ada
          .getByRole('status')
          .filter({ hasText: en('settings.saved') })
          .count(),
      )
      .toBe(1);
  });

  it('admin pages are for admins only: others see no link, and the server refuses them', async () => {
    const carla = await signedIn('carla');
    expect(await carla.getByRole('link', { name: translate('de', 'nav.members') }).count()).toBe(0);
    await carla.goto('/admin/members');
    await expect
      .poll(() => carla.getByRole('alert').textContent())
      .toBe(translate('de', 'errors.admin.required'));
    await expectAccessible(carla, 'the members page refused');
  });
});
