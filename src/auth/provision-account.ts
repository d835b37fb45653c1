/**
 * Account provisioning at sign-in: the account is found by (issuer, subject), created at the first
 * sign-in, and refreshed from the claims at every one (e-mail, name, language, role, admin, team
 * memberships from the groups claim). The e-mail counts only when the provider verified it.
 *
 * This file only maps claims to an account (with `domain/`'s role rules); storing it, in one
 * transaction, is `store/accounts.ts`'s job.
 */
import { decideRoles, type RolePolicy } from '../domain/roles.ts';
import { AppError } from '../protocol/errors.ts';
import { saveSignedInAccount } from '../store/accounts.ts';
import type { Store } from '../store/connection.ts';
import type { SignInClaims } from './sign-in-claims.ts';

export interface ProvisionRequest {
  /** The issuer the account is keyed by. */
  readonly issuer: string;
  readonly claims: SignInClaims;
  readonly now: number;
}

/**
 * Creates or refreshes the account and returns its id.
 * Throws `auth.email_unverified` (nothing written) and `auth.account_disabled`.
 */
export async function provisionAccount(
  store: Store,
  request: ProvisionRequest,
  policy: RolePolicy,
): Promise<string> {
  const { issuer, claims, now } = request;
  if (!claims.emailVerified || !claims.email) throw new AppError('auth.email_unverified');
  const email = claims.email;
  const saved = await saveSignedInAccount(store, { issuer, subject: claims.subject, now }, (previous) => ({
    ...decideRoles({ email, groups: claims.groups, locale: claims.locale }, previous, policy),
    email,
    name: claims.name ?? email,
  }));
  if (saved.outcome === 'disabled') throw new AppError('auth.account_disabled');
  return saved.accountId;
}
