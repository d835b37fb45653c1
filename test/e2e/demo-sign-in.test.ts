/**
 * Issue 19 in Chromium: the demo provider's sign-in page in the app's look (its stylesheet and icon) and
 * in the visitor's language, the selector's choice (German) or the browser's (Dutch), still saying
 * plainly that it is a demo; axe-clean in light and dark, desktop and phone; it still signs in.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, newPerson } from './support/browser.ts';
import { expectHeading, text } from './support/people.ts';
import { useServerAndBrowser } from './support/server.ts';

const PHONE = { width: 390, height: 844 };

describe('the demo sign-in page', () => {
  const world = useServerAndBrowser();

  it('R1, L3: in the language the visitor chose (de) or the browser’s (nl), in the app’s look, plainly a demo', async () => {
    const page = await (await newPerson(world.browser, world.server.baseUrl, 'en-US')).newPage();
    await page.goto('/');
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('link', { name: text('de', 'signIn.action') }).click();
    await page.waitForURL(/\/demo-login\//);
    await expectHeading(page, text('de', 'demo.title'));
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.title()).toBe(text('de', 'demo.title'));
    expect(await page.locator('.badge-demo').textContent()).toBe(text('de', 'demo.badge'));
    expect(await page.locator('main .note-warning').textContent()).toBe(text('de', 'demo.intro'));
    // The app's look: its stylesheet applies (the filled primary button) and its icon is there.
    const button = page.getByRole('button', { name: text('de', 'demo.signInAs', { name: 'Ada Admin' }) });
    expect(await button.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
      'rgb(29, 78, 216)',
    );
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^\/assets\/favicon-/);
    for (const [scheme, size] of [
      ['light', null],
      ['dark', null],
      ['light', PHONE],
      ['dark', PHONE],
    ] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      if (size) await page.setViewportSize(size);
      await expectAccessible(page, `the demo sign-in page (${scheme}${size ? ', phone' : ''})`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    }
    // It still signs in: back on the app, signed in.
    await button.click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.evaluate(async () => (await fetch('/api/me')).status)).toBe(200);

    // A Dutch browser that chose nothing gets Dutch.
    const dutch = await (await newPerson(world.browser, world.server.baseUrl, 'nl-NL')).newPage();
    await dutch.goto('/');
    await dutch.getByRole('link', { name: text('nl', 'signIn.action') }).click();
    await dutch.waitForURL(/\/demo-login\//);
    await expectHeading(dutch, text('nl', 'demo.title'));
    expect(
      await dutch
        .getByRole('button', { name: text('nl', 'demo.signInAs', { name: 'Carla Customer' }) })
        .isVisible(),
    ).toBe(true);
    expect(await dutch.locator('main').textContent()).toContain(text('nl', 'demo.unverified'));
  });
});
