/**
 * Navigations get pages, not JSON. A browser that navigates to an unknown address gets the app's page
 * with 404 (the app shows its not-found page in the visitor's language), and a refused sign-in sends it
 * on with 303 to the app's sign-in-failed page, whose address holds a reason code and nothing else: no
 * sign-in code or state stays in the address bar, no provider message reaches it. API clients keep the
 * JSON error and its status (X7).
 *
 * On both databases: a refusal runs through the sign-in flow and account provisioning, which live there.
 */

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_COOKIE, SESSION_COOKIE } from '../../src/auth/session-cookie.ts';
import { securityHeaders } from '../../src/http/security-headers.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { rawExchange } from '../support/raw-http.ts';
import { anonymousClient, reachCallback, signIn, type TestClient } from '../support/sign-in.ts';

/** What Chromium sends when the address bar or a link loads a page. */
const NAVIGATION = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-dest': 'document',
} as const;

/** A browser without fetch metadata (older ones): Accept alone says it wants a page. */
const HTML_ACCEPT = { accept: 'text/html,*/*;q=0.8' } as const;

const PAGE = '<!doctype html><title>Safe Share</title><script type="module" src="/assets/app-1.js"></script>';

/** Marks an account disabled, straight in the database (as an administrator's tool would). */
async function disableAccount(t: TestApp, subject: string): Promise<void> {
  const sql = "UPDATE accounts SET status = 'disabled' WHERE subject = $1";
  if (t.database.dialect === 'sqlite') {
    const db = new DatabaseSync(join(t.database.dataDir, 'safe-share.sqlite'));
    try {
      db.prepare(sql.replace('$1', '?')).run(subject);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: t.database.databaseUrl });
  await client.connect();
  try {
    await client.query(sql, [subject]);
  } finally {
    await client.end();
  }
}

describe.each(DIALECTS)('navigations on %s', (dialect) => {
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'safe-share-web-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), PAGE);
    await writeFile(join(root, 'assets', 'app-1.js'), 'console.log(1)');
    t = await startTestApp({ dialect, webRoot: root });
  });
  afterAll(async () => {
    await t?.close();
    await rm(root, { recursive: true, force: true });
  });

  const cookie = (client: TestClient, name: string, path = '/') =>
    client.jar.get(new URL(path, t.baseUrl), name);

  async function expectAppPage(response: Response, status: number): Promise<void> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    for (const [name, value] of Object.entries(securityHeaders()))
      expect(response.headers.get(name)).toBe(value);
    expect(await response.text()).toBe(PAGE);
  }

  describe('an unknown address', () => {
    it.each([
      ['a browser navigation', NAVIGATION],
      ['Accept: text/html without fetch metadata', HTML_ACCEPT],
    ])('%s gets the app page with 404', async (_name, headers) => {
      for (const path of ['/no-such-page', '/api/no-such-thing', '/assets/no-such-file.js', '/s/a/b']) {
        await expectAppPage(await fetch(`${t.baseUrl}${path}`, { headers }), 404);
      }
    });

    it('Sec-Fetch-Mode: navigate alone (Accept */*) gets the app page with 404', async () => {
      // fetch always sends its own Sec-Fetch-Mode (cors), so this one goes over a bare socket.
      const [reply] = await rawExchange(t.baseUrl, [
        'GET /no-such-page HTTP/1.1\r\nHost: x\r\nAccept: */*\r\nSec-Fetch-Mode: navigate\r\nConnection: close\r\n\r\n',
      ]);
      expect(reply?.status).toBe(404);
      expect(reply?.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(reply?.body).toBe(PAGE);
    });

    it.each([
      ['Accept: application/json', { accept: 'application/json' }],
      ["fetch's default Accept (*/*)", {}],
      ['JSON preferred over HTML', { accept: 'application/json, text/html;q=0.5' }],
      ['text/html refused (q=0)', { accept: 'text/html;q=0, */*' }],
    ])('X7: %s keeps the JSON route.not_found', async (_name, headers) => {
      const response = await fetch(`${t.baseUrl}/no-such-page`, { headers });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: 'route.not_found', message: expect.any(String) },
      });
    });

    it('a path that cannot be decoded, or with an overlong id, gets the page too (the app decides what shows)', async () => {
      await expectAppPage(await fetch(`${t.baseUrl}/s/%E0%A4%A`, { headers: NAVIGATION }), 404);
      await expectAppPage(await fetch(`${t.baseUrl}/s/${'a'.repeat(101)}`, { headers: NAVIGATION }), 404);
      const api = await fetch(`${t.baseUrl}/api/secrets/${'a'.repeat(101)}/peek`, {
        method: 'POST',
        headers: { origin: t.baseUrl },
      });
      expect(api.status).toBe(404);
      expect((await api.json()).error.code).toBe('secret.gone');
    });

    it("the app's own pages stay 200, the sign-in-failed page among them", async () => {
      for (const path of ['/', '/secrets', '/s/abc', '/sign-in-failed?reason=email_unverified']) {
        await expectAppPage(await fetch(`${t.baseUrl}${path}`, { headers: NAVIGATION }), 200);
      }
    });
  });

  describe('a refused sign-in', () => {
    it('uma (unverified e-mail), navigating: 303 to the app page with the reason only; no session, no account', async () => {
      const { client, callbackUrl } = await reachCallback(t.baseUrl, 'uma');
      expect(callbackUrl.searchParams.get('code')).toBeTruthy();
      const callback = await client.fetch(callbackUrl.href, { headers: NAVIGATION });
      expect(callback.status).toBe(303);
      // Exactly the page and its reason: nothing of the code, the state or the provider's answer.
      expect(callback.headers.get('location')).toBe('/sign-in-failed?reason=email_unverified');
      expect(callback.headers.get('cache-control')).toBe('no-store');
      expect(cookie(client, SESSION_COOKIE)).toBeUndefined();
      expect(cookie(client, LOGIN_COOKIE, '/auth/callback')).toBeUndefined();
      await expectAppPage(
        await client.fetch('/sign-in-failed?reason=email_unverified', { headers: NAVIGATION }),
        200,
      );
      expect((await client.api('GET', '/api/me')).status).toBe(401);
    });

    it('X7: uma as an API client keeps 403 auth.email_unverified in JSON', async () => {
      const { client, callbackUrl } = await reachCallback(t.baseUrl, 'uma');
      const { status, body } = await client.api('GET', `${callbackUrl.pathname}${callbackUrl.search}`);
      expect(status).toBe(403);
      expect(body.error.code).toBe('auth.email_unverified');
    });

    it('a callback without a sign-in in progress, navigating: 303 with reason login_failed; API: 400 JSON', async () => {
      const client = anonymousClient(t.baseUrl);
      const path = '/auth/callback?code=code-canary-4711&state=state-canary';
      const navigated = await client.fetch(path, { headers: NAVIGATION });
      expect(navigated.status).toBe(303);
      expect(navigated.headers.get('location')).toBe('/sign-in-failed?reason=login_failed');
      const api = await client.api('GET', path);
      expect(api.status).toBe(400);
      expect(api.body.error.code).toBe('auth.login_failed');
    });

    it('a provider error at the callback, navigating: 303 with reason login_failed', async () => {
      const client = anonymousClient(t.baseUrl);
      const started = await client.fetch('/auth/login');
      const state = new URL(started.headers.get('location') as string).searchParams.get('state');
      const callback = await client.fetch(`/auth/callback?error=access_denied&state=${state}`, {
        headers: HTML_ACCEPT,
      });
      expect(callback.status).toBe(303);
      expect(callback.headers.get('location')).toBe('/sign-in-failed?reason=login_failed');
    });

    it('a disabled account, navigating: 303 with reason account_disabled; API: 403 JSON', async () => {
      await signIn(t.baseUrl, 'dirk');
      await disableAccount(t, 'demo-dirk');
      const navigated = await reachCallback(t.baseUrl, 'dirk');
      const callback = await navigated.client.fetch(navigated.callbackUrl.href, { headers: NAVIGATION });
      expect(callback.status).toBe(303);
      expect(callback.headers.get('location')).toBe('/sign-in-failed?reason=account_disabled');
      expect(cookie(navigated.client, SESSION_COOKIE)).toBeUndefined();
      const viaApi = await reachCallback(t.baseUrl, 'dirk');
      const { status, body } = await viaApi.client.api(
        'GET',
        `${viaApi.callbackUrl.pathname}${viaApi.callbackUrl.search}`,
      );
      expect(status).toBe(403);
      expect(body.error.code).toBe('auth.account_disabled');
    });

    it('a sign-in that succeeds, navigating, still lands where it started', async () => {
      const { client, callbackUrl } = await reachCallback(t.baseUrl, 'carla', { returnTo: '/secrets' });
      const callback = await client.fetch(callbackUrl.href, { headers: NAVIGATION });
      expect(callback.status).toBe(302);
      expect(callback.headers.get('location')).toBe('/secrets');
      expect(cookie(client, SESSION_COOKIE)).toBeDefined();
    });
  });
});
