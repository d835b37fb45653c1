/**
 * Section 1, C2, L2, R4: claims of any provider, read as the installation maps them, then turned into an
 * account by the role rules. A table over the claim sets Keycloak, Entra ID, Google and Authentik send
 * (test/support/identity-providers/shapes.ts) with the settings docs/identity-providers.md gives for each,
 * and the demo accounts with the defaults; then the reading rules one by one.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, demoClaims } from '../../../src/auth/demo/accounts.ts';
import { claimMappingFrom, rolePolicyFrom } from '../../../src/auth/index.ts';
import { loadConfig } from '../../../src/config.ts';
import {
  type ClaimMapping,
  claimValue,
  readSignInClaims,
  STANDARD_CLAIMS,
} from '../../../src/domain/claim-mapping.ts';
import { decideRoles } from '../../../src/domain/roles.ts';
import { documentedSettings } from '../../support/identity-providers/provider.ts';
import { type Expected, SHAPES } from '../../support/identity-providers/shapes.ts';

/** What a sign-in with these claims makes of the person, under `env`'s configuration. */
function outcome(
  env: Record<string, string>,
  idToken: Record<string, unknown>,
  userinfo: Record<string, unknown>,
) {
  const config = loadConfig(env);
  const claims = readSignInClaims(idToken, userinfo, claimMappingFrom(config));
  if (!claims.email) return { refused: 'email_missing' };
  if (!claims.emailVerified) return { refused: 'email_unverified' };
  const roles = decideRoles({ ...claims, email: claims.email }, undefined, rolePolicyFrom(config));
  const names = new Map(config.teams.map((team) => [team.id, team.name]));
  return {
    role: roles.role,
    isAdmin: roles.isAdmin,
    clearance: roles.clearance,
    teams: roles.teamIds.map((id) => names.get(id)).sort(),
    locale: roles.locale,
  };
}

const rows = Object.values(SHAPES).flatMap((shape) =>
  shape.people.map((person) => ({
    provider: shape.title,
    person: person.key,
    env: { ...documentedSettings(shape.name), OIDC_CLIENT_SECRET: 'x', OIDC_ALLOW_HTTP: 'true' },
    shapePerson: person,
  })),
);

describe('R4: provider-shaped claim sets with the documented settings', () => {
  it.each(rows)('$provider: $person', ({ env, shapePerson }) => {
    expect(outcome(env, shapePerson.idToken, shapePerson.userinfo)).toEqual(shapePerson.expected);
  });
});

describe('section 1, C2, L2: the demo accounts with the default settings', () => {
  const expected: Record<keyof typeof DEMO_ACCOUNTS, Expected> = {
    ada: { role: 'staff', isAdmin: true, clearance: 3, teams: [], locale: 'en' },
    sven: { role: 'staff', isAdmin: false, clearance: 1, teams: ['Service'], locale: 'de' },
    greta: { role: 'staff', isAdmin: false, clearance: 1, teams: ['GO Engineers'], locale: 'nl' },
    ines: { role: 'staff', isAdmin: false, clearance: 1, teams: ['Inside Sales'], locale: 'en' },
    carla: { role: 'customer', isAdmin: false, clearance: 1, teams: [], locale: 'de' },
    dirk: { role: 'customer', isAdmin: false, clearance: 1, teams: [], locale: 'nl' },
    uma: { refused: 'email_unverified' },
  };
  it.each(Object.entries(DEMO_ACCOUNTS))('%s', (key, account) => {
    const claims = demoClaims(account);
    expect(outcome({}, claims, claims)).toEqual(expected[key as keyof typeof DEMO_ACCOUNTS]);
  });
});

describe('readSignInClaims', () => {
  const mapping = (overrides: Partial<ClaimMapping> = {}): ClaimMapping => ({
    ...STANDARD_CLAIMS,
    ...overrides,
  });

  it('normalises the e-mail and reads name, locale, groups and roles', () => {
    expect(
      readSignInClaims(
        {
          sub: 's1',
          email: ' Sven.Service@Example.COM ',
          email_verified: true,
          name: 'Sven',
          locale: 'de',
          groups: ['Service', 7, 'GO Engineers'],
          roles: 'SafeShare.Admin',
        },
        {},
        mapping({ roles: 'roles' }),
      ),
    ).toEqual({
      subject: 's1',
      email: 'sven.service@example.com',
      emailVerified: true,
      emailVerifiedClaim: 'true',
      name: 'Sven',
      locale: 'de',
      groups: ['Service', 'GO Engineers'],
      roles: ['SafeShare.Admin'],
      clearance: undefined,
      groupsOmitted: false,
    });
  });

  it.each([
    [undefined, false, false],
    [false, false, false],
    ['false', false, false],
    ['yes', false, false],
    [1, false, false],
    [true, false, true],
    ['true', false, true],
    // OIDC_EMAIL_VERIFIED_IF_ABSENT: only an absent claim counts; an explicit false never does.
    [undefined, true, true],
    [false, true, false],
    ['false', true, false],
    ['yes', true, false],
  ])('section 1: email_verified %j (missing counts: %s) counts as %s', (value, ifAbsent, verified) => {
    const idToken =
      value === undefined
        ? { sub: 's', email: 'a@b.test' }
        : { sub: 's', email: 'a@b.test', email_verified: value };
    expect(readSignInClaims(idToken, {}, mapping({ emailVerifiedIfAbsent: ifAbsent })).emailVerified).toBe(
      verified,
    );
  });

  it('section 1: the verified flag is read from the configured claim (Entra ID: xms_edov)', () => {
    const xmsEdov = mapping({ emailVerified: 'xms_edov' });
    const token = { sub: 's', email: 'a@b.test', email_verified: true };
    expect(readSignInClaims(token, {}, xmsEdov)).toMatchObject({
      emailVerified: false,
      emailVerifiedClaim: 'absent',
    });
    expect(readSignInClaims({ ...token, xms_edov: true }, {}, xmsEdov).emailVerified).toBe(true);
  });

  it('takes from userinfo what the ID token lacks; the ID token wins where both have it', () => {
    const claims = readSignInClaims(
      { sub: 's', email: 'token@b.test', email_verified: true },
      { sub: 's', email: 'userinfo@b.test', locale: 'nl', groups: 'Service' },
      mapping(),
    );
    expect(claims).toMatchObject({ email: 'token@b.test', locale: 'nl', groups: ['Service'] });
  });

  it('R4: a dotted claim name is a path into nested claims (Keycloak realm_access.roles)', () => {
    const claims = readSignInClaims(
      {
        sub: 's',
        realm_access: { roles: ['offline_access', 'safe-share-admin'] },
        resource_access: { 'safe-share': { roles: ['x'] } },
      },
      {},
      mapping({ roles: 'realm_access.roles', groups: 'resource_access.safe-share.roles' }),
    );
    expect(claims.roles).toEqual(['offline_access', 'safe-share-admin']);
    expect(claims.groups).toEqual(['x']);
  });

  it('R4: a claim whose own name holds dots is read by that name first', () => {
    expect(
      claimValue(
        [{ 'https://example.org/roles': ['a'], https: { '//example': 1 } }],
        'https://example.org/roles',
      ),
    ).toEqual(['a']);
    expect(claimValue([{ extn: { clearance: 2 }, 'extn.clearance': 3 }], 'extn.clearance')).toBe(3);
  });

  it.each([
    ['a path through a list', { a: [{ b: 'x' }] }, 'a.0.b'],
    ['a path through text', { a: 'text' }, 'a.length'],
    ['an inherited property', {}, 'constructor.name'],
  ])('a path never reads %s', (_what, claims, name) => {
    expect(claimValue([claims], name)).toBeUndefined();
  });

  it.each([
    [2, 2],
    ['3', 3],
    [' 1 ', 1],
    [['2'], 2],
    [0, undefined],
    [4, undefined],
    ['2.0', undefined],
    ['high', undefined],
    [[2, 3], undefined],
    [true, undefined],
  ])('C2: a clearance claim %j is level %j', (value, level) => {
    expect(readSignInClaims({ sub: 's', c: value }, {}, mapping({ clearance: 'c' })).clearance).toBe(level);
  });

  it('R4: an Entra groups overage (groups left out, _claim_names.groups) is noticed', () => {
    const overage = {
      sub: 's',
      _claim_names: { groups: 'src1' },
      _claim_sources: { src1: { endpoint: 'https://graph.test' } },
    };
    expect(readSignInClaims(overage, {}, mapping()).groupsOmitted).toBe(true);
    expect(readSignInClaims({ sub: 's', groups: [] }, {}, mapping()).groupsOmitted).toBe(false);
  });
});

describe('SPEC section 1: control characters are never part of an address or any other text field', () => {
  const read = (claims: Record<string, unknown>) => readSignInClaims(claims, {}, STANDARD_CLAIMS);

  it.each([
    ['NUL', 'ada\u0000@example.com'],
    ['a trailing line feed', 'ada@example.com\n'],
    ['a line separator', 'ada@exa\u2028mple.com'],
    ['a right-to-left override', 'ada@\u202emoc.elpmaxe'],
    ['a zero-width space', 'ada\u200b@example.com'],
    ['a C1 control', 'ada\u0085@example.com'],
  ])('an e-mail claim with %s is no address: the account has no e-mail (sign-in refused)', (_what, email) => {
    expect(read({ sub: 's', email, email_verified: true }).email).toBeUndefined();
  });

  it.each([
    ['Ada\u0000Admin', 'Ada Admin'],
    ['Ada\nAdmin', 'Ada Admin'],
    ['\u202eAda Admin', 'Ada Admin'],
    ['Ada\u2028Admin\u0085', 'Ada Admin'],
  ])('a name claim %j is stored without its control characters: %j', (name, stored) => {
    expect(read({ sub: 's', name }).name).toBe(stored);
  });

  it('a name of control characters only counts as missing: preferred_username is used', () => {
    expect(read({ sub: 's', name: '\u0000\u202e\n', preferred_username: 'ada' }).name).toBe('ada');
  });
});

describe('SPEC section 1: the e-mail claim is normalised like every other address (issue 14)', () => {
  const read = (email: string) =>
    readSignInClaims({ sub: 's', email, email_verified: true }, {}, STANDARD_CLAIMS);

  it.each([
    ['a trailing dot', 'Ada.Admin@Example.COM.', 'ada.admin@example.com'],
    ['an IDN domain', 'x@Bücher.de', 'x@xn--bcher-kva.de'],
    ['a Cyrillic look-alike keeps its own ASCII form', 'ada@\u0435xample.com', 'ada@xn--xample-2of.com'],
    ['no plus or dot stripping', 'A.Da+x@example.com', 'a.da+x@example.com'],
  ])('%s: %j -> %j', (_rule, email, normal) => {
    expect(read(email).email).toBe(normal);
  });

  it.each(['not-an-address', 'ada@example', 'ada@127.0.0.1', 'ada@xn--a.com'])(
    '%j is no address: the account has no e-mail (sign-in refused)',
    (email) => {
      expect(read(email).email).toBeUndefined();
    },
  );
});
