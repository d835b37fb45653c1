/**
 * Four identity providers as Safe Share meets them (R4): the claims Keycloak, Microsoft Entra ID, Google
 * and Authentik put in the ID token and the userinfo answer, set up as docs/identity-providers.md tells
 * the administrator, with people of every kind and what Safe Share must make of each.
 *
 * `provider-process.ts` issues exactly these claims from an oidc-provider of its own per shape; the unit
 * table (`test/unit/domain/claim-mapping.test.ts`) maps the same claim sets without a network.
 */

export type ShapeName = 'keycloak' | 'entra' | 'google' | 'authentik';
export const SHAPE_NAMES: readonly ShapeName[] = ['keycloak', 'entra', 'google', 'authentik'];

export type ClaimSet = Record<string, unknown>;

/** What Safe Share must make of a person: an account as `/api/me` shows it, or a refusal. */
export type Expected =
  | {
      readonly role: 'staff' | 'customer';
      readonly isAdmin: boolean;
      readonly clearance: 1 | 2 | 3;
      /** Team display names, sorted as `/api/me` lists them. */
      readonly teams: readonly string[];
      readonly locale: 'en' | 'de' | 'nl';
    }
  | { readonly refused: 'email_unverified' | 'email_missing' };

export interface ShapePerson {
  readonly key: string;
  /** The ID token's claims beyond the protocol's own (iss, aud, exp, iat, nonce ...); with `sub`. */
  readonly idToken: ClaimSet;
  /** The userinfo answer, with `sub`. */
  readonly userinfo: ClaimSet;
  readonly expected: Expected;
}

export interface ProviderShape {
  readonly name: ShapeName;
  /** The heading of its section in docs/identity-providers.md. */
  readonly title: string;
  /** The issuer's path on the shape's origin, as the real provider's issuer has one. */
  readonly issuerPath: string;
  readonly https: boolean;
  /** Offers pushed authorization requests (RFC 9126), as Keycloak does. */
  readonly pushedAuthorization: boolean;
  /** `scopes_supported` of its discovery document. */
  readonly scopes: readonly string[];
  /**
   * What it does with a scope it does not know: Keycloak and Authentik ignore it, Entra ID sends the
   * browser back with `invalid_scope`, Google shows its own error page.
   */
  readonly unknownScope: 'ignore' | 'redirect-error' | 'error-page';
  readonly people: readonly ShapePerson[];
}

const without = (claims: ClaimSet, ...names: string[]): ClaimSet =>
  Object.fromEntries(Object.entries(claims).filter(([name]) => !names.includes(name)));

// ---------------------------------------------------------------------------------------------------
// Keycloak: full group paths from the "Group Membership" mapper, realm roles nested in realm_access
// (the "realm roles" mapper with "Add to ID token" on), a user attribute mapper for the clearance
// (strings, as Keycloak's attributes are), email_verified always sent.

const KEYCLOAK_DEFAULT_ROLES = ['default-roles-example', 'offline_access', 'uma_authorization'];

function keycloakPerson(
  key: string,
  fields: {
    sub: string;
    email: string;
    verified?: boolean;
    given: string;
    family: string;
    locale?: string;
    groups: string[];
    roles?: string[];
    clearance?: string;
  },
  expected: Expected,
): ShapePerson {
  const idToken: ClaimSet = {
    sub: fields.sub,
    typ: 'ID',
    email_verified: fields.verified ?? true,
    name: `${fields.given} ${fields.family}`,
    preferred_username: key,
    given_name: fields.given,
    family_name: fields.family,
    email: fields.email,
    ...(fields.locale ? { locale: fields.locale } : {}),
    groups: fields.groups,
    realm_access: { roles: [...KEYCLOAK_DEFAULT_ROLES, ...(fields.roles ?? [])] },
    ...(fields.clearance ? { safe_share_clearance: fields.clearance } : {}),
  };
  // The realm roles mapper adds to the ID token, not to userinfo; the other mappers add to both.
  return { key, idToken, userinfo: without(idToken, 'typ', 'realm_access'), expected };
}

export const KEYCLOAK: ProviderShape = {
  name: 'keycloak',
  title: 'Keycloak',
  issuerPath: '/realms/example',
  https: false,
  pushedAuthorization: true,
  scopes: [
    'openid',
    'acr',
    'address',
    'basic',
    'email',
    'microprofile-jwt',
    'offline_access',
    'organization',
    'phone',
    'profile',
    'roles',
    'web-origins',
  ],
  unknownScope: 'ignore',
  people: [
    keycloakPerson(
      'anna',
      {
        sub: '348473dc-e30e-4073-82f1-436a2390a3cd',
        email: 'anna.admin@example.org',
        given: 'Anna',
        family: 'Admin',
        locale: 'de',
        groups: ['/support/service'],
        roles: ['safe-share-admin'],
        clearance: '1',
      },
      { role: 'staff', isAdmin: true, clearance: 3, teams: ['Service'], locale: 'de' },
    ),
    keycloakPerson(
      'sam',
      {
        sub: 'b9c63eb4-b93e-406d-89fa-aff2ef95a8b3',
        email: 'sam.service@example.org',
        given: 'Sam',
        family: 'Service',
        locale: 'nl',
        groups: ['/support/service', '/sales/inside'],
        clearance: '2',
      },
      { role: 'staff', isAdmin: false, clearance: 2, teams: ['Inside Sales', 'Service'], locale: 'nl' },
    ),
    keycloakPerson(
      'gus',
      {
        sub: '85fdd265-a572-43db-8655-3f3a76d26971',
        email: 'Gus.Engineer@Example.ORG',
        given: 'Gus',
        family: 'Engineer',
        groups: ['/engineering/go', '/engineering'],
      },
      { role: 'staff', isAdmin: false, clearance: 1, teams: ['GO Engineers'], locale: 'en' },
    ),
    keycloakPerson(
      'carl',
      {
        sub: '1c9a816f-a4aa-431f-8793-cfbbcee7dc31',
        email: 'carl@customer.example',
        given: 'Carl',
        family: 'Customer',
        locale: 'en',
        // A customer in a staff team's group is still no team member: only staff are.
        groups: ['/support/service'],
        clearance: '2',
      },
      { role: 'customer', isAdmin: false, clearance: 2, teams: [], locale: 'en' },
    ),
    keycloakPerson(
      'vic',
      {
        sub: 'f6e5a15d-0625-4472-ae2e-fdfa60c64394',
        email: 'vic@customer.example',
        verified: false,
        given: 'Vic',
        family: 'Unverified',
        groups: [],
      },
      { refused: 'email_unverified' },
    ),
  ],
};

// ---------------------------------------------------------------------------------------------------
// Microsoft Entra ID (v2.0 tokens): groups as object ids (GUIDs), app roles in `roles`, no
// email_verified at all; the optional claims email, xms_edov (the e-mail's domain is verified by the
// tenant) and xms_pl (the user's preferred language) added under "Token configuration".

export const ENTRA_TENANT = '0b6f2d4e-7a31-4c8e-9d52-3e1f8a6b9c07';
export const ENTRA_GROUPS = Object.freeze({
  service: '6f1c9a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  goEngineers: 'a2b3c4d5-e6f7-4890-a1b2-c3d4e5f6a7b8',
  insideSales: 'c0ffee00-1234-4abc-8def-0123456789ab',
  unrelated: '11111111-2222-4333-8444-555555555555',
});

function entraPerson(
  key: string,
  fields: {
    oid: string;
    sub: string;
    email?: string;
    edov?: boolean;
    name: string;
    upn: string;
    language?: string;
    groups?: string[];
    roles?: string[];
  },
  expected: Expected,
): ShapePerson {
  const idToken: ClaimSet = {
    sub: fields.sub,
    ver: '2.0',
    tid: ENTRA_TENANT,
    oid: fields.oid,
    name: fields.name,
    preferred_username: fields.upn,
    ...(fields.email ? { email: fields.email } : {}),
    ...(fields.edov === undefined ? {} : { xms_edov: fields.edov }),
    ...(fields.language ? { xms_pl: fields.language } : {}),
    ...(fields.groups ? { groups: fields.groups } : {}),
    ...(fields.roles ? { roles: fields.roles } : {}),
    uti: `${key}-uti`,
  };
  // Graph's OIDC userinfo: the profile basics only, never groups, roles or the optional claims.
  const [given, ...family] = fields.name.split(' ');
  const userinfo: ClaimSet = {
    sub: fields.sub,
    name: fields.name,
    given_name: given,
    family_name: family.join(' '),
    ...(fields.email ? { email: fields.email } : {}),
  };
  return { key, idToken, userinfo, expected };
}

export const ENTRA: ProviderShape = {
  name: 'entra',
  title: 'Microsoft Entra ID',
  issuerPath: `/${ENTRA_TENANT}/v2.0`,
  https: true,
  pushedAuthorization: false,
  scopes: ['openid', 'profile', 'email', 'offline_access'],
  unknownScope: 'redirect-error',
  people: [
    entraPerson(
      'anna',
      {
        oid: '5b7e3c1a-0d2f-4e6b-9a8c-7d1e2f3a4b5c',
        sub: 'AAAAAAAAAAAAAAAAAAAAAAnnaAdminPairwiseSub01',
        email: 'anna.admin@example.org',
        edov: true,
        name: 'Anna Admin',
        upn: 'anna.admin@example.org',
        language: 'de-de',
        groups: [ENTRA_GROUPS.service],
        roles: ['SafeShare.Admin'],
      },
      { role: 'staff', isAdmin: true, clearance: 3, teams: ['Service'], locale: 'de' },
    ),
    entraPerson(
      'sam',
      {
        oid: '7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
        sub: 'AAAAAAAAAAAAAAAAAAAAASamServicePairwiseSub02',
        email: 'sam.service@example.org',
        edov: true,
        name: 'Sam Service',
        upn: 'sam.service@example.org',
        language: 'nl-nl',
        groups: [ENTRA_GROUPS.service, ENTRA_GROUPS.insideSales, ENTRA_GROUPS.unrelated],
      },
      { role: 'staff', isAdmin: false, clearance: 1, teams: ['Inside Sales', 'Service'], locale: 'nl' },
    ),
    entraPerson(
      'eli',
      {
        oid: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
        sub: 'AAAAAAAAAAAAAAAAAAAAAEliPartnerPairwiseSub03',
        email: 'eli@partner.example',
        edov: true,
        name: 'Eli Partner',
        upn: 'eli@partner.example',
        groups: [ENTRA_GROUPS.goEngineers],
        // Staff by app role, though the address is not in a staff domain.
        roles: ['SafeShare.Staff'],
      },
      { role: 'staff', isAdmin: false, clearance: 1, teams: ['GO Engineers'], locale: 'en' },
    ),
    entraPerson(
      'carl',
      {
        oid: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
        sub: 'AAAAAAAAAAAAAAAAAAAAACarlGuestPairwiseSub04',
        email: 'carl@customer.example',
        edov: true,
        name: 'Carl Customer',
        upn: 'carl_customer.example#EXT#@example.onmicrosoft.com',
        language: 'en-gb',
      },
      { role: 'customer', isAdmin: false, clearance: 1, teams: [], locale: 'en' },
    ),
    entraPerson(
      'vic',
      {
        oid: '3e4f5a6b-7c8d-4e9f-8a0b-2c3d4e5f6a7b',
        sub: 'AAAAAAAAAAAAAAAAAAAAAVicUnverifiedPairSub05',
        email: 'vic@customer.example',
        edov: false,
        name: 'Vic Unverified',
        upn: 'vic_customer.example#EXT#@example.onmicrosoft.com',
      },
      { refused: 'email_unverified' },
    ),
    entraPerson(
      'nora',
      {
        oid: '4f5a6b7c-8d9e-4f0a-9b1c-3d4e5f6a7b8c',
        sub: 'AAAAAAAAAAAAAAAAAAAAANoraNoMailPairwiseSub06',
        name: 'Nora Nomail',
        upn: 'nora@example.org',
      },
      { refused: 'email_missing' },
    ),
  ],
};

// ---------------------------------------------------------------------------------------------------
// Google (Workspace): openid email profile only, no groups and no custom claims; `hd` names the
// Workspace domain.

function googlePerson(
  key: string,
  fields: {
    sub: string;
    email: string;
    verified?: boolean;
    given: string;
    family: string;
    hd?: string;
    locale?: string;
  },
  expected: Expected,
): ShapePerson {
  const profile: ClaimSet = {
    name: `${fields.given} ${fields.family}`,
    picture: `https://lh3.googleusercontent.test/a/${fields.sub}`,
    given_name: fields.given,
    family_name: fields.family,
  };
  const idToken: ClaimSet = {
    sub: fields.sub,
    ...(fields.hd ? { hd: fields.hd } : {}),
    email: fields.email,
    email_verified: fields.verified ?? true,
    ...profile,
    ...(fields.locale ? { locale: fields.locale } : {}),
  };
  return { key, idToken, userinfo: { ...idToken }, expected };
}

export const GOOGLE: ProviderShape = {
  name: 'google',
  title: 'Google Workspace',
  issuerPath: '',
  https: false,
  pushedAuthorization: false,
  scopes: ['openid', 'email', 'profile'],
  unknownScope: 'error-page',
  people: [
    googlePerson(
      'anna',
      {
        sub: '108210346752118376501',
        email: 'anna.admin@example.org',
        given: 'Anna',
        family: 'Admin',
        hd: 'example.org',
        locale: 'de',
      },
      { role: 'staff', isAdmin: true, clearance: 3, teams: [], locale: 'de' },
    ),
    googlePerson(
      'sam',
      {
        sub: '108210346752118376502',
        email: 'sam.service@example.org',
        given: 'Sam',
        family: 'Service',
        hd: 'example.org',
        locale: 'nl',
      },
      { role: 'staff', isAdmin: false, clearance: 1, teams: [], locale: 'nl' },
    ),
    googlePerson(
      'carl',
      { sub: '108210346752118376503', email: 'carl@customer.example', given: 'Carl', family: 'Customer' },
      { role: 'customer', isAdmin: false, clearance: 1, teams: [], locale: 'en' },
    ),
    googlePerson(
      'vic',
      {
        sub: '108210346752118376504',
        email: 'vic@customer.example',
        verified: false,
        given: 'Vic',
        family: 'Unverified',
      },
      { refused: 'email_unverified' },
    ),
  ],
};

// ---------------------------------------------------------------------------------------------------
// Authentik: group names in the profile scope, a sub that is a hash of the user id, email_verified
// False by default (here replaced by the custom email mapping docs/identity-providers.md describes,
// except for vic, whose address was never checked), locale and clearance from a custom profile mapping
// (numbers stay numbers: the mapping is Python).

function authentikPerson(
  key: string,
  fields: {
    sub: string;
    email: string;
    verified?: boolean;
    name: string;
    locale?: string;
    groups: string[];
    clearance?: number;
  },
  expected: Expected,
): ShapePerson {
  const idToken: ClaimSet = {
    sub: fields.sub,
    email: fields.email,
    email_verified: fields.verified ?? true,
    name: fields.name,
    given_name: fields.name,
    preferred_username: key,
    nickname: key,
    groups: fields.groups,
    ...(fields.locale ? { locale: fields.locale } : {}),
    ...(fields.clearance === undefined ? {} : { safe_share_clearance: fields.clearance }),
  };
  return { key, idToken, userinfo: { ...idToken }, expected };
}

export const AUTHENTIK: ProviderShape = {
  name: 'authentik',
  title: 'Authentik',
  issuerPath: '/application/o/safe-share/',
  https: false,
  pushedAuthorization: false,
  scopes: ['openid', 'email', 'profile', 'offline_access'],
  unknownScope: 'ignore',
  people: [
    authentikPerson(
      'anna',
      {
        sub: '55579b557896d0ce1764c47fed644f9b35f58bad620674af23f356d80ed0c503',
        email: 'anna.admin@example.org',
        name: 'Anna Admin',
        locale: 'de',
        groups: ['authentik Admins', 'Safe Share Admins', 'Support Service'],
      },
      { role: 'staff', isAdmin: true, clearance: 3, teams: ['Service'], locale: 'de' },
    ),
    authentikPerson(
      'sam',
      {
        sub: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
        email: 'sam.service@example.org',
        name: 'Sam Service',
        locale: 'nl',
        groups: ['Support Service', 'Sales Inside'],
        clearance: 2,
      },
      { role: 'staff', isAdmin: false, clearance: 2, teams: ['Inside Sales', 'Service'], locale: 'nl' },
    ),
    authentikPerson(
      'gus',
      {
        sub: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
        email: 'gus.engineer@example.org',
        name: 'Gus Engineer',
        groups: ['GO Engineers'],
        clearance: 3,
      },
      { role: 'staff', isAdmin: false, clearance: 3, teams: ['GO Engineers'], locale: 'en' },
    ),
    authentikPerson(
      'carl',
      {
        sub: 'c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2',
        email: 'carl@customer.example',
        name: 'Carl Customer',
        locale: 'en',
        groups: [],
      },
      { role: 'customer', isAdmin: false, clearance: 1, teams: [], locale: 'en' },
    ),
    authentikPerson(
      'vic',
      {
        sub: 'e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4',
        email: 'vic@customer.example',
        verified: false,
        name: 'Vic Unverified',
        groups: [],
      },
      { refused: 'email_unverified' },
    ),
  ],
};

export const SHAPES: Readonly<Record<ShapeName, ProviderShape>> = Object.freeze({
  keycloak: KEYCLOAK,
  entra: ENTRA,
  google: GOOGLE,
  authentik: AUTHENTIK,
});

/** One person of a shape, by key. */
export function personOf(shape: ProviderShape, key: string): ShapePerson {
  const person = shape.people.find((candidate) => candidate.key === key);
  if (!person) throw new Error(`${shape.name} has no person ${key}`);
  return person;
}

/** Every claim name a shape's people carry (the provider must be told to release each). */
export function claimNamesOf(shape: ProviderShape): string[] {
  const names = new Set<string>();
  for (const person of shape.people) {
    for (const name of Object.keys(person.idToken)) names.add(name);
    for (const name of Object.keys(person.userinfo)) names.add(name);
  }
  return [...names];
}
