/**
 * R4 (issue 20), in Chromium: when the identity provider cannot be used, a person who signs in reads, in
 * their language, that sign-in is not available right now, on the app's page, with no provider text, and
 * a way to try again; the reason is in the log, not on the page. axe-core (WCAG 2.1 AA) on the page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { WEB_DIST } from '../../src/http/web-app.ts';
import { translate } from '../../src/protocol/i18n/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { freePort } from '../support/processes.ts';
import { expectAccessible, launchBrowser, newPerson } from './support/browser.ts';

describe('sign-in while the provider is down', () => {
  let server: TestApp;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    // An issuer on a port nothing listens on: every sign-in fails at discovery with ECONNREFUSED.
    const config = loadConfig({
      OIDC_ISSUER: `http://127.0.0.1:${await freePort()}/realms/example`,
      OIDC_CLIENT_SECRET: 'e2e-secret',
      OIDC_ALLOW_HTTP: 'true',
    });
    server = await startTestApp({ dialect: 'sqlite', webRoot: WEB_DIST, config });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

  it('R4, L3: the person reads in Dutch that sign-in is not available right now', async () => {
    const page = await (await newPerson(browser, server.baseUrl, 'nl-NL')).newPage();
    await page.goto('/');
    await expect.poll(() => heading(page)).toBe(translate('nl', 'home.title'));
    await page.getByRole('link', { name: translate('nl', 'signIn.action') }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in-failed');
    expect(new URL(page.url()).search).toBe('?reason=provider_unavailable');
    await expect.poll(() => heading(page)).toBe(translate('nl', 'signInFailed.title'));
    const text = translate('nl', 'signInFailed.reason.provider_unavailable');
    expect(await page.getByText(text).isVisible()).toBe(true);
    expect(await page.locator('body').textContent()).not.toMatch(/ECONNREFUSED|issuer|fetch failed/i);
    expect(await page.getByRole('link', { name: translate('nl', 'signInFailed.retry') }).isVisible()).toBe(
      true,
    );
    await expectAccessible(page, 'the sign-in-failed page, provider unavailable (Dutch)');
  });
});
