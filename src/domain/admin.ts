/**
 * Who may use the admin area (settings, member management, the whole audit log): an active admin, and
 * nobody else. The server decides; the web app only hides what a non-admin would be refused.
 */
import type { ErrorCode } from '../protocol/errors.ts';
import type { Account } from './accounts.ts';

export type AdminDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly code: Extract<ErrorCode, 'admin.required' | 'auth.account_disabled'>;
    };

/**
 * @example decideAdminAccess(sven) // { allowed: false, code: 'admin.required' }
 */
export function decideAdminAccess(account: Account): AdminDecision {
  if (!account.active) return { allowed: false, code: 'auth.account_disabled' };
  if (!account.isAdmin) return { allowed: false, code: 'admin.required' };
  return { allowed: true };
}
