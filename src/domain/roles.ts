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

/** C2: the level admins always have. */
export const ADMIN_CLEARANCE: Level = 3;

export interface RolePolicy {
  /** Normalised e-mail domains (protocol `normaliseDomain`) of staff; their subdomains are staff too. */
  readonly staffEmailDomains: readonly string[];
  /** Groups-claim value that makes an account staff, if any. */
  readonly staffGroup?: string | undefined;
  /** Groups-claim value that makes a staff account admin. */
  readonly adminGroup: string;
  /** Normalised bootstrap admin addresses (staff only). */
  readonly adminEmails: readonly string[];
  /** The configured teams; a groups-claim value equal to a name makes a staff account a member. */
  readonly teams: readonly { readonly id: string; readonly name: string }[];
  /** C2: the level a new non-admin account gets. */
  readonly defaultClearance: Level;
}

export interface VerifiedClaims {
  /** Verified and normalised (see protocol `parseEmail`). */
  readonly email: string;
  /** Values of the groups claim, exactly as the provider sent them. */
  readonly groups: readonly string[];
  /** The `locale` claim (a BCP 47 tag), if sent. */
  readonly locale?: string | undefined;
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
 * Maps verified claims to role, admin flag, clearance, teams and locale.
 * Staff: the e-mail's domain is a staff domain or a subdomain of one, or the groups claim holds the
 * staff group. Admin: staff with the admin group or a bootstrap address. Clearance: admins 3 (C2);
 * everyone else keeps the level an admin gave them, new accounts get the default, and a former admin
 * drops back to the default, because their 3 came from the role, not from an admin's decision.
 * @example decideRoles({ email: 'ada@example.com', groups: ['safe-share-admins'] }, undefined, policy)
 */
export function decideRoles(
  claims: VerifiedClaims,
  previous: PreviousAccount | undefined,
  policy: RolePolicy,
): AccountRoles {
  const groups = new Set(claims.groups);
  const staff =
    isStaffDomain(emailDomain(claims.email), policy.staffEmailDomains) ||
    (policy.staffGroup !== undefined && groups.has(policy.staffGroup));
  const isAdmin = staff && (groups.has(policy.adminGroup) || policy.adminEmails.includes(claims.email));
  return {
    role: staff ? 'staff' : 'customer',
    isAdmin,
    clearance: clearanceFor(isAdmin, previous, policy.defaultClearance),
    teamIds: staff ? policy.teams.filter((team) => groups.has(team.name)).map((team) => team.id) : [],
    locale: matchLocale(claims.locale) ?? DEFAULT_LOCALE,
  };
}

function clearanceFor(isAdmin: boolean, previous: PreviousAccount | undefined, defaultLevel: Level): Level {
  if (isAdmin) return ADMIN_CLEARANCE;
  if (!previous || previous.isAdmin) return defaultLevel;
  return previous.clearance;
}
