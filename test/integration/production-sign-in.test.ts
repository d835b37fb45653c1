/**
 * R2, R4 (issue 20), tried as an administrator would: Safe Share started by `bin/start.js` with
 * `NODE_ENV=production`, behind a TLS reverse proxy, against an Entra-ID-shaped provider in a process of
 * its own whose certificate an internal CA signed, configured with the settings docs/identity-providers.md
 * gives for Entra ID and `NODE_EXTRA_CA_CERTS` naming that CA. Sign-in gives each person their role, admin
 * flag, teams and language; a secret is shared, opened once and gone. Without NODE_EXTRA_CA_CERTS the
 * same start cannot sign anyone in, and its log says why.
 */
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type DialectName, type TestDatabase } from '../support/databases.ts';
import { type HttpsProxy, startHttpsProxy } from '../support/identity-providers/https-proxy.ts';
import {
  documentedSettings,
  type ShapeProvider,
  signInThrough,
  startShapeProvider,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
} from '../support/identity-providers/provider.ts';
import { createTestCa, type TestCa } from '../support/identity-providers/test-ca.ts';
import { buildInstallation, type Installation } from '../support/installation.ts';
import {
  freePort,
  type RunningProcess,
  startProcess,
  stopProcess,
  untilReady,
} from '../support/processes.ts';
import { openSecret, shareSecret, toCustomer } from '../support/secrets.ts';
import type { DemoAccountKey, SignedInClient } from '../support/sign-in.ts';

let ca: TestCa;
let entra: ShapeProvider;
let installation: Installation;

beforeAll(async () => {
  ca = createTestCa();
  // The test's browser trusts the CA too: it talks to the proxy and the provider over https.
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), ca.caPem]);
  installation = buildInstallation();
  entra = await startShapeProvider('entra', { tls: ca });
});
afterAll(async () => {
  await entra?.stop();
  installation?.remove();
  ca?.remove();
});

interface Production {
  readonly server: RunningProcess;
  readonly proxy: HttpsProxy;
  readonly database: TestDatabase;
  stop(): Promise<void>;
}

/** Safe Share as production runs it, behind the proxy; `extraCa` passes NODE_EXTRA_CA_CERTS. */
async function startProduction(dialect: DialectName, extraCa: boolean): Promise<Production> {
  const database = await createTestDatabase(dialect);
  const port = await freePort();
  const proxy = await startHttpsProxy({ host: '127.0.0.1', port }, ca);
  const env: Record<string, string> = {
    ...documentedSettings('entra'),
    OIDC_ISSUER: entra.issuer,
    OIDC_CLIENT_ID: TEST_CLIENT_ID,
    OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
    NODE_ENV: 'production',
    PUBLIC_URL: proxy.origin,
    TRUST_PROXY: 'true',
    PORT: String(port),
    DATA_DIR: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...(extraCa ? { NODE_EXTRA_CA_CERTS: ca.caFile } : {}),
  };
  const server = startProcess({ cwd: installation.root, env });
  await untilReady(server);
  await entra.allowRedirect(`${proxy.origin}/auth/callback`);
  return {
    server,
    proxy,
    database,
    stop: async () => {
      await stopProcess(server);
      await proxy.close();
      await database.drop();
    },
  };
}

async function signedIn(origin: string, person: string): Promise<SignedInClient> {
  const { client, callback } = await signInThrough(origin, person);
  expect(callback.status).toBe(302);
  await callback.body?.cancel();
  return { ...client, who: person as DemoAccountKey, landedAt: callback.headers.get('location') ?? '' };
}

// PostgreSQL, as production runs; the shapes run on both databases in identity-providers.test.ts.
describe.each(['postgres'] satisfies DialectName[])('production with an internal CA on %s', (dialect) => {
  let production: Production;
  beforeAll(async () => {
    production = await startProduction(dialect, true);
  });
  afterAll(() => production?.stop());

  it('R2, R4: people sign in over https with the Secure __Host- cookie and get what the claims say', async () => {
    const anna = await signedIn(production.proxy.origin, 'anna');
    expect(anna.jar.get(new URL(production.proxy.origin), '__Host-ss_session')).toMatch(/^[\w-]{43}$/);
    const { body } = await anna.api('GET', '/api/me');
    expect(body.account).toMatchObject({ role: 'staff', isAdmin: true, clearance: 3, locale: 'de' });
    expect(body.account.teams.map((team: { name: string }) => team.name)).toEqual(['Service']);
  });

  it('S1, O1, O2: a secret is shared, opened once by its recipient, and then gone', async () => {
    const sam = await signedIn(production.proxy.origin, 'sam');
    const carl = await signedIn(production.proxy.origin, 'carl');
    const shared = await shareSecret(sam, 'production-canary', toCustomer('carl@customer.example'));
    expect(shared.status).toBe(201);
    expect((await openSecret(carl, shared.id, shared.linkKey)).plaintext).toBe('production-canary');
    expect((await openSecret(carl, shared.id, shared.linkKey)).status).toBe(404);
  });
});

describe('production without NODE_EXTRA_CA_CERTS', () => {
  let production: Production;
  beforeAll(async () => {
    production = await startProduction('sqlite', false);
  });
  afterAll(() => production?.stop());

  it('R4: sign-in is not available, the log says issuer_tls and why, and the instance stays ready', async () => {
    const response = await fetch(`${production.proxy.origin}/auth/login`, {
      redirect: 'manual',
      headers: { 'sec-fetch-mode': 'navigate', accept: 'text/html' },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in-failed?reason=provider_unavailable');
    const line = production.server.lines().find((entry) => entry.msg === 'sign-in failed: issuer_tls');
    expect(line?.signIn).toEqual({
      reason: 'issuer_tls',
      step: 'discovery',
      tlsReason: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
    expect(line?.level).toBe(40);
    expect(production.server.stdout()).not.toContain(TEST_CLIENT_SECRET);
    expect((await fetch(`${production.proxy.origin}/readyz`)).status).toBe(200);
  });
});
