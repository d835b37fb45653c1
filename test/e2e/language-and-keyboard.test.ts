/**
 * L2, L3 in the browser, keyboard-only use, and axe on the pages not covered by the sharing scenarios.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translate } from '../../src/protocol/i18n/index.ts';
import { expectAccessible, newPerson, signInFromLanding } from './support/browser.ts';
import { useServerAndBrowser } from './support/server.ts';

describe('language and keyboard', () => {
  const world = useServerAndBrowser();

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

  it('L3: the first language comes from the browser', async () => {
    const page = await (await newPerson(world.browser, world.server.baseUrl, 'nl-NL')).newPage();
    await page.goto('/');
    await expect.poll(() => heading(page)).toBe(translate('nl', 'home.title'));
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
  });

  it('L3: the selector at the top right switches the UI, and the choice is remembered', async () => {
    const page = await (await newPerson(world.browser, world.server.baseUrl, 'en-US')).newPage();
    await page.goto('/');
    await expect.poll(() => heading(page)).toBe(translate('en', 'home.title'));
    await expectAccessible(page, 'the landing page');

    await page.getByLabel('Language').selectOption('de');
    await expect.poll(() => heading(page)).toBe(translate('de', 'home.title'));
    expect(await page.locator('html').getAttribute('lang')).toBe('de');

    await page.reload();
    await expect.poll(() => heading(page)).toBe(translate('de', 'home.title'));
    // The server's messages follow the choice too (a cookie), e.g. for an unknown address.
    const message = await page.evaluate(async () => (await (await fetch('/api/nope')).json()).error.message);
    expect(message).toBe(translate('de', 'errors.route.not_found'));
  });

  it('L2: a German account sees German after sign-in, in an English browser, with no selector', async () => {
    const page = await (await newPerson(world.browser, world.server.baseUrl, 'en-US')).newPage();
    await signInFromLanding(page, 'sven');
    await expect
      .poll(() => page.getByRole('link', { name: translate('de', 'nav.newSecret') }).isVisible())
      .toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.getByLabel(translate('de', 'language.label')).count()).toBe(0);
    await expectAccessible(page, 'the create page (German)');
  });

  it('keyboard only: create a secret, copy the link, and hear that it was copied', async () => {
    const page = await (await newPerson(world.browser, world.server.baseUrl, 'en-US')).newPage();
    await signInFromLanding(page, 'ines');
    await page.goto('/');
    await page.getByLabel('Customer e-mail address').waitFor();

    /** Presses Tab until the focused element has this accessible label; fails after 30 presses. */
    async function tabTo(label: string): Promise<void> {
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el) return '';
          const byFor = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
          return (byFor ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
        });
        if (focused.startsWith(label)) return;
      }
      throw new Error(`could not reach "${label}" with Tab`);
    }

    await tabTo('Customer e-mail address');
    await page.keyboard.type('carla@acme.test');
    await tabTo('Secret');
    await page.keyboard.type('typed, never clicked');
    await tabTo('Create secret');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Your secret link' }).isVisible()).toBe(true);
    await tabTo('Copy link');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Link copied').isVisible()).toBe(true);
    const link = await page.getByLabel('Secret link').inputValue();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  });
});
