/**
 * Debian's Chromium driven by playwright-core (no browser download): the flags keep it from reaching
 * for the network, which this machine does not have (DESIGN "Stack").
 */

import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DemoAccountKey } from '../../../src/auth/demo/accounts.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** What every browser profile sent to the server, and every CSP violation it reported (X1, X5 checks). */
export const traffic = { requests: [] as string[], cspViolations: [] as string[] };

/** A fresh browser profile (its own cookies and storage), as a second person on another machine. */
export async function newPerson(
  browser: Browser,
  baseUrl: string,
  locale = 'en-US',
): Promise<BrowserContext> {
  const context = await browser.newContext({ locale, baseURL: baseUrl });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  context.on('request', (request) => {
    // The URL as sent: browsers drop the fragment, so a key seen here really reached the server.
    traffic.requests.push(`${request.method()} ${request.url()} ${request.postData() ?? ''}`);
  });
  context.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) traffic.cspViolations.push(message.text());
  });
  return context;
}

/** Picks a demo account on the demo provider's page, which the app has redirected to. */
export async function pickDemoAccount(page: Page, who: DemoAccountKey): Promise<void> {
  await page.waitForURL(/\/demo-login\//);
  await page.locator(`#account-${who}`).click();
}

/** Signs in from the landing page through the real code flow; ends back on the app. */
export async function signInFromLanding(page: Page, who: DemoAccountKey): Promise<void> {
  await page.goto('/');
  await page
    .getByRole('link', { name: 'Sign in' })
    .or(page.getByRole('button', { name: 'Sign in' }))
    .first()
    .click();
  await pickDemoAccount(page, who);
  await page.waitForURL((url) => !url.pathname.startsWith('/demo-') && !url.pathname.startsWith('/auth/'));
}

/** WCAG 2.1 AA, as axe-core checks it: no violations. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`,
  );
  expect(summary, `axe on ${what}`).toEqual([]);
}
