/**
 * Sign-in over real HTTP through the demo provider's real code flow, on both databases: roles from
 * claims (section 1, C2), verified e-mail only, accounts keyed by (issuer, subject), server-side sessions
 * that logout and expiry really end (X5), no open redirect, clean refusals, the account's language (L2).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/auth/demo/accounts.ts';
import { DEMO_KEYS_FILE } from '../../src/auth/demo/keys.ts';
import { DEMO_ACCOUNT_ISSUER } from '../../src/auth/demo/provider.ts';
import { SESSION_COOKIE, tokenHash } from '../../src/auth/session-cookie.ts';
import { translate } from '../../src/protocol/i18n/index.ts';
import { deleteExpiredSessions } from '../../src/store/sessions.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import {
  anonymousClient,
  attemptSignIn,
  type DemoAccountKey,
  follow,
  reachCallback,
  type SignedInClient,
  signIn,
  type TestClient,
} from '../support/sign-in.ts';

const team = (id: string, name: string) => ({ id, name });

describe.each(DIALECTS)('sign-in on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ dialect });
  });
  afterAll(() => t?.close());

  const accountRows = (subject: string) =>
    databaseForTests(t.store).selectFrom('accounts').selectAll().where('subject', '=', subject).execute();
  const sessionCookie = (client: TestClient) => client.jar.get(new URL(client.baseUrl), SESSION_COOKIE);
  const me = (client: TestClient) => client.api('GET', '/api/me');

  describe('section 1, C2: each demo account gets its role, admin flag, clearance, teams and language', () => {
    const expected: Record<Exclude<DemoAccountKey, 'uma'>, object> = {
      ada: { role: 'staff', isAdmin: true, clearance: 3, teams: [], locale: 'en' },
      sven: {
        role: 'staff',
        isAdmin: false,
        clearance: 1,
        teams: [team('service', 'Service')],
        locale: 'de',
      },
      greta: {
        role: 'staff',
        isAdmin: false,
        clearance: 1,
        teams: [team('go-engineers', 'GO Engineers')],
        locale: 'nl',
      },
      ines: {
        role: 'staff',
        isAdmin: false,
        clearance: 1,
        teams: [team('inside-sales', 'Inside Sales')],
        locale: 'en',
      },
      carla: { role: 'customer', isAdmin: false, clearance: 1, teams: [], locale: 'de' },
      dirk: { role: 'customer', isAdmin: false, clearance: 1, teams: [], locale: 'nl' },
    };
    it.each(Object.entries(expected))('%s', async (who, account) => {
      const client = await signIn(t.baseUrl, who as DemoAccountKey);
      const { status, body } = await me(client);
      expect(status).toBe(200);
      expect(body.account).toMatchObject(account);
      expect(body.account.id).toMatch(/^[A-Za-z0-9_-]{22}$/); // 128 random bits
    });
  });

  it('section 1: an e-mail the provider has not verified is refused, and no account or session is made', async () => {
    const sessionsBefore = await databaseForTests(t.store).selectFrom('sessions').select('id_hash').execute();
    const { client, callback } = await attemptSignIn(t.baseUrl, 'uma');
    expect(callback.status).toBe(403);
    expect((await callback.json()).error.code).toBe('auth.email_unverified');
    expect(sessionCookie(client)).toBeUndefined();
    expect(await accountRows('demo-uma')).toEqual([]);
    expect(await databaseForTests(t.store).selectFrom('sessions').select('id_hash').execute()).toHaveLength(
      sessionsBefore.length,
    );
    expect((await me(client)).status).toBe(401);
  });

  it('section 1: an account is keyed by (issuer, subject): signing in twice keeps one row', async () => {
    const first = await signIn(t.baseUrl, 'dirk');
    const second = await signIn(t.baseUrl, 'dirk');
    const again = await signIn(t.baseUrl, 'dirk', { client: first });
    const ids = await Promise.all(
      [first, second, again].map(async (client) => (await me(client)).body.account.id),
    );
    expect(new Set(ids).size).toBe(1);
    const rows = await accountRows('demo-dirk');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: ids[0], issuer: DEMO_ACCOUNT_ISSUER, email: 'dirk@globex.test' });
  });

  it('X5: signing in again in the same browser ends the session it had', async () => {
    const dirk = await signIn(t.baseUrl, 'dirk');
    const oldToken = sessionCookie(dirk) as string;
    await signIn(t.baseUrl, 'dirk', { client: dirk });
    expect(sessionCookie(dirk)).not.toBe(oldToken);
    expect((await me(dirk)).status).toBe(200);
    const replay = anonymousClient(t.baseUrl);
    replay.jar.set(new URL(t.baseUrl), SESSION_COOKIE, oldToken);
    expect((await me(replay)).status).toBe(401);
  });

  it('the demo provider keys are kept in a file only the owner can read', async () => {
    const { mode } = await stat(join(t.config.dataDir, DEMO_KEYS_FILE));
    expect(mode & 0o777).toBe(0o600);
  });

  it('section 1: team memberships from the groups claim are replaced at sign-in; an admin-set one stays', async () => {
    const sven = await signIn(t.baseUrl, 'sven');
    const { id } = (await me(sven)).body.account;
    await databaseForTests(t.store)
      .insertInto('team_members')
      .values([
        { team_id: 'go-engineers', account_id: id, source: 'admin', created_at: t.clock() },
        { team_id: 'inside-sales', account_id: id, source: 'claim', created_at: t.clock() },
      ])
      .execute();
    const again = await signIn(t.baseUrl, 'sven');
    expect((await me(again)).body.account.teams).toEqual([
      team('go-engineers', 'GO Engineers'),
      team('service', 'Service'),
    ]);
  });

  it('C2: a clearance an admin set is kept at the next sign-in; an admin is always 3', async () => {
    const ines = await signIn(t.baseUrl, 'ines');
    const ada = await signIn(t.baseUrl, 'ada');
    await databaseForTests(t.store)
      .updateTable('accounts')
      .set({ clearance: 2 })
      .where('subject', '=', 'demo-ines')
      .execute();
    await databaseForTests(t.store)
      .updateTable('accounts')
      .set({ clearance: 1 })
      .where('subject', '=', 'demo-ada')
      .execute();
    expect((await me(ines)).body.account.clearance).toBe(2);
    expect((await me(await signIn(t.baseUrl, 'ines'))).body.account.clearance).toBe(2);
    expect((await me(await signIn(t.baseUrl, 'ada'))).body.account.clearance).toBe(3);
    expect((await me(ada)).body.account.clearance).toBe(3);
  });

  it('X5: the session cookie is HttpOnly, SameSite=Lax, Path=/, and the database keeps only its hash', async () => {
    const { client, callback } = await attemptSignIn(t.baseUrl, 'greta');
    const setCookie = callback.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`));
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Path=\/(;|$)/);
    const token = sessionCookie(client) as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    const stored = await databaseForTests(t.store).selectFrom('sessions').select('id_hash').execute();
    expect(stored.map((row) => row.id_hash)).toContain(tokenHash(token));
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('X5: logout ends the session at the server: the old cookie replayed afterwards gets 401', async () => {
    const carla = await signIn(t.baseUrl, 'carla');
    const token = sessionCookie(carla) as string;
    expect((await me(carla)).status).toBe(200);

    const logout = await carla.api('POST', '/auth/logout');
    expect(logout.status).toBe(204);
    expect(sessionCookie(carla)).toBeUndefined(); // the browser was told to drop it

    const replay = anonymousClient(t.baseUrl);
    replay.jar.set(new URL(t.baseUrl), SESSION_COOKIE, token);
    const replayed = await me(replay);
    expect(replayed.status).toBe(401);
    expect(replayed.body.error.code).toBe('auth.required');
  });

  it('X5: a disabled account loses its session and cannot sign in', async () => {
    const ines = await signIn(t.baseUrl, 'ines');
    await databaseForTests(t.store)
      .updateTable('accounts')
      .set({ status: 'disabled' })
      .where('subject', '=', 'demo-ines')
      .execute();
    try {
      expect((await me(ines)).status).toBe(401);
      const { callback } = await attemptSignIn(t.baseUrl, 'ines');
      expect(callback.status).toBe(403);
      expect((await callback.json()).error.code).toBe('auth.account_disabled');
    } finally {
      await databaseForTests(t.store)
        .updateTable('accounts')
        .set({ status: 'active' })
        .where('subject', '=', 'demo-ines')
        .execute();
    }
  });

  it('returnTo: a same-origin path comes back after sign-in', async () => {
    expect((await signIn(t.baseUrl, 'carla', { returnTo: '/s/xyz' })).landedAt).toBe('/s/xyz');
    expect((await signIn(t.baseUrl, 'carla', { returnTo: '/s/xyz?a=1' })).landedAt).toBe('/s/xyz?a=1');
    expect((await signIn(t.baseUrl, 'carla')).landedAt).toBe('/');
  });

  it.each([
    'https://evil.test/',
    '//evil.test',
    '/\\evil.test',
    '\\/evil.test',
    'javascript:alert(1)',
    '/\t/evil.test',
    'evil.test',
  ])('returnTo: %j falls back to / (no open redirect)', async (returnTo) => {
    expect((await signIn(t.baseUrl, 'dirk', { returnTo })).landedAt).toBe('/');
  });

  it('the callback without a sign-in in progress answers 400 auth.login_failed', async () => {
    const { status, body } = await anonymousClient(t.baseUrl).api('GET', '/auth/callback?code=abc&state=def');
    expect(status).toBe(400);
    expect(body.error.code).toBe('auth.login_failed');
  });

  it('the callback with a wrong state answers 400 auth.login_failed, without echoing the code', async () => {
    const client = anonymousClient(t.baseUrl);
    const started = await client.fetch('/auth/login');
    expect(started.status).toBe(302);
    const code = 'code-canary-4711';
    const { status, body } = await client.api('GET', `/auth/callback?code=${code}&state=not-the-state`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('auth.login_failed');
    expect(JSON.stringify(body)).not.toContain(code);
    expect(await readFile(t.logFile, 'utf8')).not.toContain(code);
  });

  it('a provider error at the callback answers 400 auth.login_failed', async () => {
    const client = anonymousClient(t.baseUrl);
    const started = await client.fetch('/auth/login');
    const state = new URL(started.headers.get('location') as string).searchParams.get('state');
    const { status, body } = await client.api('GET', `/auth/callback?error=access_denied&state=${state}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('auth.login_failed');
  });

  it("login CSRF: a callback carrying another browser's code is refused", async () => {
    const { callbackUrl } = await reachCallback(t.baseUrl, 'ada'); // the attacker's own, unused code
    const victim = anonymousClient(t.baseUrl);
    expect((await victim.fetch('/auth/login')).status).toBe(302); // the victim's own flow
    const { status, body } = await victim.api('GET', `${callbackUrl.pathname}${callbackUrl.search}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('auth.login_failed');
    expect(sessionCookie(victim)).toBeUndefined();
  });

  it('a sign-in flow is single use: its callback replayed is refused', async () => {
    const { client, callback, callbackUrl } = await attemptSignIn(t.baseUrl, 'sven');
    expect(callback.status).toBe(302);
    const replayed = await client.api('GET', `${callbackUrl.pathname}${callbackUrl.search}`);
    expect(replayed.status).toBe(400);
    expect(replayed.body.error.code).toBe('auth.login_failed');
  });

  it('an unknown interaction at /demo-login/<uid> answers 400, for GET and POST', async () => {
    const client = anonymousClient(t.baseUrl);
    const page = await client.api('GET', '/demo-login/no-such-interaction');
    expect(page.status).toBe(400);
    expect(page.body.error.code).toBe('auth.login_failed');
    const post = await client.fetch('/demo-login/no-such-interaction', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'account=ada',
    });
    expect(post.status).toBe(400);
  });

  it('an interaction belongs to the browser that started it', async () => {
    const owner = anonymousClient(t.baseUrl);
    const { url } = await follow(owner, new URL('/auth/login', t.baseUrl));
    expect(url.pathname).toMatch(/^\/demo-login\//);
    const stranger = anonymousClient(t.baseUrl);
    expect((await stranger.api('GET', url.pathname)).status).toBe(400);
  });

  it('the demo account picker is marked as a demo, accessible, and has no inline script or style', async () => {
    const client = anonymousClient(t.baseUrl);
    const { response } = await follow(client, new URL('/auth/login', t.baseUrl));
    const html = await response.text();
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('<main id="main">');
    expect(html).toMatch(/<h1>DEMO sign-in — not for production<\/h1>/);
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    for (const who of ['ada', 'sven', 'greta', 'ines', 'carla', 'dirk', 'uma'] as const) {
      // Each button names whom it signs in as (issue 19: in the visitor's language, English here).
      expect(html).toContain(
        `id="account-${who}" name="account" value="${who}">Sign in as ${DEMO_ACCOUNTS[who].name}</button>`,
      );
    }
  });

  it('S6: /api/me and /api/teams need sign-in', async () => {
    const anonymous = anonymousClient(t.baseUrl);
    for (const path of ['/api/me', '/api/teams']) {
      const { status, body } = await anonymous.api('GET', path);
      expect(status).toBe(401);
      expect(body.error.code).toBe('auth.required');
    }
  });

  it('S2: a signed-in customer sees the teams to choose from', async () => {
    const carla = await signIn(t.baseUrl, 'carla');
    const { status, body } = await carla.api('GET', '/api/teams');
    expect(status).toBe(200);
    expect(body.teams).toEqual([
      team('go-engineers', 'GO Engineers'),
      team('inside-sales', 'Inside Sales'),
      team('service', 'Service'),
    ]);
  });

  it('L2: a German account gets German messages even when the browser asks for English', async () => {
    const english = { 'accept-language': 'en-US,en;q=0.9' };
    const sven = await signIn(t.baseUrl, 'sven');
    const signedIn = await sven.api('GET', '/api/does-not-exist', undefined, english);
    expect(signedIn.status).toBe(404);
    expect(signedIn.body.error.message).toBe(translate('de', 'errors.route.not_found'));
    expect(translate('de', 'errors.route.not_found')).not.toBe(translate('en', 'errors.route.not_found'));
    const anonymous = await anonymousClient(t.baseUrl).api('GET', '/api/does-not-exist', undefined, english);
    expect(anonymous.body.error.message).toBe(translate('en', 'errors.route.not_found'));
  });

  // Moves the clock: keep these last, and sign in afresh.
  describe('sessions expire', () => {
    let greta: SignedInClient;
    beforeAll(async () => {
      greta = await signIn(t.baseUrl, 'greta');
    });

    it('X5: a session ends after SESSION_TTL_SECONDS, judged by the server clock', async () => {
      const ttlMs = t.config.sessionTtlSeconds * 1000;
      t.clock.advance(ttlMs - 1);
      expect((await me(greta)).status).toBe(200);
      t.clock.advance(1);
      const expired = await me(greta);
      expect(expired.status).toBe(401);
      expect(expired.body.error.code).toBe('auth.required');
    });

    it('a sign-in flow expires after 10 minutes: its callback is then refused', async () => {
      const { client, callbackUrl } = await reachCallback(t.baseUrl, 'greta');
      t.clock.advance(10 * 60 * 1000);
      const { status, body } = await client.api('GET', `${callbackUrl.pathname}${callbackUrl.search}`);
      expect(status).toBe(400);
      expect(body.error.code).toBe('auth.login_failed');
    });

    it('deleteExpiredSessions removes expired sessions and sign-in flows, and only those', async () => {
      const fresh = await signIn(t.baseUrl, 'greta');
      await anonymousClient(t.baseUrl).fetch('/auth/login'); // a flow left unfinished
      t.clock.advance(10 * 60 * 1000); // the flow's lifetime
      const removed = await deleteExpiredSessions(t.store, t.clock());
      expect(removed.sessions).toBeGreaterThan(0);
      expect(removed.loginFlows).toBeGreaterThan(0);
      expect(await databaseForTests(t.store).selectFrom('login_flows').selectAll().execute()).toEqual([]);
      const left = await databaseForTests(t.store).selectFrom('sessions').select('expires_at').execute();
      expect(left.length).toBeGreaterThan(0);
      expect(left.every((row) => row.expires_at > t.clock())).toBe(true);
      expect((await me(fresh)).status).toBe(200);
    });
  });
});
