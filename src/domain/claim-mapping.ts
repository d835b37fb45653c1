/**
 * What a sign-in learned about a person, read from the claims of any OpenID Connect provider (SPEC
 * section 1, R4, L2). Providers name and shape claims differently (Keycloak nests roles in
 * `realm_access.roles` and sends group paths, Entra sends GUIDs and `roles` but no `email_verified`,
 * Google has no groups): which claim holds what is the installation's {@link ClaimMapping}, read from the
 * configuration. Pure: the caller has verified the ID token and passes its claims and the userinfo answer.
 *
 * Tolerant in shape (a list claim may be one string or a list), strict in meaning: an e-mail counts only
 * when the provider says it is verified, and a missing verified flag counts as verified only where the
 * installation said so for its issuer.
 *
 * Control characters are never part of an address or any other text field (SPEC section 1). An e-mail
 * claim that holds one is no address at all and counts as missing, so the sign-in is refused: stripping
 * them would turn it into another address, which may be somebody else's. A name is only shown, never
 * compared, so its control characters are stripped instead (a person is not locked out over a name).
 */
import { parseEmail } from '../protocol/email.ts';
import { withoutControlCharacters } from '../protocol/text.ts';
import { LEVELS, type Level } from '../protocol/values.ts';

/** Which claim holds what. A claim name with dots is a path into nested claims (`realm_access.roles`). */
export interface ClaimMapping {
  readonly email: string;
  /** The claim that says the provider verified the e-mail (`email_verified`, Entra's `xms_edov`). */
  readonly emailVerified: string;
  /**
   * Whether an absent verified claim counts as verified, for providers that never send one. An explicit
   * `false` is refused either way.
   */
  readonly emailVerifiedIfAbsent: boolean;
  readonly name: string;
  /** Group memberships; undefined when the provider sends none (Google). */
  readonly groups: string | undefined;
  /** Role values (Entra app roles, Keycloak realm roles); undefined when not used. */
  readonly roles: string | undefined;
  readonly locale: string | undefined;
  /** C2: a clearance level 1-3 set at the provider; undefined when clearance is managed in Safe Share. */
  readonly clearance: string | undefined;
}

/** The claims of OpenID Connect's own names: what the demo provider and most providers send. */
export const STANDARD_CLAIMS: ClaimMapping = Object.freeze({
  email: 'email',
  emailVerified: 'email_verified',
  emailVerifiedIfAbsent: false,
  name: 'name',
  groups: 'groups',
  roles: undefined,
  locale: 'locale',
  clearance: undefined,
});

export interface SignInClaims {
  readonly subject: string;
  /** Normalised (protocol `parseEmail`); undefined when the provider sent none or no address. */
  readonly email: string | undefined;
  readonly emailVerified: boolean;
  /** What the verified claim held, for the log of a refused sign-in: why the e-mail did not count. */
  readonly emailVerifiedClaim: 'true' | 'false' | 'absent' | 'other';
  readonly name: string | undefined;
  readonly locale: string | undefined;
  /** Values of the groups claim as the provider sent them (prefixes are compared by `domain/roles.ts`). */
  readonly groups: readonly string[];
  readonly roles: readonly string[];
  /** C2: the level the clearance claim names, if it is mapped and holds 1, 2 or 3. */
  readonly clearance: Level | undefined;
  /**
   * The provider left the groups out and pointed elsewhere (Entra's "groups overage" above 200 groups,
   * `_claim_names.groups`): team and admin membership from groups is then incomplete.
   */
  readonly groupsOmitted: boolean;
}

/** A set of claims: the ID token's, or the userinfo answer. */
export type Claims = Readonly<Record<string, unknown>>;

/**
 * The value of `name` in the first of `sources` that has one: the claim of that exact name (a claim name
 * may itself hold dots, as namespaced claims such as `https://example.com/roles` do), else the dotted
 * path into nested objects.
 * @example claimValue([{ realm_access: { roles: ['admin'] } }], 'realm_access.roles') // ['admin']
 */
export function claimValue(sources: readonly Claims[], name: string): unknown {
  for (const claims of sources) {
    const value = Object.hasOwn(claims, name) ? claims[name] : pathValue(claims, name.split('.'));
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

function pathValue(claims: Claims, path: readonly string[]): unknown {
  let value: unknown = claims;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const object = value as Claims;
    if (!Object.hasOwn(object, key)) return undefined;
    value = object[key];
  }
  return value;
}

/** A text claim fit to store and show, or undefined when it holds nothing else. */
const text = (value: unknown): string | undefined => {
  const shown = typeof value === 'string' ? withoutControlCharacters(value).trim() : '';
  return shown === '' ? undefined : shown;
};

/** A list claim's string values; one string counts as a list of one. */
const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');

/** Some providers send booleans as strings; nothing but true and "true" counts as true. */
function verifiedFlag(value: unknown): SignInClaims['emailVerifiedClaim'] {
  if (value === undefined) return 'absent';
  if (value === true || value === 'true') return 'true';
  if (value === false || value === 'false') return 'false';
  return 'other';
}

/** A level named by a number or its text ("2"); anything else is no level. */
function levelOf(value: unknown): Level | undefined {
  const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
  const number = typeof single === 'string' && /^[0-9]$/.test(single.trim()) ? Number(single) : single;
  return LEVELS.find((level) => level === number);
}

/**
 * Reads the person from the ID token's claims and the userinfo answer, as `mapping` says. The signed ID
 * token wins where both have a value.
 * @example readSignInClaims({ sub: 's', email: 'Ada@Example.com', email_verified: true }, {}, STANDARD_CLAIMS)
 */
export function readSignInClaims(idToken: Claims, userinfo: Claims, mapping: ClaimMapping): SignInClaims {
  const sources = [idToken, userinfo];
  const claim = (name: string | undefined) => (name === undefined ? undefined : claimValue(sources, name));
  const email = claim(mapping.email);
  const verified = verifiedFlag(claim(mapping.emailVerified));
  const name = text(claim(mapping.name)) ?? text(claim('preferred_username'));
  const claimNames = claim('_claim_names');
  return {
    subject: String(idToken.sub),
    email: typeof email === 'string' ? parseEmail(email) : undefined,
    emailVerified: verified === 'true' || (verified === 'absent' && mapping.emailVerifiedIfAbsent),
    emailVerifiedClaim: verified,
    name,
    locale: text(claim(mapping.locale)),
    groups: list(claim(mapping.groups)),
    roles: list(claim(mapping.roles)),
    clearance: levelOf(claim(mapping.clearance)),
    groupsOmitted:
      mapping.groups !== undefined &&
      typeof claimNames === 'object' &&
      claimNames !== null &&
      Object.hasOwn(claimNames, mapping.groups),
  };
}
