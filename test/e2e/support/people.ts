/**
 * The demo accounts as people in their own browser profiles, each reading the app in their account's
 * language (L2), and the steps most scenarios share: sign in, create a secret, follow a link.
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_ACCOUNTS, type DemoAccountKey } from '../../../src/auth/demo/accounts.ts';
import { type Locale, translate } from '../../../src/protocol/i18n/index.ts';
import { newPerson, pickDemoAccount, signInFromLanding } from './browser.ts';

/**
 * A catalogue text in `locale` with its `{{placeholders}}` filled in. A key with plural forms only
 * (i18next's `key_one`, `key_other`) takes the form `values.count` asks for.
 */
export function text(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
  let template = translate(locale, key);
  if (template === key && 'count' in values)
    template = translate(locale, `${key}_${values.count === 1 ? 'one' : 'other'}`);
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

export const localeOf = (who: DemoAccountKey) => DEMO_ACCOUNTS[who].locale as Locale;

/** A catalogue text in the language of `who`'s account (L2), as text(). */
export const textFor = (who: DemoAccountKey, key: string, values: Record<string, string | number> = {}) =>
  text(localeOf(who), key, values);

export interface Person {
  readonly who: DemoAccountKey;
  readonly page: Page;
  /** A text in this person's language. */
  readonly t: (key: string, values?: Record<string, string | number>) => string;
}

export function personOn(page: Page, who: DemoAccountKey): Person {
  return { who, page, t: (key, values) => textFor(who, key, values) };
}

/** `who`, signed in from the landing page in a fresh browser profile. */
export async function signedIn(browser: Browser, baseUrl: string, who: DemoAccountKey): Promise<Person> {
  const page = await (await newPerson(browser, baseUrl)).newPage();
  await signInFromLanding(page, who);
  return personOn(page, who);
}

/** Fills the create form and returns the link from the result. */
export async function createSecret(
  { page, t }: Person,
  secret: string,
  to: { email: string } | { team: string },
): Promise<string> {
  await page.goto('/');
  if ('email' in to) await page.getByLabel(t('create.customerEmail')).fill(to.email);
  else await page.getByLabel(t('create.team'), { exact: true }).selectOption({ label: to.team });
  await page.getByLabel(t('create.secret'), { exact: true }).fill(secret);
  await page.getByRole('button', { name: t('create.submit') }).click();
  await expect.poll(() => page.getByRole('heading', { name: t('result.title') }).isVisible()).toBe(true);
  return page.getByLabel(t('result.link')).inputValue();
}

/** A person not signed in yet follows the link, signs in from it as `who`, and is back on the link (O7). */
export async function followAsNewVisitor(
  browser: Browser,
  baseUrl: string,
  link: string,
  who: DemoAccountKey,
): Promise<Person> {
  const page = await (await newPerson(browser, baseUrl)).newPage();
  await page.goto(link);
  // Not signed in yet: the page speaks the browser's language (en-US) until the account's takes over.
  await page.getByRole('button', { name: translate('en', 'open.signIn') }).click();
  await pickDemoAccount(page, who);
  await page.waitForURL(/\/s\//);
  return personOn(page, who);
}

/** The page's one h1, once it says `expected`. */
export async function expectHeading(page: Page, expected: string): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(expected);
}

/** The same link with one character of its key changed (not the last, whose low bits carry no data). */
export function withChangedKey(link: string): string {
  const [address, key = ''] = link.split('#');
  const at = 10;
  const changed = key[at] === 'A' ? 'B' : 'A';
  return `${address}#${key.slice(0, at)}${changed}${key.slice(at + 1)}`;
}
