/**
 * Who may revoke a secret (O6): only its sender, only while it is waiting and not expired. Pure; the
 * store repeats the same conditions in the statement that revokes, so a revoke that loses a race to an
 * open (or to expiry) changes nothing.
 */
import type { SecretStatus } from '../protocol/secrets.ts';
import type { Account } from './accounts.ts';

/** What the decision reads of a stored secret. */
export interface RevocableSecret {
  readonly senderId: string;
  readonly status: SecretStatus;
  readonly expiresAt: number;
}

/**
 * Recorded in the audit log. The client gets the same `secret.gone` for each: someone who is not the
 * sender learns nothing about the id, not even that it exists.
 */
export type RevokeDenial = 'unknown' | 'account_disabled' | 'not_sender' | 'not_waiting' | 'expired';

export type RevokeDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: RevokeDenial };

/**
 * O6: `account` may revoke `secret` at `now` only as its sender, before it is opened, revoked or expired.
 * @example decideRevoke(sven, { senderId: sven.id, status: 'waiting', expiresAt }, clock())
 */
export function decideRevoke(
  account: Account,
  secret: RevocableSecret | undefined,
  now: number,
): RevokeDecision {
  const deny = (reason: RevokeDenial): RevokeDecision => ({ allowed: false, reason });
  if (!secret) return deny('unknown');
  if (!account.active) return deny('account_disabled');
  // Not the sender: checked before the state, so a stranger's refusal says nothing about it.
  if (secret.senderId !== account.id) return deny('not_sender');
  if (secret.status !== 'waiting') return deny('not_waiting');
  if (secret.expiresAt <= now) return deny('expired');
  return { allowed: true };
}
