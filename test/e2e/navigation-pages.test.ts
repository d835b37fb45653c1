/**
 * Navigations get pages, not JSON, in Chromium: a refused sign-in (uma, whose e-mail the provider has
 * not verified) ends on the app's page that says why in the browser's language, with no sign-in code or
 * state in the address bar and a way back; an unknown address shows the app's not-found page. axe-core
 * (WCAG 2.1 AA) on both.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translate } from '../../src/protocol/i18n/index.ts';
import { expectAccessible, newPerson, pickDemoAccount, traffic } from './support/browser.ts';
import { useServerAndBrowser } from './support/server.ts';

describe('navigations get pages', () => {
  const world = useServerAndBrowser();

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

  it('uma, refused at sign-in, reads why in German, with no code or state in the address, and gets back', async () => {
    const page = await (await newPerson(world.browser, world.server.baseUrl, 'de-DE')).newPage();
    await page.goto('/');
    await expect.poll(() => heading(page)).toBe(translate('de', 'home.title'));
    await page.getByRole('link', { name: translate('de', 'signIn.action') }).click();
    await pickDemoAccount(page, 'uma');
    await page.waitForURL((url) => url.pathname === '/sign-in-failed');

    const address = new URL(page.url());
    expect(address.search).toBe('?reason=email_unverified');
    expect(page.url()).not.toMatch(/code=|state=|iss=/);
    await expect.poll(() => heading(page)).toBe(translate('de', 'signInFailed.title'));
    expect(await page.getByText(translate('de', 'signInFailed.reason.email_unverified')).isVisible()).toBe(
      true,
    );
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    // Nobody is signed in: the visitor's language selector shows, no account menu.
    expect(await page.getByLabel(translate('de', 'language.label')).isVisible()).toBe(true);
    await expectAccessible(page, 'the sign-in-failed page (German)');

    // Trying again starts a new sign-in; the way back leads to the start page.
    const retry = page.getByRole('link', { name: translate('de', 'signInFailed.retry') });
    expect(await retry.getAttribute('href')).toMatch(/^\/auth\/login\?/);
    await page.getByRole('link', { name: translate('de', 'signInFailed.home') }).click();
    await expect.poll(() => heading(page)).toBe(translate('de', 'home.title'));
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('an unknown address shows the not-found page in the browser language (404), with a way home', async () => {
    const page = await (await newPerson(world.browser, world.server.baseUrl, 'nl-NL')).newPage();
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect.poll(() => heading(page)).toBe(translate('nl', 'notFound.title'));
    expect(await page.getByText(translate('nl', 'notFound.text')).isVisible()).toBe(true);
    await expectAccessible(page, 'the not-found page (Dutch)');
    await page.getByRole('link', { name: translate('nl', 'notFound.home') }).click();
    await expect.poll(() => heading(page)).toBe(translate('nl', 'home.title'));
  });

  it('a damaged link whose escapes do not decode shows the not-found page, not a blank one', async () => {
    const page = await (await newPerson(world.browser, world.server.baseUrl, 'en-US')).newPage();
    const response = await page.goto('/s/%E0%A4%A');
    expect(response?.status()).toBe(404);
    await expect.poll(() => heading(page)).toBe(translate('en', 'notFound.title'));
  });

  it('X5: none of these pages broke the Content-Security-Policy', () => {
    expect(traffic.cspViolations).toEqual([]);
  });
});
