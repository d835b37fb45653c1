/**
 * X5, CSRF beyond SameSite=Lax (issue 14): every state-changing request must come from the app's own
 * origin. For each route that changes something, a request from another site, another port, another
 * host name, `Origin: null`, `Sec-Fetch-Site: same-site` without Origin, or with neither header carries
 * the victim's cookies and is refused with 403 `request.cross_origin`, before its body is read, and
 * changes nothing; the same request with the app's Origin works. On both databases.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGIN_PATH } from '../../src/auth/demo/paths.ts';
import { DEMO_EXCEPTIONS } from '../../src/http/same-origin.ts';
import { translate } from '../../src/protocol/i18n/index.ts';
import { proofFor, sealSecret } from '../../web/crypto/secret-crypto.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { openSecret, shareSecret, toCustomer } from '../support/secrets.ts';
import { anonymousClient, follow, type SignedInClient, signIn, type TestClient } from '../support/sign-in.ts';

type Headers = Record<string, string>;

/** The ways a request can fail to show that it comes from the app, given the app's origin. */
const NOT_FROM_THE_APP: readonly [string, (app: URL) => Headers][] = [
  ['another site', () => ({ origin: 'http://evil.test' })],
  ['another port on the same host', (app) => ({ origin: `http://127.0.0.1:${Number(app.port) + 1}` })],
  ['another host name for the same server', (app) => ({ origin: `http://localhost:${app.port}` })],
  ['https on the same host and port', (app) => ({ origin: `https://${app.host}` })],
  ['Origin: null', () => ({ origin: 'null' })],
  ['Origin: null, Sec-Fetch-Site: same-site', () => ({ origin: 'null', 'sec-fetch-site': 'same-site' })],
  ['no Origin, Sec-Fetch-Site: same-site', () => ({ 'sec-fetch-site': 'same-site' })],
  ['no Origin, Sec-Fetch-Site: cross-site', () => ({ 'sec-fetch-site': 'cross-site' })],
  ['no Origin and no Sec-Fetch-Site', () => ({})],
];

interface Reply {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: replies are asserted field by field.
  readonly body: any;
  readonly location: string | null;
}

describe.each(DIALECTS)('X5 same origin on %s', (dialect) => {
  let t: TestApp;
  let app: URL;
  let sven: SignedInClient;
  let carla: SignedInClient;

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    app = new URL(t.baseUrl);
    [sven, carla] = [await signIn(t.baseUrl, 'sven'), await signIn(t.baseUrl, 'carla')];
  });
  afterAll(() => t?.close());

  /** A request as another page makes it: the browser adds the victim's cookies, the page its headers. */
  async function send(
    client: TestClient,
    method: string,
    path: string,
    headers: Headers,
    body?: { type: string; text: string },
  ): Promise<Reply> {
    const url = new URL(path, t.baseUrl);
    const cookie = client.jar.headerFor(url);
    const response = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(cookie ? { cookie } : {}),
        ...(body ? { 'content-type': body.type } : {}),
        ...headers,
      },
      ...(body ? { body: body.text } : {}),
      redirect: 'manual',
    });
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('application/json') ?? false;
    return {
      status: response.status,
      body: text === '' ? null : isJson ? JSON.parse(text) : text,
      location: response.headers.get('location'),
    };
  }
  const json = (value: unknown) => ({ type: 'application/json', text: JSON.stringify(value) });
  const fromTheApp = (): Headers => ({ origin: t.baseUrl });

  function expectRefused(reply: Reply, label: string): void {
    expect(reply.status, label).toBe(403);
    expect(reply.body?.error?.code, label).toBe('request.cross_origin');
  }

  const sentStatus = async (id: string) =>
    (await sven.api('GET', '/api/secrets')).body.sent.find((s: { id: string }) => s.id === id)?.status;

  it('X5: create from elsewhere is refused and stores nothing; from the app it stores', async () => {
    const before = (await sven.api('GET', '/api/secrets')).body.sent.length;
    const { request } = await sealSecret('csrf-create', toCustomer('carla@acme.test'), {
      senderId: 'test-sender',
    });
    for (const [label, headers] of NOT_FROM_THE_APP) {
      expectRefused(await send(sven, 'POST', '/api/secrets', headers(app), json(request)), label);
    }
    expect((await sven.api('GET', '/api/secrets')).body.sent).toHaveLength(before);
    const created = await send(sven, 'POST', '/api/secrets', fromTheApp(), json(request));
    expect(created.status).toBe(201);
    expect((await sven.api('GET', '/api/secrets')).body.sent).toHaveLength(before + 1);
  });

  it('X5: a browser that sends no Origin but Sec-Fetch-Site: same-origin is from the app', async () => {
    const { request } = await sealSecret('csrf-same-origin', toCustomer('carla@acme.test'), {
      senderId: 'test-sender',
    });
    const created = await send(
      sven,
      'POST',
      '/api/secrets',
      { 'sec-fetch-site': 'same-origin' },
      json(request),
    );
    expect(created.status).toBe(201);
    expect(await sentStatus(created.body.id)).toBe('waiting');
  });

  it('X5: peek from elsewhere is refused; from the app it answers', async () => {
    const shared = await shareSecret(sven, 'csrf-peek', toCustomer('carla@acme.test'));
    const body = json({ proof: await proofFor(shared.linkKey) });
    const path = `/api/secrets/${shared.id}/peek`;
    for (const [label, headers] of NOT_FROM_THE_APP) {
      expectRefused(await send(carla, 'POST', path, headers(app), body), label);
    }
    const peeked = await send(carla, 'POST', path, fromTheApp(), body);
    expect(peeked.status).toBe(200);
    expect(peeked.body.id).toBe(shared.id);
  });

  it('X5, O2: open from elsewhere is refused and burns nothing; from the app it opens', async () => {
    const shared = await shareSecret(sven, 'csrf-open', toCustomer('carla@acme.test'));
    const body = json({ proof: await proofFor(shared.linkKey) });
    for (const [label, headers] of NOT_FROM_THE_APP) {
      expectRefused(await send(carla, 'POST', `/api/secrets/${shared.id}/open`, headers(app), body), label);
    }
    expect(await sentStatus(shared.id)).toBe('waiting');
    expect((await openSecret(carla, shared.id, shared.linkKey)).plaintext).toBe('csrf-open');
  });

  it('X5, O6: revoke from elsewhere is refused and the secret still waits and opens; from the app it revokes', async () => {
    const kept = await shareSecret(sven, 'csrf-revoke', toCustomer('carla@acme.test'));
    for (const [label, headers] of NOT_FROM_THE_APP) {
      // Body-less, as a cross-site form or sendBeacon sends it (issue 14).
      expectRefused(await send(sven, 'POST', `/api/secrets/${kept.id}/revoke`, headers(app)), label);
    }
    expect(await sentStatus(kept.id)).toBe('waiting');
    expect((await openSecret(carla, kept.id, kept.linkKey)).plaintext).toBe('csrf-revoke');

    const revoked = await shareSecret(sven, 'csrf-revoke-2', toCustomer('carla@acme.test'));
    const answer = await send(sven, 'POST', `/api/secrets/${revoked.id}/revoke`, fromTheApp(), json({}));
    expect(answer.status).toBe(200);
    expect(await sentStatus(revoked.id)).toBe('revoked');
  });

  it('X5: logout from elsewhere is refused and the session still works; from the app it ends the session', async () => {
    const victim = await signIn(t.baseUrl, 'dirk');
    for (const [label, headers] of NOT_FROM_THE_APP) {
      expectRefused(await send(victim, 'POST', '/auth/logout', headers(app)), label);
      expect((await victim.api('GET', '/api/me')).status, label).toBe(200);
    }
    expect((await send(victim, 'POST', '/auth/logout', fromTheApp())).status).toBe(204);
    expect((await victim.api('GET', '/api/me')).status).toBe(401);
  });

  it('X5: the refusal comes before the body is read (a malformed or unsupported body is not looked at)', async () => {
    const malformed = { type: 'application/json', text: '{"proof":' };
    expectRefused(await send(sven, 'POST', '/api/secrets', {}, malformed), 'malformed JSON');
    expectRefused(
      await send(sven, 'POST', '/api/secrets', {}, { type: 'text/plain', text: 'x' }),
      'text/plain',
    );
  });

  it.each(['PUT', 'PATCH', 'DELETE'])('X5: %s is checked like POST, on any path', async (method) => {
    const shared = await shareSecret(sven, `csrf-${method}`, toCustomer('carla@acme.test'));
    for (const path of ['/api/secrets', `/api/secrets/${shared.id}`, '/auth/logout', '/no/such/path']) {
      expectRefused(await send(sven, method, path, {}), `${method} ${path}`);
      expectRefused(await send(sven, method, path, { origin: 'http://evil.test' }), `${method} ${path}`);
      expect((await send(sven, method, path, fromTheApp())).status, `${method} ${path}`).toBe(404);
    }
    expect(await sentStatus(shared.id)).toBe('waiting');
  });

  it('X5, L1: the refusal is localised', async () => {
    for (const locale of ['en', 'de', 'nl'] as const) {
      const reply = await send(sven, 'POST', '/auth/logout', { 'accept-language': locale });
      expectRefused(reply, locale);
      expect(reply.body.error.message).toBe(translate(locale, 'errors.request.cross_origin'));
      expect(reply.body.error.message).not.toBe('errors.request.cross_origin');
    }
  });

  it('X3: the refusal is logged with the route pattern, never the path with its id', async () => {
    const shared = await shareSecret(sven, 'csrf-log', toCustomer('carla@acme.test'));
    expectRefused(
      await send(sven, 'POST', `/api/secrets/${shared.id}/revoke`, { origin: 'http://evil.test' }),
      'log',
    );
    const lines = readFileSync(t.logFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('cross-origin request refused'));
    expect(lines.some((line) => line.includes('/api/secrets/:id/revoke'))).toBe(true);
    expect(lines.join('\n')).not.toContain(shared.id);
  });

  describe('the demo provider', () => {
    /** A browser at the demo's account picker, the interaction's cookie set. */
    async function atThePicker(): Promise<{ client: TestClient; picker: string }> {
      const client = anonymousClient(t.baseUrl);
      const { url, response } = await follow(client, new URL('/auth/login', t.baseUrl));
      await response.body?.cancel();
      expect(url.pathname.startsWith(`${DEMO_LOGIN_PATH}/`)).toBe(true);
      return { client, picker: url.pathname };
    }
    const chooseCarla = { type: 'application/x-www-form-urlencoded', text: 'account=carla' };

    it('X5: the account picker refuses a post from elsewhere, and the interaction still completes', async () => {
      const { client, picker } = await atThePicker();
      for (const [label, headers] of NOT_FROM_THE_APP) {
        expectRefused(await send(client, 'POST', picker, headers(app), chooseCarla), label);
      }
      const chosen = await send(client, 'POST', picker, fromTheApp(), chooseCarla);
      expect(chosen.status).toBe(303);
      expect(new URL(chosen.location ?? '', t.baseUrl).pathname).toMatch(/^\/demo-idp\/auth\//);
    });

    it("X5: the picker's own form post, which Chromium sends with Origin: null under no-referrer, is accepted only as same-origin", async () => {
      const { client, picker } = await atThePicker();
      const asChromium = { origin: 'null', 'sec-fetch-site': 'same-origin' };
      const chosen = await send(client, 'POST', picker, asChromium, chooseCarla);
      expect(chosen.status).toBe(303);
      // The same headers anywhere else are refused.
      expectRefused(await send(carla, 'POST', '/auth/logout', asChromium), 'logout');
      expect((await carla.api('GET', '/api/me')).status).toBe(200);
    });

    it('X5: only the token endpoint, called server to server, is exempt; other provider posts are checked', async () => {
      const discovery = await (await fetch(`${t.baseUrl}/demo-idp/.well-known/openid-configuration`)).json();
      expect(new URL(discovery.token_endpoint).pathname).toBe(DEMO_EXCEPTIONS.tokenPath);
      expect(DEMO_EXCEPTIONS.loginRoute).toBe(`${DEMO_LOGIN_PATH}/:uid`);

      const form = {
        type: 'application/x-www-form-urlencoded',
        text: 'grant_type=authorization_code&code=x',
      };
      const token = await send(anonymousClient(t.baseUrl), 'POST', DEMO_EXCEPTIONS.tokenPath, {}, form);
      expect(token.status).not.toBe(403);
      expect(token.body?.error).toEqual(expect.any(String)); // the provider's own answer: no client
      const authorize = await send(anonymousClient(t.baseUrl), 'POST', '/demo-idp/auth', {}, form);
      expectRefused(authorize, 'authorization endpoint');
    });
  });
});
