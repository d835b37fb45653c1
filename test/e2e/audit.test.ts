/**
 * The activity page in Chromium (issue 17: X6, C5, C8): an admin filters the audit view and exports it
 * as CSV and JSON lines; a customer sees her own items' events and the refused attempts in My secrets
 * without staff names. axe-checked.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DemoAccountKey } from '../../src/auth/demo/accounts.ts';
import { openSecret, shareSecret, toCustomer, toTeam } from '../support/secrets.ts';
import { signInAll } from '../support/sign-in.ts';
import { expectAccessible } from './support/browser.ts';
import { signedIn as signedInPerson, textFor as tr } from './support/people.ts';
import { useServerAndBrowser } from './support/server.ts';

describe('the activity page in the browser', () => {
  const world = useServerAndBrowser();

  const signedIn = async (who: DemoAccountKey): Promise<Page> =>
    (await signedInPerson(world.browser, world.server.baseUrl, who)).page;

  it('X6: an admin filters the activity and exports it as CSV and JSON lines; a customer sees her items without staff names', async () => {
    // Events through the API: sven shares with carla; carla shares with Service; others are refused.
    const base = world.server.baseUrl;
    const [sven, carla, dirk, greta] = await signInAll(base, ['sven', 'carla', 'dirk', 'greta']);
    const direct = await shareSecret(sven, 'for carla', toCustomer('carla@acme.test'));
    await openSecret(dirk, direct.id, direct.linkKey);
    const team = await shareSecret(carla, 'for service', toTeam('service'));
    await openSecret(greta, team.id, team.linkKey);

    const ada = await signedIn('ada');
    await ada.getByRole('link', { name: tr('ada', 'nav.activity') }).click();
    await expect
      .poll(() => ada.getByRole('heading', { name: tr('ada', 'audit.title'), level: 1 }).isVisible())
      .toBe(true);
    await expect.poll(() => ada.getByRole('row').count()).toBeGreaterThan(4);
    await expectAccessible(ada, 'the activity page');

    const refusedLabel = tr('ada', 'audit.actions.secret_refused');
    await ada.getByLabel(tr('ada', 'audit.action')).selectOption('secret.refused');
    await ada.getByRole('button', { name: tr('ada', 'audit.apply') }).click();
    await expect
      .poll(() => ada.getByRole('status').textContent())
      .toBe(tr('ada', 'audit.shown', { count: 2 }));
    const events = await ada.locator('tbody th').allTextContents();
    expect(events).toEqual([refusedLabel, refusedLabel]);
    expect(await ada.getByRole('row', { name: /Dirk Customer/ }).count()).toBe(1);

    const [csv] = await Promise.all([
      ada.waitForEvent('download'),
      ada.getByRole('link', { name: tr('ada', 'audit.exportCsv') }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('safe-share-activity.csv');
    const lines = (await readFile(await csv.path(), 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]?.startsWith('time,first_time,count,action,outcome,reason')).toBe(true);
    expect(lines.slice(1)).toHaveLength(2);
    expect(lines.slice(1).every((line) => line.includes(',secret.refused,refused,'))).toBe(true);

    const [jsonl] = await Promise.all([
      ada.waitForEvent('download'),
      ada.getByRole('link', { name: tr('ada', 'audit.exportJsonl') }).click(),
    ]);
    const entries = (await readFile(await jsonl.path(), 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string; actor: { name: string } | null });
    expect(entries.map((entry) => entry.action)).toEqual(['secret.refused', 'secret.refused']);
    expect(entries.map((entry) => entry.actor?.name).sort()).toEqual(['Dirk Customer', 'Greta Engineer']);

    // Carla (German): her team secret's refused attempt is counted, never named (C6).
    const carlaPage = await signedIn('carla');
    await carlaPage.goto('/activity');
    await expect
      .poll(() => carlaPage.getByRole('cell', { name: tr('carla', 'audit.hiddenActor') }).count())
      .toBe(1);
    expect(await carlaPage.locator('main').textContent()).not.toMatch(/Greta/);
    await expectAccessible(carlaPage, 'the activity page of a customer');
    await carlaPage.goto('/secrets');
    const refused = tr('carla', 'secrets.refusedCount', { count: 1, date: '' }).split(',')[0] ?? '';
    await expect.poll(() => carlaPage.getByText(refused, { exact: false }).isVisible()).toBe(true);
    expect(await carlaPage.locator('main').textContent()).not.toMatch(/Greta/);
    // On a phone the list is cards, and they say the same.
    await carlaPage.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(() => carlaPage.locator('.card').getByText(refused, { exact: false }).isVisible())
      .toBe(true);
  });
});
