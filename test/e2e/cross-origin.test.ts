/**
 * X5 in Chromium (issue 14): a page on another port of the same host is the same site, so the browser
 * sends the victim's SameSite=Lax session cookie with its POSTs. Such a page tries to revoke the
 * victim's secret with a body-less fetch, and to log the victim out with a form post and with
 * `sendBeacon`. Every one of those requests reaches the app and is refused as cross-origin; the
 * victim's session still works and the secret still waits.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/auth/demo/accounts.ts';
import { type Locale, translate } from '../../src/protocol/i18n/index.ts';
import { newPerson, signInFromLanding } from './support/browser.ts';
import { useServerAndBrowser } from './support/server.ts';

/** The attacker's page: one form and two scripted requests against the app, each started by the test. */
function attackerPage(app: string, secretId: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Win a prize</title></head>
<body>
<form id="logout" method="post" action="${app}/auth/logout"></form>
<script>
  window.attack = {
    revoke: () =>
      fetch('${app}/api/secrets/${secretId}/revoke', { method: 'POST', credentials: 'include' }).then(
        (response) => 'answered ' + response.status,
        (error) => 'failed ' + error.name,
      ),
    beacon: () => navigator.sendBeacon('${app}/auth/logout'),
    logoutForm: () => document.getElementById('logout').submit(),
  };
</script>
</body></html>`;
}

/** What the attacker's page offers the test to start. */
interface AttackerApi {
  revoke(): Promise<string>;
  beacon(): boolean;
  logoutForm(): void;
}

/** A tiny site on another port of 127.0.0.1: same site as the app, another origin. */
async function startAttackerSite(html: () => string): Promise<{ origin: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('X5 cross-origin requests in the browser', () => {
  const world = useServerAndBrowser();
  let attacker: { origin: string; server: Server } | undefined;
  afterAll(async () => {
    const server = attacker?.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** The victim's view from the app's own page: who they are, and the status of their secret. */
  async function victimState(page: Page, id: string): Promise<{ me: number; status: string | undefined }> {
    return page.evaluate(async (secretId) => {
      const me = (await fetch('/api/me')).status;
      const list = await fetch('/api/secrets');
      if (!list.ok) return { me, status: undefined };
      const { sent } = (await list.json()) as { sent: { id: string; status: string }[] };
      return { me, status: sent.find((secret) => secret.id === secretId)?.status };
    }, id);
  }

  it("X5: a page on another port cannot revoke the victim's secret or log the victim out", async () => {
    const app = world.server.baseUrl;
    const context = await newPerson(world.browser, app);
    const victim = await context.newPage();
    await signInFromLanding(victim, 'sven');

    // The victim creates a secret in the app: its own POST from Chromium is accepted.
    const tr = (key: string) => translate(DEMO_ACCOUNTS.sven.locale as Locale, key);
    await victim.getByLabel(tr('create.customerEmail')).fill('carla@acme.test');
    await victim.getByLabel(tr('create.secret'), { exact: true }).fill('cross-origin canary');
    await victim.getByRole('button', { name: tr('create.submit') }).click();
    const link = await victim.getByLabel(tr('result.link')).inputValue();
    const id = new URL(link).pathname.split('/').pop() ?? '';
    expect(await victimState(victim, id)).toEqual({ me: 200, status: 'waiting' });

    attacker = await startAttackerSite(() => attackerPage(app, id));
    const evil = await context.newPage();
    await evil.goto(attacker.origin);
    const attack = (step: keyof AttackerApi): Promise<unknown> =>
      evil.evaluate(
        (name: keyof AttackerApi): unknown => (window as unknown as { attack: AttackerApi }).attack[name](),
        step,
      );

    // Each attack reaches the app from the attacker's origin, as a same-site request with the victim's
    // cookies (SameSite=Lax lets a same-site page send them), and is refused: the app's log says what it
    // received (Chromium hides a CORS-mode fetch's answer from the page, and Playwright shows only the
    // provisional headers of a fetch or a beacon).
    const expectRefused = async (what: string, route: string, start: () => Promise<unknown>) => {
      const before = refusals(route).length;
      await start();
      await expect.poll(() => refusals(route).length, { message: what }).toBe(before + 1);
      expect(refusals(route).at(-1), what).toMatchObject({
        method: 'POST',
        origin: attacker?.origin,
        secFetchSite: 'same-site',
        withCookie: true,
      });
    };
    const refusals = (route: string) =>
      readFileSync(world.server.logFile, 'utf8')
        .split('\n')
        .filter((line) => line.includes('cross-origin request refused'))
        .map((line) => JSON.parse(line) as { route?: string })
        .filter((line) => line.route === route);

    await expectRefused('fetch revoke', '/api/secrets/:id/revoke', async () => {
      // The page cannot read the answer (no CORS headers): what matters is what the server did.
      expect(await attack('revoke')).toBe('failed TypeError');
    });
    await expectRefused('sendBeacon logout', '/auth/logout', async () => {
      expect(await attack('beacon')).toBe(true);
    });
    await expectRefused('form logout', '/auth/logout', async () => {
      await attack('logoutForm');
    });

    // The victim is still signed in and the secret still waits.
    expect(await victimState(victim, id)).toEqual({ me: 200, status: 'waiting' });
  });
});
