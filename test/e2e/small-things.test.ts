/**
 * Issue 19 in Chromium, the small things: a "skip to content" link that keeps a secret link's key, a QR
 * code button that says Hide while the code shows, no level selector for someone cleared for level 1
 * only (C3), and a header of one or two rows on a 390 px phone, whose menu folds away. German, English
 * and Dutch.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, newPerson } from './support/browser.ts';
import { createSecret, expectHeading, signedIn, text } from './support/people.ts';
import { useServerAndBrowser } from './support/server.ts';

const PHONE = { width: 390, height: 844 };

/** How many rows the header's visible parts take (by their top edges). */
const headerRows = (page: Page) =>
  page.locator('.site-header-inner > *').evaluateAll((elements) => {
    const tops = elements
      .map((element) => element.getBoundingClientRect())
      .filter((box) => box.width > 0 && box.height > 0)
      .map((box) => Math.round(box.top));
    return new Set(tops).size;
  });

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

describe('the small things', () => {
  const world = useServerAndBrowser();
  const person = (who: Parameters<typeof signedIn>[2]) => signedIn(world.browser, world.server.baseUrl, who);

  it('skip link (en, de) that keeps the key; Show/Hide QR code; no level selector for level 1 only (C3)', async () => {
    // A visitor: the first Tab reaches the skip link, which moves focus to the page.
    const visitor = await (await newPerson(world.browser, world.server.baseUrl, 'en-US')).newPage();
    await visitor.goto('/');
    await expectHeading(visitor, text('en', 'home.title'));
    await visitor.keyboard.press('Tab');
    expect(await focusedText(visitor)).toBe(text('en', 'app.skipToContent'));
    await visitor.keyboard.press('Enter');
    expect(await visitor.evaluate(() => document.activeElement?.id)).toBe('main');

    // Sven (level 1 by default): no level to choose; the QR button says what it will do.
    const sven = await person('sven');
    await sven.page.goto('/');
    await sven.page.getByLabel(sven.t('create.customerEmail')).waitFor();
    expect(await sven.page.getByLabel(sven.t('create.classification')).count()).toBe(0);
    const link = await createSecret(sven, 'qr and skip', { email: 'carla@acme.test' });
    const show = sven.page.getByRole('button', { name: sven.t('result.showQr') });
    expect(await show.getAttribute('aria-expanded')).toBe('false');
    await show.click();
    const hide = sven.page.getByRole('button', { name: sven.t('result.hideQr') });
    expect(await hide.getAttribute('aria-expanded')).toBe('true');
    await expect
      .poll(() => sven.page.getByRole('img', { name: sven.t('result.qrAlt') }).isVisible())
      .toBe(true);
    await hide.click();
    expect(await sven.page.getByRole('img', { name: sven.t('result.qrAlt') }).count()).toBe(0);
    expect(await sven.page.getByRole('button', { name: sven.t('result.showQr') }).isVisible()).toBe(true);
    await sven.page.goto('/invitations/new');
    await sven.page.getByLabel(sven.t('invite.label')).waitFor();
    expect(await sven.page.getByLabel(sven.t('invite.classification')).count()).toBe(0);

    // The skip link on a secret link (German): focus moves, the key stays in the address.
    await sven.page.goto(link);
    await expectHeading(sven.page, sven.t('open.ownTitle'));
    await sven.page.keyboard.press('Tab');
    expect(await focusedText(sven.page)).toBe(sven.t('app.skipToContent'));
    await sven.page.keyboard.press('Enter');
    expect(await sven.page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(sven.page.url()).toBe(link);
    await expectHeading(sven.page, sven.t('open.ownTitle'));

    // Ada, an admin (level 3), chooses among the levels.
    const ada = await person('ada');
    await ada.page.goto('/');
    await expect.poll(() => ada.page.getByLabel(ada.t('create.classification')).isVisible()).toBe(true);
  });

  it('the header is one or two rows on a phone; the menu opens, leads on, and folds (en, de, nl)', async () => {
    for (const who of ['ada', 'sven'] as const) {
      const { page, t } = await person(who);
      await page.setViewportSize(PHONE);
      await page.goto('/');
      await page.getByLabel(t('create.customerEmail')).waitFor();
      expect(await headerRows(page), who).toBeLessThanOrEqual(2);
      expect(await page.getByRole('link', { name: t('nav.mySecrets') }).isVisible()).toBe(false);
      const menu = page.getByRole('button', { name: t('app.menu') });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await expectAccessible(page, `the open menu on a phone (${who})`);
      await page.getByRole('link', { name: t('nav.mySecrets') }).click();
      await expectHeading(page, t('secrets.title'));
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await headerRows(page), who).toBeLessThanOrEqual(2);
    }
    const visitor = await (await newPerson(world.browser, world.server.baseUrl, 'nl-NL')).newPage();
    await visitor.setViewportSize(PHONE);
    await visitor.goto('/');
    await expectHeading(visitor, text('nl', 'home.title'));
    expect(await headerRows(visitor)).toBeLessThanOrEqual(2);
    expect(await visitor.getByLabel(text('nl', 'language.label')).isVisible()).toBe(true);
  });
});
