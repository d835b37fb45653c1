/** The admin area's door, which every admin use case opens first (`domain/admin.ts` decides). */
import type { Account } from '../domain/accounts.ts';
import { decideAdminAccess } from '../domain/admin.ts';
import { AppError } from '../protocol/errors.ts';

/** Throws `admin.required` (403) for anyone but an active admin. */
export function requireAdmin(account: Account): void {
  const decision = decideAdminAccess(account);
  if (!decision.allowed) throw new AppError(decision.code);
}
