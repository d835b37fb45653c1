/**
 * Guest invitations end to end in Chromium, against the real server and the demo provider (S4, S5, S6,
 * X2, O1, O2, O6, L3): a staff member invites, a guest without an account submits from a fresh browser
 * profile, the staff member reads it once in the browser that holds the key, and a second browser of the
 * same staff member is told plainly that it does not hold the key.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type Locale, translate } from '../../src/protocol/i18n/index.ts';
import { expectAccessible, newPerson, signInFromLanding, traffic } from './support/browser.ts';
import { useServerAndBrowser } from './support/server.ts';

/** Sven's account speaks German (L2); the guests here choose German or stay in English (L3). */
const de = (key: string, values: Record<string, string> = {}) => interpolate(translate('de', key), values);
const en = (key: string, values: Record<string, string> = {}) => interpolate(translate('en', key), values);
const interpolate = (text: string, values: Record<string, string>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

const LINK = /\/i\/[A-Za-z0-9_-]{22}#([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;

describe('guest invitations in the browser', () => {
  const world = useServerAndBrowser();

  async function staffSignedIn(): Promise<Page> {
    const page = await (await newPerson(world.browser, world.server.baseUrl)).newPage();
    await signInFromLanding(page, 'sven');
    return page;
  }

  /** Sven creates an invitation and returns its link. */
  async function invite(sven: Page, label: string): Promise<string> {
    await sven.goto('/invitations/new');
    await sven.getByLabel(de('invite.label')).fill(label);
    await sven.getByRole('button', { name: de('invite.submit') }).click();
    await expect
      .poll(() => sven.getByRole('heading', { name: de('inviteResult.title') }).isVisible())
      .toBe(true);
    return sven.getByLabel(de('inviteResult.link'), { exact: true }).inputValue();
  }

  /** A guest in a fresh profile (no sign-in), who switches to `locale` with the selector, sends `text`. */
  async function submitAsGuest(link: string, text: string, locale: Locale): Promise<Page> {
    const guest = await (await newPerson(world.browser, world.server.baseUrl, 'en-US')).newPage();
    await guest.goto(link);
    const tr = (key: string, values?: Record<string, string>) =>
      interpolate(translate(locale, key), values ?? {});
    if (locale !== 'en') await guest.getByLabel('Language').selectOption(locale);
    await guest.getByLabel(tr('guest.secret'), { exact: true }).fill(text);
    await guest.getByRole('button', { name: tr('guest.submit') }).click();
    await expect
      .poll(() => guest.getByRole('heading', { name: tr('guest.sentTitle') }).isVisible())
      .toBe(true);
    return guest;
  }

  /** Sven opens the first waiting submission from his received list. */
  async function openFromList(sven: Page): Promise<void> {
    await sven.goto('/secrets');
    await sven
      .getByRole('link', { name: de('secrets.open'), exact: false })
      .first()
      .click();
    await sven.waitForURL(/\/s\/[A-Za-z0-9_-]{22}#invitation$/);
  }

  it('S4, S6, X2, O1, O2, S5: staff invite; a German-speaking guest submits; staff read it once; the link is used', async () => {
    const sven = await staffSignedIn();
    const link = await invite(sven, 'VPN-Passwort für das Berliner Büro');
    expect(link).toMatch(new RegExp(`^${world.server.baseUrl}${LINK.source}`));
    await expectAccessible(sven, 'the invitation result page');
    expect(await sven.getByText(de('inviteResult.keyTitle')).isVisible()).toBe(true);

    // The guest: a fresh browser profile, no sign-in, German chosen at the top right (L3).
    const guest = await (await newPerson(world.browser, world.server.baseUrl, 'en-US')).newPage();
    await guest.goto(link);
    await expect.poll(() => guest.getByText('VPN-Passwort für das Berliner Büro').isVisible()).toBe(true);
    await guest.getByLabel('Language').selectOption('de');
    await expect
      .poll(() => guest.getByRole('heading', { level: 1 }).textContent())
      .toBe(translate('de', 'guest.title'));
    expect(
      await guest
        .getByText(de('guest.from', { name: 'Sven Service', email: 'sven.service@example.com' }))
        .isVisible(),
    ).toBe(true);
    await expectAccessible(guest, 'the guest page');
    await guest.getByLabel(de('guest.secret'), { exact: true }).fill('Zugangscode: 4711-Berlin');
    await guest.getByRole('button', { name: de('guest.submit') }).click();
    await expect
      .poll(() => guest.getByRole('heading', { name: de('guest.sentTitle') }).isVisible())
      .toBe(true);
    await expectAccessible(guest, 'the guest confirmation');

    // The staff member finds it among the received secrets and reads it once.
    await openFromList(sven);
    await expect
      .poll(() =>
        sven.getByText(de('submission.via', { label: 'VPN-Passwort für das Berliner Büro' })).isVisible(),
      )
      .toBe(true);
    await expectAccessible(sven, 'the submission before reveal');
    await sven.getByRole('button', { name: de('open.reveal') }).click();
    await expect
      .poll(() => sven.getByLabel(de('open.secret'), { exact: true }).inputValue())
      .toBe('Zugangscode: 4711-Berlin');
    await expectAccessible(sven, 'the revealed submission');

    // O2: once. The list offers no second open; the submission page says it is gone.
    await sven.goto('/secrets');
    await expect.poll(() => sven.getByText(de('status.opened')).first().isVisible()).toBe(true);
    expect(await sven.getByRole('link', { name: de('secrets.open') }).count()).toBe(0);

    // S5: the guest link now gets the one page for a used, expired, revoked or unknown invitation.
    const again = await guest.context().newPage();
    await again.goto(link);
    await expect
      .poll(() => again.getByRole('alert').textContent())
      .toBe(translate('de', 'errors.invitation.gone'));
    expect(await again.getByLabel(de('guest.secret')).count()).toBe(0);

    // O6: Sven's list shows it used, with when.
    await sven.goto('/invitations');
    const row = sven.getByRole('row', { name: /VPN-Passwort/ });
    await expect.poll(() => row.textContent()).toContain(de('status.used'));
    expect(await row.textContent()).not.toContain(de('invitations.notUsed'));
    await expectAccessible(sven, 'my invitations');

    // X2: the fragment never reached the server as such, and the invitation secret only as the guest's
    // possession proof, in the body of a peek or the submit (the staff browser sent only its hash).
    const [, secret, publicKey] = LINK.exec(link) as RegExpExecArray;
    expect(traffic.requests.filter((line) => line.includes(`${secret}.${publicKey}`))).toEqual([]);
    const carrying = traffic.requests.filter((line) => line.includes(secret as string));
    expect(carrying.length).toBeGreaterThan(0);
    for (const line of carrying) {
      expect(line).toMatch(/^POST \S+\/api\/invitations\/[A-Za-z0-9_-]{22}\/(peek|submit) \{/);
      expect(line.split(' ')[1]).not.toContain(secret as string);
    }
  });

  it('X2: a second browser of the same staff member does not hold the key and says so; the submission stays intact', async () => {
    const sven = await staffSignedIn();
    const link = await invite(sven, 'Router-PIN der Werkstatt');
    await submitAsGuest(link, 'pin 0815', 'en');

    const elsewhere = await staffSignedIn(); // the same account, another browser profile
    await openFromList(elsewhere);
    await expect
      .poll(() => elsewhere.getByRole('heading', { level: 1 }).textContent())
      .toBe(de('submission.noKeyTitle'));
    const text = await elsewhere.locator('main').textContent();
    expect(text).toContain('Router-PIN der Werkstatt');
    expect(text).toMatch(/Chrome|Chromium/);
    expect(await elsewhere.getByRole('button', { name: de('open.reveal') }).count()).toBe(0);
    await expectAccessible(elsewhere, 'the no-key page');

    // Nothing was opened: the browser that holds the key still reads it.
    await openFromList(sven);
    await sven.getByRole('button', { name: de('open.reveal') }).click();
    await expect
      .poll(() => sven.getByLabel(de('open.secret'), { exact: true }).inputValue())
      .toBe('pin 0815');
  });

  it('O6: the staff member revokes a waiting invitation, and its link then gets the same page as a used one', async () => {
    const sven = await staffSignedIn();
    const link = await invite(sven, 'Zum Widerrufen');
    await sven.goto('/invitations');
    await sven.getByRole('button', { name: `${de('invitations.revoke')}: Zum Widerrufen` }).click();
    await sven.getByRole('button', { name: de('invitationList.confirmRevoke') }).click();
    await expect
      .poll(() => sven.getByRole('row', { name: /Zum Widerrufen/ }).textContent())
      .toContain(de('status.revoked'));
    const guest = await (await newPerson(world.browser, world.server.baseUrl, 'en-US')).newPage();
    await guest.goto(link);
    await expect.poll(() => guest.getByRole('alert').textContent()).toBe(en('errors.invitation.gone'));
    await expectAccessible(guest, 'the used-up invitation page');
  });

  it('S5: a link preview (a plain GET, no script) uses nothing up; a damaged link says so and sends nothing', async () => {
    const sven = await staffSignedIn();
    const link = await invite(sven, 'Vorschau');
    const preview = await fetch(link.split('#')[0] as string, {
      headers: { 'user-agent': 'Slackbot-LinkExpanding 1.0' },
    });
    expect(preview.status).toBe(200);
    expect(await preview.text()).not.toContain('Vorschau');

    const guest = await (await newPerson(world.browser, world.server.baseUrl, 'en-US')).newPage();
    await guest.goto(link.slice(0, -5));
    await expect.poll(() => guest.getByRole('alert').textContent()).toBe(en('guest.damaged'));
    await submitAsGuest(link, 'still usable after the preview', 'en');
  });

  it('S4: a customer is told that only staff invite, and sees no invitations in the menu', async () => {
    const carla = await (await newPerson(world.browser, world.server.baseUrl)).newPage();
    await signInFromLanding(carla, 'carla');
    await expect.poll(() => carla.getByRole('navigation').isVisible()).toBe(true);
    expect(await carla.getByRole('link', { name: de('nav.invitations') }).count()).toBe(0);
    await carla.goto('/invitations/new');
    await expect
      .poll(() => carla.getByRole('alert').textContent())
      .toBe(translate('de', 'errors.invitation.staff_only'));
    await expectAccessible(carla, 'the invitation form refusing a customer');
  });

  it('keyboard only: invite, copy the link, and a guest sends with the keyboard alone', async () => {
    const sven = await staffSignedIn();
    await sven.goto('/invitations/new');
    await sven.getByLabel(de('invite.label')).waitFor();
    await expectAccessible(sven, 'the invitation form');
    await tabTo(sven, de('invite.label'));
    await sven.keyboard.type('Per Tastatur');
    await tabTo(sven, de('invite.submit'));
    await sven.keyboard.press('Enter');
    await expect
      .poll(() => sven.getByRole('heading', { name: de('inviteResult.title') }).isVisible())
      .toBe(true);
    await tabTo(sven, de('inviteResult.copy'));
    await sven.keyboard.press('Enter');
    await expect.poll(() => sven.getByText(de('inviteResult.copied')).isVisible()).toBe(true);
    const link = await sven.getByLabel(de('inviteResult.link'), { exact: true }).inputValue();

    const guest = await (await newPerson(world.browser, world.server.baseUrl, 'en-US')).newPage();
    await guest.goto(link);
    await guest.getByLabel(en('guest.secret'), { exact: true }).waitFor();
    await tabTo(guest, en('guest.secret'));
    await guest.keyboard.type('typed, never clicked');
    await tabTo(guest, en('guest.submit'));
    await guest.keyboard.press('Enter');
    await expect
      .poll(() => guest.getByRole('heading', { name: en('guest.sentTitle') }).isVisible())
      .toBe(true);
  });

  it('X5: the invitation pages ran under the strict CSP without a single violation', () => {
    expect(traffic.cspViolations).toEqual([]);
  });
});

/** Presses Tab until the focused element has this accessible label; fails after 40 presses. */
async function tabTo(page: Page, label: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
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
