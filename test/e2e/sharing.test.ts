/**
 * End to end in Chromium, against the real server and the demo provider: people in separate browser
 * profiles share, sign in from a link, reveal, and are refused, as the SPEC says.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, type DemoAccountKey } from '../../src/auth/demo/accounts.ts';
import { type Locale, translate } from '../../src/protocol/i18n/index.ts';
import {
  expectAccessible,
  newPerson,
  pickDemoAccount,
  signInFromLanding,
  traffic,
} from './support/browser.ts';
import { useServerAndBrowser } from './support/server.ts';

/** Whose page is whose: a signed-in person sees the app in their account's language (L2). */
const owners = new WeakMap<Page, DemoAccountKey>();
const tr = (page: Page, key: string) => {
  const who = owners.get(page);
  return translate(who ? (DEMO_ACCOUNTS[who].locale as Locale) : 'en', key);
};

describe('sharing in the browser', () => {
  const world = useServerAndBrowser();

  async function personSignedIn(who: 'sven' | 'carla' | 'dirk' | 'greta'): Promise<Page> {
    const page = await (await newPerson(world.browser, world.server.baseUrl)).newPage();
    await signInFromLanding(page, who);
    owners.set(page, who);
    return page;
  }

  /** Fills the create form and returns the link from the result. */
  async function createSecret(
    page: Page,
    text: string,
    to: { email: string } | { team: string },
  ): Promise<string> {
    await page.goto('/');
    if ('email' in to) await page.getByLabel(tr(page, 'create.customerEmail')).fill(to.email);
    else await page.getByLabel(tr(page, 'create.team'), { exact: true }).selectOption({ label: to.team });
    await page.getByLabel(tr(page, 'create.secret'), { exact: true }).fill(text);
    await page.getByRole('button', { name: tr(page, 'create.submit') }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: tr(page, 'result.title') }).isVisible())
      .toBe(true);
    return page.getByLabel(tr(page, 'result.link')).inputValue();
  }

  /** A recipient who is not signed in follows the link, signs in, comes back and reveals (O4, O7). */
  async function revealAsNewVisitor(link: string, who: 'carla' | 'sven' | 'dirk'): Promise<Page> {
    const page = await (await newPerson(world.browser, world.server.baseUrl)).newPage();
    await page.goto(link);
    // Not signed in yet: the page speaks the browser's language (en-US) until the account's takes over.
    await page.getByRole('button', { name: tr(page, 'open.signIn') }).click();
    await pickDemoAccount(page, who);
    await page.waitForURL(/\/s\//);
    owners.set(page, who);
    return page;
  }

  it('S1, O1, O2, O7: staff share with a customer, who signs in from the link and reads it once', async () => {
    const sven = await personSignedIn('sven');
    const link = await createSecret(sven, 'wifi: correct horse', { email: 'carla@acme.test' });
    expect(link).toMatch(new RegExp(`^${world.server.baseUrl}/s/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$`));
    await expectAccessible(sven, 'the result page');

    const carla = await revealAsNewVisitor(link, 'carla');
    await expect.poll(() => carla.getByText('Sven Service', { exact: false }).first().isVisible()).toBe(true);
    await expectAccessible(carla, 'the open page before reveal');
    await carla.getByRole('button', { name: tr(carla, 'open.reveal') }).click();
    await expect
      .poll(() => carla.getByLabel(tr(carla, 'open.secret'), { exact: true }).inputValue())
      .toBe('wifi: correct horse');
    await expectAccessible(carla, 'the revealed secret');

    // X1: the key lived only in the fragment; no request of either browser carried it.
    const [page, linkKey] = link.split('#') as [string, string];
    expect(traffic.requests.some((line) => line.includes(page))).toBe(true);
    expect(traffic.requests.filter((line) => line.includes(linkKey))).toEqual([]);

    const again = await carla.context().newPage();
    owners.set(again, 'carla');
    await again.goto(link);
    await expect.poll(() => again.getByRole('alert').textContent()).toContain(tr(again, 'open.wrongOrGone'));
  });

  it('S2, O1, O5: a customer shares with Service; a Service member reads it, another customer is refused', async () => {
    const carla = await personSignedIn('carla');
    const link = await createSecret(carla, 'printer pin 4711', { team: 'Service' });

    const dirk = await revealAsNewVisitor(link, 'dirk');
    await expect.poll(() => dirk.getByRole('alert').textContent()).toContain(tr(dirk, 'open.notForYourTeam'));
    expect(await dirk.getByRole('button', { name: tr(dirk, 'open.reveal') }).count()).toBe(0);

    const sven = await revealAsNewVisitor(link, 'sven');
    await sven.getByRole('button', { name: tr(sven, 'open.reveal') }).click();
    await expect
      .poll(() => sven.getByLabel(tr(sven, 'open.secret'), { exact: true }).inputValue())
      .toBe('printer pin 4711');

    await carla.goto('/secrets');
    const sent = carla.getByRole('region', { name: tr(carla, 'secrets.sent') });
    await expect.poll(() => sent.textContent()).toContain('Sven Service');
    await expectAccessible(carla, 'my secrets');
  });

  it('O4: a link preview (a plain GET, no script) does not burn the secret', async () => {
    const sven = await personSignedIn('sven');
    const link = await createSecret(sven, 'preview-proof', { email: 'carla@acme.test' });
    const preview = await fetch(link.split('#')[0] as string, {
      headers: { 'user-agent': 'Slackbot-LinkExpanding 1.0' },
    });
    expect(preview.status).toBe(200);
    expect(await preview.text()).not.toContain('preview-proof');

    const carla = await revealAsNewVisitor(link, 'carla');
    await carla.getByRole('button', { name: tr(carla, 'open.reveal') }).click();
    await expect
      .poll(() => carla.getByLabel(tr(carla, 'open.secret'), { exact: true }).inputValue())
      .toBe('preview-proof');
  });

  it('O6: the sender revokes a waiting secret and the recipient finds it gone', async () => {
    const sven = await personSignedIn('sven');
    const link = await createSecret(sven, 'to be revoked', { email: 'carla@acme.test' });
    await sven.goto('/secrets');
    const revoke = sven.getByRole('button', { name: `${tr(sven, 'secrets.revoke')}: carla@acme.test` });
    await revoke.first().click();
    await sven.getByRole('button', { name: tr(sven, 'secretList.confirmRevoke') }).click();
    await expect.poll(() => revoke.count()).toBe(0);

    const carla = await revealAsNewVisitor(link, 'carla');
    await expect.poll(() => carla.getByRole('alert').textContent()).toContain(tr(carla, 'open.wrongOrGone'));
  });

  it('X1: a damaged link says so and sends nothing that opens', async () => {
    const sven = await personSignedIn('sven');
    const link = await createSecret(sven, 'damaged', { email: 'carla@acme.test' });
    const carla = await personSignedIn('carla');
    await carla.goto(`${link.slice(0, -5)}`);
    await expect.poll(() => carla.getByRole('alert').textContent()).toBe(tr(carla, 'open.damaged'));
    await carla.goto(link);
    await carla.getByRole('button', { name: tr(carla, 'open.reveal') }).click();
    await expect
      .poll(() => carla.getByLabel(tr(carla, 'open.secret'), { exact: true }).inputValue())
      .toBe('damaged');
  });

  it('X5: the built app ran under the strict CSP without a single violation', () => {
    expect(traffic.requests.length).toBeGreaterThan(0);
    expect(traffic.cspViolations).toEqual([]);
  });
});
