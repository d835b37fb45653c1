/**
 * Issue 18, adversarial suite: markup in every text field that a person can set or that the identity
 * provider sends (a secret's content, an invitation's label and browser, a person's name, an e-mail
 * address, a team name) renders as text in Chromium (X5, X1). Each payload carries a tag no page of the
 * app has (`<x-xss>`), an image whose error handler would set `window.__xss`, and a script: on every page
 * the text must show literally, no such element may exist, nothing may have run, and a
 * `securitypolicyviolation` listener installed before the app's own script must stay silent (the strict
 * CSP would block an inline handler, and report it there).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { WEB_DIST } from '../../src/http/web-app.ts';
import { translate } from '../../src/protocol/i18n/index.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { makeInvitationKeys } from '../../web/crypto/invitation-crypto.ts';
import { secretLink } from '../../web/crypto/secret-crypto.ts';
import { invitationLink } from '../../web/link/invitation-link.ts';
import { submissionLink } from '../../web/link/submission-link.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { type CreatedInvitation, submitAsGuest } from '../support/invitations.ts';
import { accountIdOf, shareSecret, toCustomer } from '../support/secrets.ts';
import { anonymousClient, signIn } from '../support/sign-in.ts';
import { launchBrowser, newPerson, signInFromLanding } from './support/browser.ts';

const PAYLOAD = `<x-xss>bold</x-xss><img src=x onerror="window.__xss=1">"'><script>window.__xss=2</script>`;
/** An e-mail local part may hold anything but spaces, `@` and `"` (section 1): markup fits. */
const XSS_EMAIL = '<x-xss></x-xss><img/src=x/onerror=window.__xss=3>@acme.test';
/** TEAMS splits at `,` and `=`: a team name with markup but neither. */
const XSS_TEAM = 'Desk <x-xss></x-xss><script>window.__xss++</script>';
const SVEN_NAME = `Sven ${PAYLOAD}`;

declare global {
  interface Window {
    __xss?: number;
    __csp?: string[];
  }
}

describe('X5: markup in every text field renders as text', () => {
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const links = { secret: '', invitation: '', submission: '' };

  /** A browser profile that records every CSP violation from the first script on. */
  async function person(): Promise<Page> {
    const context = await newPerson(browser, t.baseUrl);
    await context.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__csp?.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    contexts.push(context);
    return context.newPage();
  }

  /** Nothing ran, nothing was injected, nothing was blocked: the payload stayed text. */
  async function expectInert(page: Page, where: string) {
    const state = await page.evaluate(() => ({
      xss: window.__xss ?? null,
      injected: document.querySelectorAll('x-xss, img[src="x"], img[onerror]').length,
      scripts: [...document.scripts].filter((script) => script.textContent?.includes('__xss')).length,
      violations: window.__csp ?? ['listener missing'],
    }));
    expect(state, where).toEqual({ xss: null, injected: 0, scripts: 0, violations: [] });
  }

  const setName = (email: string, name: string) =>
    databaseForTests(t.store).updateTable('accounts').set({ name }).where('email', '=', email).execute();

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html')))
      throw new Error('web/dist is missing: run `npm run build`');
    const teams = loadConfig({ TEAMS: `Service,GO Engineers,Inside Sales,${XSS_TEAM}` }).teams;
    t = await startTestApp({ dialect: 'sqlite', webRoot: WEB_DIST, config: { teams } });
    browser = await launchBrowser();

    const sven = await signIn(t.baseUrl, 'sven');
    const secret = await shareSecret(sven, PAYLOAD, toCustomer('carla@acme.test'));
    expect((await shareSecret(sven, 'to a strange address', toCustomer(XSS_EMAIL))).status).toBe(201);
    links.secret = secretLink(t.baseUrl, secret.id, secret.linkKey);
    const invite = async (): Promise<CreatedInvitation> => {
      const keys = await makeInvitationKeys();
      const request = { version: 1, label: PAYLOAD, publicKey: keys.publicKey, secretHash: keys.secretHash };
      const { status, body } = await sven.api('POST', '/api/invitations', { ...request, browser: PAYLOAD });
      expect(status).toBe(201);
      return { status, id: body.id, keys, inviterId: await accountIdOf(sven), classification: 1, body };
    };
    const waiting = await invite();
    links.invitation = invitationLink(
      t.baseUrl,
      waiting.id,
      waiting.keys.inviteSecret,
      waiting.keys.publicKey,
    );
    // A guest's submission, which a browser without the invitation's key names the browser of.
    const used = await invite();
    expect((await submitAsGuest(anonymousClient(t.baseUrl), used, 'from a guest')).status).toBe(201);
    const received = (await sven.api('GET', '/api/secrets')).body.received as {
      id: string;
      invitation?: unknown;
    }[];
    links.submission = submissionLink(received.find((secret) => secret.invitation)?.id ?? 'none');
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
  });

  it('a name the provider sent, the secret itself and a team name, on the recipient pages', async () => {
    const carla = await person();
    await signInFromLanding(carla, 'carla');
    // The provider's name for Sven, as a sign-in would have stored it.
    await setName('sven.service@example.com', SVEN_NAME);

    await carla.goto('/');
    const teamOption = carla.locator('option', { hasText: 'Desk' });
    await expect.poll(() => teamOption.textContent()).toBe(XSS_TEAM);
    await expectInert(carla, 'the create form with its teams');

    await carla.goto(links.secret);
    await expect.poll(() => carla.locator('main').textContent()).toContain(SVEN_NAME);
    await expectInert(carla, 'the open page before reveal');
    await carla.getByRole('button', { name: translate('de', 'open.reveal') }).click();
    await expect
      .poll(() => carla.getByLabel(translate('de', 'open.secret'), { exact: true }).inputValue())
      .toBe(PAYLOAD);
    await expectInert(carla, 'the revealed secret');
  });

  it('an e-mail address and an invitation label and browser, on the sender pages', async () => {
    const sven = await person();
    await signInFromLanding(sven, 'sven');
    await setName('sven.service@example.com', SVEN_NAME);

    await sven.goto('/secrets');
    await expect.poll(() => sven.locator('main').textContent()).toContain(XSS_EMAIL);
    await expectInert(sven, 'my secrets');

    await sven.goto('/invitations');
    await expect.poll(() => sven.locator('main').textContent()).toContain(PAYLOAD);
    await expectInert(sven, 'my invitations');

    // This browser does not hold the invitation's key: the page names the browser that does.
    await sven.goto(links.submission);
    await expect.poll(() => sven.locator('main').textContent()).toContain(PAYLOAD);
    await expectInert(sven, 'a submission opened in another browser');
  });

  it("the label and the inviter's name on a guest's page", async () => {
    await setName('sven.service@example.com', SVEN_NAME);
    const guest = await person();
    await guest.goto(links.invitation);
    await expect.poll(() => guest.locator('main').textContent()).toContain(PAYLOAD);
    expect(await guest.locator('main').textContent()).toContain(SVEN_NAME);
    await expectInert(guest, 'the guest page');
  });
});
