/**
 * Issue 19 in Chromium, what people expect from a secret-sharing page: a password generator in the create
 * form (length and character classes, from crypto.getRandomValues), a counter against the size limit, a
 * dark theme that follows the operating system (prefers-color-scheme), a favicon, and page titles in the
 * visitor's language. English, German and Dutch.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHARACTER_CLASSES } from '../../web/crypto/password.ts';
import { MAX_SECRET_BYTES } from '../../web/forms/secret-form.ts';
import { expectAccessible, newPerson } from './support/browser.ts';
import { expectHeading, type Person, signedIn, text } from './support/people.ts';
import { useServerAndBrowser } from './support/server.ts';

const backgroundOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => getComputedStyle(element).backgroundColor);
const colourOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => getComputedStyle(element).color);

describe('what people expect', () => {
  const world = useServerAndBrowser();
  const person = (who: Parameters<typeof signedIn>[2]) => signedIn(world.browser, world.server.baseUrl, who);

  /** Opens the generator, sets it, generates, and returns what landed in the secret field. */
  async function generate({ page, t }: Person, length: number | null, classes: Record<string, boolean>) {
    const open = page.getByRole('button', { name: t('generator.open') });
    if ((await open.getAttribute('aria-expanded')) !== 'true') await open.click();
    if (length !== null) await page.getByLabel(t('generator.length')).fill(String(length));
    for (const [name, on] of Object.entries(classes)) {
      await page.getByLabel(t(`generator.classes.${name}`)).setChecked(on);
    }
    await page.getByRole('button', { name: t('generator.generate') }).click();
    return page.getByLabel(t('create.secret'), { exact: true }).inputValue();
  }

  const counter = (page: Page) => page.locator('#secret-size').textContent();
  const max = (locale: 'en' | 'de') => new Intl.NumberFormat(locale).format(MAX_SECRET_BYTES);

  it('a password generator of the asked length and alphabet, and a size counter (en, de)', async () => {
    const ada = await person('ada');
    await ada.page.goto('/');
    await ada.page.getByLabel(ada.t('create.customerEmail')).waitFor();
    expect(await counter(ada.page)).toBe(ada.t('counter.used_other', { count: 0, used: 0, max: max('en') }));
    await ada.page.getByLabel(ada.t('create.secret'), { exact: true }).fill('äb€');
    expect(await counter(ada.page)).toBe(ada.t('counter.used_other', { count: 3, used: 6, max: max('en') }));

    const alnum = await generate(ada, 32, { symbols: false });
    expect(alnum).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(alnum).toMatch(/[a-z]/);
    expect(alnum).toMatch(/[A-Z]/);
    expect(alnum).toMatch(/[0-9]/);
    expect(await counter(ada.page)).toBe(
      ada.t('counter.used_other', { count: 32, used: 32, max: max('en') }),
    );
    expect(
      await ada.page
        .getByRole('status')
        .filter({ hasText: ada.t('generator.done_other', { count: 32 }) })
        .count(),
    ).toBe(1);

    const symbols = await generate(ada, 12, { lower: false, upper: false, digits: false, symbols: true });
    expect(symbols).toHaveLength(12);
    for (const char of symbols) expect(CHARACTER_CLASSES.symbols).toContain(char);
    await expectAccessible(ada.page, 'the create form with the generator open (light)');
    await ada.page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(ada.page, 'the create form with the generator open (dark)');
    // No class chosen: nothing to generate from.
    await ada.page.getByLabel(ada.t('generator.classes.symbols')).setChecked(false);
    expect(await ada.page.getByRole('button', { name: ada.t('generator.generate') }).isDisabled()).toBe(true);

    // German: the preset length with every class; then past the limit, the counter says by how much.
    const sven = await person('sven');
    await sven.page.goto('/');
    await sven.page.getByLabel(sven.t('create.customerEmail')).waitFor();
    const preset = await generate(sven, null, {});
    expect(preset).toHaveLength(20);
    for (const chars of Object.values(CHARACTER_CLASSES))
      expect([...chars].some((c) => preset.includes(c))).toBe(true);
    for (const char of preset) expect(Object.values(CHARACTER_CLASSES).join('')).toContain(char);
    await sven.page
      .getByLabel(sven.t('create.secret'), { exact: true })
      .fill('a'.repeat(MAX_SECRET_BYTES + 1));
    expect(await counter(sven.page)).toContain(
      sven.t('counter.over_other', { count: 0, used: 0, max: 0, over: 1 }).split(': ')[1],
    );
    expect(await sven.page.locator('#secret-size.counter-over').count()).toBe(1);
  });

  it('a dark theme by prefers-color-scheme, a favicon, and page titles in the visitor’s language (nl, en, de)', async () => {
    const dark = await (
      await world.browser.newContext({ locale: 'nl-NL', baseURL: world.server.baseUrl, colorScheme: 'dark' })
    ).newPage();
    await dark.goto('/');
    await expectHeading(dark, text('nl', 'home.title'));
    expect(await backgroundOf(dark, 'html')).toBe('rgb(18, 21, 27)');
    expect(await colourOf(dark, 'h1')).toBe('rgb(230, 233, 239)');
    expect(await dark.title()).toBe('Safe Share');
    await dark.emulateMedia({ colorScheme: 'light' });
    expect(await backgroundOf(dark, 'html')).toBe('rgb(255, 255, 255)');

    // The favicon is served from the app's own origin as SVG.
    const icon = await dark.locator('link[rel="icon"]').getAttribute('href');
    const served = await dark.request.get(icon ?? '');
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toMatch(/^image\/svg\+xml/);

    // Titles name the page, in the visitor's language, and follow the selector.
    const visitor = await (await newPerson(world.browser, world.server.baseUrl, 'en-US')).newPage();
    await visitor.goto('/secrets');
    await expectHeading(visitor, text('en', 'secrets.title'));
    expect(await visitor.title()).toBe(`${text('en', 'secrets.title')} – Safe Share`);
    await visitor.getByLabel('Language').selectOption('de');
    await expectHeading(visitor, text('de', 'secrets.title'));
    expect(await visitor.title()).toBe(`${text('de', 'secrets.title')} – Safe Share`);
    await visitor.goto('/no-such-page');
    await expectHeading(visitor, text('de', 'notFound.title'));
    expect(await visitor.title()).toBe(`${text('de', 'notFound.title')} – Safe Share`);
  });
});
