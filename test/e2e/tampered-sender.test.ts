/**
 * Issue 14, X1 in Chromium: the browser seals with protocol v2, binding the sender's account id. When a
 * database writer changes who a secret is from, the server still hands it out, but the recipient's page
 * cannot decrypt it and says plainly that the secret was altered and must not be used.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/auth/demo/accounts.ts';
import { type Locale, translate } from '../../src/protocol/i18n/index.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { signIn } from '../support/sign-in.ts';
import { expectAccessible, newPerson, pickDemoAccount, signInFromLanding } from './support/browser.ts';
import { useServerAndBrowser } from './support/server.ts';

describe('a secret whose sender was changed in the database', () => {
  const world = useServerAndBrowser();
  const german = (key: string) => translate(DEMO_ACCOUNTS.sven.locale as Locale, key);
  const carlas = (key: string) => translate(DEMO_ACCOUNTS.carla.locale as Locale, key);

  async function createAsSven(text: string): Promise<string> {
    const sven = await (await newPerson(world.browser, world.server.baseUrl)).newPage();
    await signInFromLanding(sven, 'sven');
    await sven.goto('/');
    await sven.getByLabel(german('create.customerEmail')).fill('carla@acme.test');
    await sven.getByLabel(german('create.secret'), { exact: true }).fill(text);
    await sven.getByRole('button', { name: german('create.submit') }).click();
    await expect
      .poll(() => sven.getByRole('heading', { name: german('result.title') }).isVisible())
      .toBe(true);
    return sven.getByLabel(german('result.link')).inputValue();
  }

  async function carlaFollows(link: string): Promise<Page> {
    const carla = await (await newPerson(world.browser, world.server.baseUrl)).newPage();
    await carla.goto(link);
    await carla.getByRole('button', { name: translate('en', 'open.signIn') }).click();
    await pickDemoAccount(carla, 'carla');
    await carla.waitForURL(/\/s\//);
    return carla;
  }

  it('X1: the recipient is told it was altered, and is not shown the text', async () => {
    const link = await createAsSven('the real vpn password');
    const id = new URL(link).pathname.split('/').pop() as string;

    // Someone with write access to the database makes the secret look as if Ada had sent it.
    const ada = await signIn(world.server.baseUrl, 'ada');
    const adaId = (await ada.api('GET', '/api/me')).body.account.id as string;
    const changed = await databaseForTests(world.server.store)
      .updateTable('secrets')
      .set({ sender_id: adaId })
      .where('id', '=', id)
      .executeTakeFirst();
    expect(Number(changed.numUpdatedRows)).toBe(1);

    const carla = await carlaFollows(link);
    await expect.poll(() => carla.getByText('Ada Admin', { exact: false }).first().isVisible()).toBe(true);
    await carla.getByRole('button', { name: carlas('open.reveal') }).click();
    await expect.poll(() => carla.getByRole('alert').textContent()).toBe(carlas('open.altered'));
    expect(await carla.getByLabel(carlas('open.secret'), { exact: true }).count()).toBe(0);
    expect(await carla.content()).not.toContain('the real vpn password');
    await expectAccessible(carla, 'the altered-secret message');
  });
});
