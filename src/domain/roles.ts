/**
 * Who an account is, from the provider's verified claims (SPEC section 1, C2, L2). Pure: the caller
 * verifies the token, normalises the e-mail, and passes the installation's policy and the account as it
 * was before this sign-in.
 */
import { emailDomain } from '../protocol/email.ts';
import { DEFAULT_LOCALE, type Locale, matchLocale } from '../protocol/i18n/index.ts';
import type { Level } from '../protocol/values.ts';
import type { Role } from './accounts.ts';
import { isStaffDomain } from './addresses.ts';
import type { TeamRule } from './teams.ts';

/** C2: the level admins always have. */
export const ADMIN_CLEARANCE: Level = 3;

export interface RolePolicy {
  /** Normalised e-mail domains (protocol `normaliseDomain`) of staff; their subdomains are staff too. */
  readonly staffEmailDomains: readonly string[];
  /** Groups-claim value that makes an account staff, if any. */
  readonly staffGroup?: string | undefined;
  /** Roles-claim value that makes an account staff, if any. */
  readonly staffRole?: string | undefined;
  /** Groups-claim value that makes a staff account admin, if any. */
  readonly adminGroup?: string | undefined;
  /** Roles-claim value that makes a staff account admin, if any. */
  readonly adminRole?: string | undefined;
  /** Normalised bootstrap admin addresses (staff only). */
  readonly adminEmails: readonly string[];
  /** The configured teams; a member of a team's provider group is a member of the team (staff only). */
  readonly teams: readonly TeamRule[];
  /**
   * Stripped from the start of every group value, in the claim and in the configuration alike, before
   * they are compared (Keycloak's `/` of a full group path), so either spelling matches.
   */
  readonly groupPrefix?: string | undefined;
  /** C2: the level a new non-admin account gets, and everyone's when clearance comes from a claim. */
  readonly defaultClearance: Level;
  /** C2: clearance is set at the provider (a clearance claim is mapped), not in Safe Share. */
  readonly clearanceFromClaim?: boolean | undefined;
}

export interface VerifiedClaims {
  /** Verified and normalised (see protocol `parseEmail`). */
  readonly email: string;
  /** Values of the groups claim, exactly as the provider sent them. */
  readonly groups: readonly string[];
  /** Values of the roles claim, exactly as the provider sent them. */
  readonly roles?: readonly string[] | undefined;
  /** The `locale` claim (a BCP 47 tag), if sent. */
  readonly locale?: string | undefined;
  /** C2: the level the provider's clearance claim names, if mapped and valid. */
  readonly clearance?: Level | undefined;
}

/** The account as stored before this sign-in; undefined for a first sign-in. */
export interface PreviousAccount {
  readonly clearance: Level;
  readonly isAdmin: boolean;
}

export interface AccountRoles {
  readonly role: Role;
  readonly isAdmin: boolean;
  readonly clearance: Level;
  /** Teams from the groups claim; always empty for customers (only staff are team members). */
  readonly teamIds: readonly string[];
  readonly locale: Locale;
}

/**
 * A group value as it is compared: without the configured prefix (`/support/service` with prefix `/`
 * is `support/service`).
 * @example groupKey('/safe-share-admins', '/') // 'safe-share-admins'
 */
export function groupKey(value: string, prefix: string | undefined): string {
  return prefix && value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

/**
 * Maps verified claims to role, admin flag, clearance, teams and locale.
 * Staff: the e-mail's domain is a staff domain or a subdomain of one, or the claims hold the staff group
 * or the staff role. Admin: staff with the admin group, the admin role or a bootstrap address. Teams:
 * staff in a team's provider group. Group values are compared without the configured prefix; role and
 * group values are otherwise compared exactly (case matters).
 * Clearance: admins 3 (C2). When the provider sets clearance, the claim's level, or the default when the
 * claim is missing or holds no level (so taking the claim away at the provider lowers it). Otherwise
 * everyone keeps the level an admin gave them, new accounts get the default, and a former admin drops
 * back to the default, because their 3 came from the role, not from an admin's decision.
 * @example decideRoles({ email: 'ada@example.com', groups: ['safe-share-admins'] }, undefined, policy)
 */
export function decideRoles(
  claims: VerifiedClaims,
  previous: PreviousAccount | undefined,
  policy: RolePolicy,
): AccountRoles {
  const prefix = policy.groupPrefix;
  const groups = new Set(claims.groups.map((group) => groupKey(group, prefix)));
  const roles = new Set(claims.roles ?? []);
  const inGroup = (group: string | undefined) => group !== undefined && groups.has(groupKey(group, prefix));
  const hasRole = (role: string | undefined) => role !== undefined && roles.has(role);
  const staff =
    isStaffDomain(emailDomain(claims.email), policy.staffEmailDomains) ||
    inGroup(policy.staffGroup) ||
    hasRole(policy.staffRole);
  const isAdmin =
    staff &&
    (inGroup(policy.adminGroup) || hasRole(policy.adminRole) || policy.adminEmails.includes(claims.email));
  return {
    role: staff ? 'staff' : 'customer',
    isAdmin,
    clearance: clearanceFor(isAdmin, previous, claims.clearance, policy),
    teamIds: staff ? policy.teams.filter((team) => inGroup(team.group)).map((team) => team.id) : [],
    locale: matchLocale(claims.locale) ?? DEFAULT_LOCALE,
  };
}

function clearanceFor(
  isAdmin: boolean,
  previous: PreviousAccount | undefined,
  claimed: Level | undefined,
  policy: RolePolicy,
): Level {
  if (isAdmin) return ADMIN_CLEARANCE;
  if (policy.clearanceFromClaim) return claimed ?? policy.defaultClearance;
  if (!previous || previous.isAdmin) return policy.defaultClearance;
  return previous.clearance;
}
