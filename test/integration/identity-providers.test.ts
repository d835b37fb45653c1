/**
 * R4, section 1, C2, L2 (issue 20): sign-in against a provider process of each shape (Keycloak, Entra ID
 * over https with a test CA, Google, Authentik: `test/support/identity-providers/`), each configured with
 * exactly the Safe Share settings docs/identity-providers.md gives for it, on both databases. Role, admin
 * flag, teams (by their display names), clearance and language come out of each provider's own claims; a
 * change at the provider counts at the next sign-in; a team secret reaches the members the provider's
 * groups make; a team taken out of the configuration is no longer offered.
 */
import { readFile } from 'node:fs/promises';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import {
  documentedSettings,
  type ShapeProvider,
  signInThrough,
  startShapeProvider,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
} from '../support/identity-providers/provider.ts';
import {
  type ClaimSet,
  personOf,
  SHAPE_NAMES,
  SHAPES,
  type ShapeName,
} from '../support/identity-providers/shapes.ts';
import { createTestCa, type TestCa } from '../support/identity-providers/test-ca.ts';
import { openSecret, shareSecret, toCustomer, toTeam } from '../support/secrets.ts';
import {
  anonymousClient,
  type DemoAccountKey,
  follow,
  type SignedInClient,
  type TestClient,
} from '../support/sign-in.ts';

let ca: TestCa;
const providers = {} as Record<ShapeName, ShapeProvider>;

beforeAll(async () => {
  ca = createTestCa();
  // This process is the Safe Share instance here: it trusts the test CA as NODE_EXTRA_CA_CERTS would make
  // it (test/integration/production-sign-in.test.ts starts one with that variable).
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), ca.caPem]);
  await Promise.all(
    SHAPE_NAMES.map(async (name) => {
      providers[name] = await startShapeProvider(name, SHAPES[name].https ? { tls: ca } : {});
    }),
  );
});
afterAll(async () => {
  await Promise.all(Object.values(providers).map((provider) => provider.stop()));
  ca?.remove();
});

/** The configuration the docs give for this provider, with the shape process as its issuer. */
function configFor(provider: ShapeProvider, overrides: Record<string, string> = {}) {
  return loadConfig({
    ...documentedSettings(provider.shape),
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: TEST_CLIENT_ID,
    OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
    ...(provider.issuer.startsWith('http:') ? { OIDC_ALLOW_HTTP: 'true' } : {}),
    ...overrides,
  });
}

/** The app configured as the docs say for this provider; `restart` reuses an earlier app's database. */
async function startAppFor(
  dialect: (typeof DIALECTS)[number],
  provider: ShapeProvider,
  overrides: Record<string, string> = {},
  restart?: TestApp,
): Promise<TestApp> {
  const config = configFor(provider, overrides);
  const t = await startTestApp({ dialect, config, database: restart?.database, clock: restart?.clock });
  await provider.allowRedirect(`${t.baseUrl}/auth/callback`);
  return t;
}

/** A browser signed in as `person` of the shape; throws unless the callback opened a session. */
async function signedIn(t: TestApp, person: string, client?: TestClient): Promise<SignedInClient> {
  const { client: browser, callback } = await signInThrough(t.baseUrl, person, client);
  if (callback.status !== 302) throw new Error(`${person}: ${callback.status} ${await callback.text()}`);
  await callback.body?.cancel();
  return { ...browser, who: person as DemoAccountKey, landedAt: callback.headers.get('location') ?? '' };
}

/** The account as /api/me shows it, with team names only (what people see). */
async function accountOf(client: TestClient) {
  const { status, body } = await client.api('GET', '/api/me');
  expect(status).toBe(200);
  const { role, isAdmin, clearance, locale, teams } = body.account;
  return { role, isAdmin, clearance, locale, teams: teams.map((team: { name: string }) => team.name) };
}

/** Per shape: a change an administrator makes at the provider, and what it makes of the account. */
const CHANGES: Record<
  ShapeName,
  { person: string; change: (claims: ClaimSet) => ClaimSet; expected: object }
> = {
  keycloak: {
    person: 'sam',
    change: (claims) => ({
      ...claims,
      realm_access: { roles: ['default-roles-example', 'safe-share-admin'] },
      groups: ['/engineering/go'],
      safe_share_clearance: '1',
    }),
    expected: { role: 'staff', isAdmin: true, clearance: 3, teams: ['GO Engineers'], locale: 'nl' },
  },
  entra: {
    person: 'sam',
    change: (claims) => ({ ...claims, roles: ['SafeShare.Admin'], groups: [], xms_pl: 'de-de' }),
    expected: { role: 'staff', isAdmin: true, clearance: 3, teams: [], locale: 'de' },
  },
  google: {
    person: 'sam',
    change: (claims) => ({ ...claims, locale: 'de' }),
    expected: { role: 'staff', isAdmin: false, clearance: 1, teams: [], locale: 'de' },
  },
  authentik: {
    person: 'sam',
    change: (claims) => ({ ...claims, groups: ['Support Service'], safe_share_clearance: 3 }),
    expected: { role: 'staff', isAdmin: false, clearance: 3, teams: ['Service'], locale: 'nl' },
  },
};

describe.each(DIALECTS)('identity providers on %s', (dialect) => {
  describe.each(SHAPE_NAMES)('%s', (name) => {
    const shape = SHAPES[name];
    let t: TestApp;
    beforeAll(async () => {
      t = await startAppFor(dialect, providers[name]);
    });
    afterAll(() => t?.close());

    it.each(shape.people.map((person) => [person.key, person] as const))(
      'R4: %s signs in with the role, admin flag, teams, clearance and language the claims give',
      async (key, person) => {
        const { client, callback } = await signInThrough(t.baseUrl, key);
        if ('refused' in person.expected) {
          expect(callback.status).toBe(403);
          expect((await callback.json()).error.code).toBe('auth.email_unverified');
          expect((await client.api('GET', '/api/me')).status).toBe(401);
          return;
        }
        expect(callback.status).toBe(302);
        await callback.body?.cancel();
        expect(await accountOf(client)).toEqual(person.expected);
      },
    );

    it('R4: a change at the provider counts at the next sign-in, and is undone by the next change', async () => {
      const { person: key, change, expected } = CHANGES[name];
      const person = personOf(shape, key);
      const before = await signedIn(t, key);
      expect(await accountOf(before)).toEqual(person.expected);
      const provider = providers[name];
      await provider.setPerson(key, { idToken: change(person.idToken), userinfo: change(person.userinfo) });
      try {
        // The session already open keeps what it had until the next sign-in.
        expect(await accountOf(before)).toEqual(person.expected);
        expect(await accountOf(await signedIn(t, key))).toEqual(expected);
      } finally {
        await provider.setPerson(key, { idToken: person.idToken, userinfo: person.userinfo });
      }
      expect(await accountOf(await signedIn(t, key))).toEqual(person.expected);
    });

    it('S1, S2, O1: sharing works with these accounts (a team secret reaches the team the groups give)', async () => {
      const staff = await signedIn(t, 'sam');
      const customer = await signedIn(t, 'carl');
      const direct = await shareSecret(staff, 'direct-through-provider', toCustomer('carl@customer.example'));
      expect(direct.status).toBe(201);
      expect((await openSecret(customer, direct.id, direct.linkKey)).plaintext).toBe(
        'direct-through-provider',
      );
      const teams = (await customer.api('GET', '/api/teams')).body.teams.map(
        (team: { name: string }) => team.name,
      );
      expect(teams).toEqual(['GO Engineers', 'Inside Sales', 'Service']);
      if (name === 'google') return; // Google sends no groups: no team member comes from it.
      const toService = await shareSecret(customer, 'team-through-provider', toTeam('service'));
      expect(toService.status).toBe(201);
      expect((await openSecret(staff, toService.id, toService.linkKey)).plaintext).toBe(
        'team-through-provider',
      );
    });
  });

  // Once: the provider refuses before any account is read, whatever the database.
  describe.runIf(dialect === 'sqlite')(
    'R4: scopes the provider does not know (the default asks for groups)',
    () => {
      let app: TestApp | undefined;
      afterAll(() => app?.close());

      it('Entra ID sends the browser back with invalid_scope: logged as scope_rejected, the person sees sign-in unavailable', async () => {
        app = await startAppFor(dialect, providers.entra, { OIDC_SCOPES: 'openid email profile groups' });
        const client = anonymousClient(app.baseUrl);
        const back = await follow(client, new URL('/auth/login', app.baseUrl));
        expect(back.url.pathname).toBe('/auth/callback');
        expect(back.response.status).toBe(503);
        expect((await back.response.json()).error.code).toBe('auth.provider_unavailable');
        const log = await readFile(app.logFile, 'utf8');
        const line = log.split('\n').find((text) => text.includes('sign-in failed'));
        expect(JSON.parse(line ?? '{}').signIn).toEqual({
          reason: 'scope_rejected',
          step: 'callback',
          providerError: 'invalid_scope',
          providerErrorNumber: 'AADSTS70011',
        });
        expect(log).toContain('"unlistedScopes":["groups"]');
        await app.close();
        app = undefined;
      });

      it('Google shows its own error page: the log has the warning of the first sign-in', async () => {
        app = await startAppFor(dialect, providers.google, { OIDC_SCOPES: 'openid email profile groups' });
        const { response } = await follow(anonymousClient(app.baseUrl), new URL('/auth/login', app.baseUrl));
        expect(response.status).toBe(400);
        expect(await response.text()).toContain('invalid_scope');
        const warning = (await readFile(app.logFile, 'utf8'))
          .split('\n')
          .find((text) => text.includes('OIDC_SCOPES asks for scopes the provider does not list'));
        expect(JSON.parse(warning ?? '{}')).toMatchObject({ level: 40, unlistedScopes: ['groups'] });
      });
    },
  );

  describe('a team taken out of the configuration', () => {
    let before: TestApp;
    let after: TestApp;
    afterAll(async () => {
      await after?.close();
    });

    it('is no longer offered; its waiting secret stays openable by the member it had', async () => {
      const provider = providers.keycloak;
      before = await startAppFor(dialect, provider);
      const carl = await signedIn(before, 'carl');
      const shared = await shareSecret(carl, 'before-the-team-went', toTeam('inside-sales'));
      expect(shared.status).toBe(201);
      await signedIn(before, 'sam'); // a member of Inside Sales by /sales/inside
      await before.stop();

      // The same database, restarted without Inside Sales.
      const withoutInsideSales = { TEAMS: 'Service=/support/service,GO Engineers=/engineering/go' };
      after = await startAppFor(dialect, provider, withoutInsideSales, before);
      const carlAgain = await signedIn(after, 'carl');
      const teams = (await carlAgain.api('GET', '/api/teams')).body.teams.map(
        (team: { id: string }) => team.id,
      );
      expect(teams).toEqual(['go-engineers', 'service']);
      const refused = await shareSecret(carlAgain, 'after-the-team-went', toTeam('inside-sales'));
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('share.unknown_team');
      // Sam signs in again: the claim membership of the team no longer configured is kept.
      const sam = await signedIn(after, 'sam');
      expect((await openSecret(sam, shared.id, shared.linkKey)).plaintext).toBe('before-the-team-went');
    });
  });
});
