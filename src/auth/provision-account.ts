/**
 * Account provisioning at sign-in: the account is found by (issuer, subject), created at the first
 * sign-in, and refreshed from the claims at every one (e-mail, name, language, role, admin, clearance,
 * team memberships from the groups claim). The e-mail counts only when the provider verified it.
 *
 * This file only maps claims to an account (with `domain/`'s role rules); storing it, in one
 * transaction, is `store/accounts.ts`'s job.
 */
import type { SignInClaims } from '../domain/claim-mapping.ts';
import { decideRoles, type RolePolicy } from '../domain/roles.ts';
import { saveSignedInAccount } from '../store/accounts.ts';
import type { Store } from '../store/connection.ts';

export interface ProvisionRequest {
  /** The issuer the account is keyed by. */
  readonly issuer: string;
  readonly claims: SignInClaims;
  readonly now: number;
}

export type ProvisionOutcome =
  | { readonly ok: true; readonly accountId: string }
  | { readonly ok: false; readonly reason: 'email_missing' | 'email_unverified' | 'account_disabled' };

/**
 * Creates or refreshes the account. Refused, with nothing written: no usable e-mail claim, an e-mail the
 * provider has not verified, a disabled account.
 */
export async function provisionAccount(
  store: Store,
  request: ProvisionRequest,
  policy: RolePolicy,
): Promise<ProvisionOutcome> {
  const { issuer, claims, now } = request;
  if (!claims.email) return { ok: false, reason: 'email_missing' };
  if (!claims.emailVerified) return { ok: false, reason: 'email_unverified' };
  const email = claims.email;
  const configuredTeamIds = policy.teams.map((team) => team.id);
  const saved = await saveSignedInAccount(store, { issuer, subject: claims.subject, now }, (previous) => ({
    ...decideRoles(
      {
        email,
        groups: claims.groups,
        roles: claims.roles,
        locale: claims.locale,
        clearance: claims.clearance,
      },
      previous,
      policy,
    ),
    email,
    name: claims.name ?? email,
    configuredTeamIds,
  }));
  if (saved.outcome === 'disabled') return { ok: false, reason: 'account_disabled' };
  return { ok: true, accountId: saved.accountId };
}
