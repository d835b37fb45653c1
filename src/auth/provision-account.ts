/**
 * Account provisioning at sign-in: the account is found by (issuer, subject), created at the first
 * sign-in, and refreshed from the claims at every one (e-mail, name, language, role, admin, team
 * memberships from the groups claim). The e-mail counts only when the provider verified it.
 */
import { decideRoles, type RolePolicy } from '../domain/roles.ts';
import { AppError } from '../protocol/errors.ts';
import type { Level } from '../protocol/secrets.ts';
import { findAccountBySubject, insertAccount, updateAccount } from '../store/accounts.ts';
import type { Store } from '../store/connection.ts';
import { newId } from '../store/ids.ts';
import { removeAllMemberships, replaceClaimMemberships } from '../store/teams.ts';
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
  return store.db.transaction().execute(async (trx) => {
    // Twice at most: a concurrent first sign-in of the same subject may insert the row between our
    // look-up and our insert; then we update the row it made.
    for (let attempt = 0; attempt < 2; attempt++) {
      const previous = await findAccountBySubject(trx, issuer, claims.subject);
      if (previous?.status === 'disabled') throw new AppError('auth.account_disabled');
      const roles = decideRoles(
        { email, groups: claims.groups, locale: claims.locale },
        previous && { clearance: previous.clearance as Level, isAdmin: previous.is_admin === 1 },
        policy,
      );
      const fields = { ...roles, email, name: claims.name ?? email };
      let id = previous?.id;
      if (id) {
        await updateAccount(trx, id, fields, now);
      } else {
        id = newId();
        if (!(await insertAccount(trx, { ...fields, id, issuer, subject: claims.subject, now }))) continue;
      }
      // Only staff are team members: a customer keeps no membership, not even one an admin set.
      if (roles.role === 'staff') await replaceClaimMemberships(trx, id, roles.teamIds, now);
      else await removeAllMemberships(trx, id);
      return id;
    }
    throw new Error('account provisioning raced twice');
  });
}
