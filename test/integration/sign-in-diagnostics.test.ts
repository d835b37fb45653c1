/**
 * R4 (issue 20): a sign-in that fails says why in the log, at warn, with a reason code and its cause, and
 * never a code, state, token or secret; the person gets a page that says sign-in is not available right
 * now (a navigation) or 503 `auth.provider_unavailable` (the API), never the provider's words; the metric
 * counts the reason; `/readyz` stays ready, since signed-in people do not need the provider.
 *
 * Each failure is made for real: a closed port, a name that does not resolve, a certificate this process
 * does not trust, a wrong issuer, a wrong client secret, an unregistered redirect URI, a provider clock
 * two hours behind, an ID token whose signature is broken.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import type { DialectName } from '../support/databases.ts';
import {
  documentedSettings,
  reachCallbackThrough,
  type ShapeProvider,
  startShapeProvider,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
} from '../support/identity-providers/provider.ts';
import type { ShapeName } from '../support/identity-providers/shapes.ts';
import { createTestCa, type TestCa } from '../support/identity-providers/test-ca.ts';
import { freePort } from '../support/processes.ts';
import { anonymousClient } from '../support/sign-in.ts';

const NAVIGATION = { 'sec-fetch-mode': 'navigate', accept: 'text/html,application/xhtml+xml' };
const UNAVAILABLE_PAGE = '/sign-in-failed?reason=provider_unavailable';

let ca: TestCa;
const providers = {} as Record<'keycloak' | 'authentik' | 'entra', ShapeProvider>;

beforeAll(async () => {
  ca = createTestCa();
  // Entra's shape over https with the test CA, which this process does NOT trust.
  const started = await Promise.all([
    startShapeProvider('keycloak'),
    startShapeProvider('authentik'),
    startShapeProvider('entra', { tls: ca }),
  ]);
  [providers.keycloak, providers.authentik, providers.entra] = started;
});
afterAll(async () => {
  await Promise.all(Object.values(providers).map((provider) => provider.stop()));
  ca?.remove();
});

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly signIn?: Record<string, unknown>;
}

async function logLines(t: TestApp): Promise<LogLine[]> {
  return (await readFile(t.logFile, 'utf8'))
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** The one warning of the failed sign-in. */
async function failureLine(t: TestApp): Promise<Record<string, unknown>> {
  const failures = (await logLines(t)).filter((line) => line.msg.startsWith('sign-in failed'));
  expect(failures).toHaveLength(1);
  const [line] = failures as [LogLine];
  expect(line.level).toBe(40); // warn
  expect(line.msg).toBe(`sign-in failed: ${line.signIn?.reason}`);
  return line.signIn ?? {};
}

async function metricOf(t: TestApp, outcome: string, reason: string): Promise<number> {
  const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
  const series = `safe_share_sign_ins_total{outcome="${outcome}",reason="${reason}"} `;
  const line = text.split('\n').find((candidate) => candidate.startsWith(series));
  return line === undefined ? 0 : Number(line.slice(series.length));
}

// On SQLite only: every failure here happens before the database is asked anything, and the provider
// shapes run on both databases in identity-providers.test.ts.
describe.each(['sqlite'] satisfies DialectName[])('sign-in failures on %s', (dialect: DialectName) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** An app whose provider is `shape`'s, configured as the docs say, with `overrides`. */
  async function appFor(shape: ShapeName, overrides: Record<string, string> = {}, register = true) {
    const provider = providers[shape as keyof typeof providers];
    const config = loadConfig({
      ...documentedSettings(shape),
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: TEST_CLIENT_ID,
      OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
      OIDC_ALLOW_HTTP: 'true',
      ...overrides,
    });
    t = await startTestApp({ dialect, config });
    if (register) await provider.allowRedirect(`${t.baseUrl}/auth/callback`);
    return t;
  }

  /** An app on an issuer nothing answers for as a provider. */
  async function appOn(issuer: string) {
    t = await startTestApp({
      dialect,
      config: loadConfig({
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
        OIDC_ALLOW_HTTP: 'true',
      }),
    });
    return t;
  }

  /**
   * A start that fails: the API answer (503), the navigation's page, the log line (returned), the
   * metric, and readiness unchanged.
   */
  async function startFails(app: TestApp, reason: string): Promise<Record<string, unknown>> {
    const api = await anonymousClient(app.baseUrl).api('GET', '/auth/login');
    expect(api.status).toBe(503);
    expect(api.body.error.code).toBe('auth.provider_unavailable');
    const cause = await failureLine(app);
    expect(cause.reason).toBe(reason);
    const page = await anonymousClient(app.baseUrl).fetch('/auth/login', { headers: NAVIGATION });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(UNAVAILABLE_PAGE);
    expect(await metricOf(app, 'failed', reason)).toBe(2);
    expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200);
    return cause;
  }

  it('R4: the issuer refuses connections: issuer_unreachable, ECONNREFUSED; /readyz stays ready', async () => {
    const app = await appOn(`http://127.0.0.1:${await freePort()}/realms/example`);
    expect(await startFails(app, 'issuer_unreachable')).toEqual({
      reason: 'issuer_unreachable',
      step: 'discovery',
      errno: 'ECONNREFUSED',
    });
  });

  it("R4: the issuer's name does not resolve: issuer_dns", async () => {
    const app = await appOn('https://safe-share-idp.invalid/realms/example');
    const cause = await startFails(app, 'issuer_dns');
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(cause.errno);
  });

  it('R4: a certificate from a CA this instance does not trust: issuer_tls with the reason', async () => {
    const app = await appFor('entra');
    expect(await startFails(app, 'issuer_tls')).toEqual({
      reason: 'issuer_tls',
      step: 'discovery',
      tlsReason: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });

  it('R4: https to a port that speaks http: issuer_tls', async () => {
    const app = await appOn(providers.keycloak.issuer.replace('http:', 'https:'));
    const cause = await startFails(app, 'issuer_tls');
    expect(cause.tlsReason).toMatch(/^ERR_SSL_|^EPROTO$/);
  });

  it("R4: discovery that names another issuer (Authentik's issuer without its trailing slash): discovery_failed", async () => {
    const app = await appFor('authentik', { OIDC_ISSUER: providers.authentik.issuer.replace(/\/$/, '') });
    expect(await startFails(app, 'discovery_failed')).toEqual({
      reason: 'discovery_failed',
      step: 'discovery',
      check: 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
    });
  });

  it('R4: no discovery document (a mistyped realm): discovery_failed with the status', async () => {
    const app = await appFor('keycloak', { OIDC_ISSUER: `${providers.keycloak.issuer}-typo` });
    expect(await startFails(app, 'discovery_failed')).toMatchObject({ step: 'discovery', httpStatus: 404 });
  });

  it('R4: a wrong client secret, told at the pushed request (Keycloak): client_rejected, invalid_client', async () => {
    const secret = 'wrong-secret-canary-0815';
    const app = await appFor('keycloak', { OIDC_CLIENT_SECRET: secret });
    expect(await startFails(app, 'client_rejected')).toMatchObject({
      reason: 'client_rejected',
      step: 'authorization',
      httpStatus: 401,
    });
    expect(await readFile(app.logFile, 'utf8')).not.toContain(secret);
  });

  it('R4: a redirect URI the provider has not registered, told at the pushed request: redirect_uri_rejected', async () => {
    const app = await appFor('keycloak', {}, false);
    expect(await startFails(app, 'redirect_uri_rejected')).toMatchObject({
      step: 'authorization',
      providerError: 'invalid_request',
    });
  });

  /**
   * A sign-in that reaches the callback and fails there: the API answer, the navigation's page, the log
   * line (returned) without the code or state of the callback, and the metric.
   */
  async function callbackFails(app: TestApp, reason: string): Promise<Record<string, unknown>> {
    const { client, callbackUrl } = await reachCallbackThrough(app.baseUrl, 'sam');
    const answer = await client.fetch(callbackUrl.href, { headers: NAVIGATION });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(UNAVAILABLE_PAGE);
    expect(answer.headers.getSetCookie().join()).not.toMatch(/ss_session=[^;]/);
    const cause = await failureLine(app);
    expect(cause.reason).toBe(reason);
    const log = await readFile(app.logFile, 'utf8');
    for (const value of [callbackUrl.searchParams.get('code'), callbackUrl.searchParams.get('state')]) {
      expect(value).toBeTruthy();
      expect(log).not.toContain(value);
    }
    expect(await metricOf(app, 'failed', reason)).toBe(1);
    const again = await reachCallbackThrough(app.baseUrl, 'sam');
    const api = await again.client.api('GET', `${again.callbackUrl.pathname}${again.callbackUrl.search}`);
    expect(api.status).toBe(503);
    expect(api.body.error.code).toBe('auth.provider_unavailable');
    expect(JSON.stringify(api.body)).not.toMatch(/invalid_client|signature|iat|AADSTS/);
    return cause;
  }

  it('R4: a wrong client secret, told at the token request (Authentik): client_rejected', async () => {
    const app = await appFor('authentik', { OIDC_CLIENT_SECRET: 'wrong-secret-canary-4711' });
    expect(await callbackFails(app, 'client_rejected')).toMatchObject({ step: 'token', httpStatus: 401 });
    expect(await readFile(app.logFile, 'utf8')).not.toContain('wrong-secret-canary-4711');
  });

  describe('a provider that misbehaves', () => {
    afterEach(async () => {
      await providers.authentik.setMode({ tamperIdToken: false, clockOffsetSeconds: 0 });
    });

    it("R4: the provider's clock two hours behind: clock_skew", async () => {
      await providers.authentik.setMode({ clockOffsetSeconds: -2 * 3600 });
      const app = await appFor('authentik');
      expect(await callbackFails(app, 'clock_skew')).toEqual({
        reason: 'clock_skew',
        step: 'token',
        check: 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
      });
    });

    it('R4: an ID token whose signature does not verify: id_token_invalid', async () => {
      await providers.authentik.setMode({ tamperIdToken: true });
      const app = await appFor('authentik');
      expect(await callbackFails(app, 'id_token_invalid')).toEqual({
        reason: 'id_token_invalid',
        step: 'token',
        check: 'OAUTH_INVALID_RESPONSE',
      });
    });
  });

  it('R4: a provider that was down is used as soon as it is back, without a restart', async () => {
    const port = await freePort();
    const app = await appOn(`http://127.0.0.1:${port}/realms/example`);
    await startFails(app, 'issuer_unreachable');
    const keycloak = await startShapeProvider('keycloak', { port });
    try {
      await keycloak.allowRedirect(`${app.baseUrl}/auth/callback`);
      const { client, callbackUrl } = await reachCallbackThrough(app.baseUrl, 'carl');
      const callback = await client.fetch(callbackUrl.href);
      expect(callback.status).toBe(302);
      expect((await client.api('GET', '/api/me')).body.account.role).toBe('customer');
    } finally {
      await keycloak.stop();
    }
  });
});
