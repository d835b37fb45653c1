/**
 * Guest invitations (S4, S5, C3, O6): who may create one, when one may be used, who may revoke it, and
 * who may read what a submission needs before it is opened. Pure: the caller reads the stored facts and
 * the clock. Every denial carries a reason for the audit log (DESIGN "Access decisions"); the store
 * repeats the state conditions in the statements that change anything, as a second line.
 */
import type { ErrorCode } from '../protocol/errors.ts';
import type { InvitationStatus } from '../protocol/invitations.ts';
import { type Level, MIN_EXPIRY_SECONDS } from '../protocol/values.ts';
import type { Account } from './accounts.ts';
import { decideLevel, effectiveClassification, type LevelSettings } from './levels.ts';
import { sameBytes } from './opening.ts';

export interface InvitationPolicy {
  readonly expiryDefaultSeconds: number;
  readonly expiryMaxSeconds: number;
  /** C1: with levels off every invitation is level 1. */
  readonly levels: LevelSettings;
}

export interface InvitationRequest {
  readonly creator: Account;
  readonly classification?: Level | undefined;
  readonly expiresInSeconds?: number | undefined;
  readonly now: number;
}

export type CreateInvitationDecision =
  | { readonly allowed: true; readonly classification: Level; readonly expiresAt: number }
  | { readonly allowed: false; readonly code: ErrorCode };

/**
 * S4: only an active staff account invites a guest; C3: the classification defaults to the lowest level
 * and is never above the creator's clearance; S5: every invitation expires, by default after the
 * installation's preset, at most after its maximum.
 * @example decideCreateInvitation({ creator: sven, now: clock() }, policy)
 */
export function decideCreateInvitation(
  request: InvitationRequest,
  policy: InvitationPolicy,
): CreateInvitationDecision {
  const { creator } = request;
  const deny = (code: ErrorCode): CreateInvitationDecision => ({ allowed: false, code });
  if (!creator.active) return deny('auth.account_disabled');
  if (creator.role !== 'staff') return deny('invitation.staff_only');
  if (!policy.levels.levelsEnabled && (request.classification ?? 1) !== 1) return deny('share.levels_off');
  const classification = effectiveClassification(request.classification, policy.levels);
  if (!decideLevel({ action: 'classify', person: creator, classification }, policy.levels).allowed)
    return deny('share.classification_above_clearance');
  const seconds = request.expiresInSeconds ?? policy.expiryDefaultSeconds;
  if (seconds < MIN_EXPIRY_SECONDS || seconds > policy.expiryMaxSeconds)
    return deny('share.expiry_out_of_range');
  return { allowed: true, classification, expiresAt: request.now + seconds * 1000 };
}

/** S5: an invitation past its expiry counts as expired, whatever its stored status still says. */
export function invitationStatus(stored: InvitationStatus, expiresAt: number, now: number): InvitationStatus {
  return stored === 'waiting' && expiresAt <= now ? 'expired' : stored;
}

/** What the use decision reads of a stored invitation; never the submission. */
export interface InvitationState {
  readonly status: InvitationStatus;
  readonly expiresAt: number;
  /** SHA-256 of the invitation secret (X2). */
  readonly secretHash: Uint8Array;
}

/**
 * Why an invitation cannot be used. Recorded in the audit log; the guest gets the same
 * `invitation.gone` for each (S5), so ids and secrets cannot be probed.
 */
export type InvitationRefusal = 'unknown' | 'wrong_secret' | 'used' | 'revoked' | 'expired';

export type InvitationUseDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: InvitationRefusal };

/**
 * S5, X2: the hash of the presented invitation secret must equal the stored one (compared in constant
 * time), then the invitation must be waiting and not expired at `now`. The secret comes first, so a
 * wrong one learns nothing about the invitation, not even whether it was used. Used both for the guest
 * page (which uses nothing up) and for the submission, whose one statement checks it all again.
 * @example decideInvitationUse(stored, sha256(secret), clock())
 */
export function decideInvitationUse(
  invitation: InvitationState | undefined,
  presentedHash: Uint8Array,
  now: number,
): InvitationUseDecision {
  const refuse = (reason: InvitationRefusal): InvitationUseDecision => ({ allowed: false, reason });
  if (!invitation) return refuse('unknown');
  if (!sameBytes(invitation.secretHash, presentedHash)) return refuse('wrong_secret');
  const status = invitationStatus(invitation.status, invitation.expiresAt, now);
  if (status !== 'waiting') return refuse(status);
  return { allowed: true };
}

/** What the revoke decision reads of a stored invitation. */
export interface RevocableInvitation {
  readonly inviterId: string;
  readonly status: InvitationStatus;
  readonly expiresAt: number;
}

export type InvitationRevokeDenial =
  | 'unknown'
  | 'account_disabled'
  | 'not_inviter'
  | 'used'
  | 'revoked'
  | 'expired';

export type InvitationRevokeDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: InvitationRevokeDenial };

/**
 * O6: only the staff member who created an invitation revokes it, and only while it waits. Anyone else
 * learns nothing about the id (the same `invitation.gone` as for an unknown one).
 */
export function decideInvitationRevoke(
  account: Account,
  invitation: RevocableInvitation | undefined,
  now: number,
): InvitationRevokeDecision {
  const deny = (reason: InvitationRevokeDenial): InvitationRevokeDecision => ({ allowed: false, reason });
  if (!invitation) return deny('unknown');
  if (!account.active) return deny('account_disabled');
  if (invitation.inviterId !== account.id) return deny('not_inviter');
  const status = invitationStatus(invitation.status, invitation.expiresAt, now);
  if (status !== 'waiting') return deny(status);
  return { allowed: true };
}

/** What the submission-key decision reads: the submission's recipient and state. */
export interface SubmissionState {
  readonly recipientId: string | null;
  /** Whether the content is still stored (waiting, not opened, revoked or swept). */
  readonly waiting: boolean;
  readonly expiresAt: number;
}

export type SubmissionKeyDenial =
  | 'unknown'
  | 'account_disabled'
  | 'not_recipient'
  | 'not_waiting'
  | 'expired';

export type SubmissionKeyDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: SubmissionKeyDenial };

/**
 * S4, O1: the facts a browser needs before it can prove possession of a submission (the HPKE `enc` and
 * where the invitation was made) go to the inviting staff member only, while the submission waits.
 * Nobody else learns anything: an unknown id, someone else's submission and a gone one answer alike.
 * Opening then takes the same proof, relationship and level checks as every secret (`decideOpen`).
 */
export function decideSubmissionKey(
  account: Account,
  submission: SubmissionState | undefined,
  now: number,
): SubmissionKeyDecision {
  const deny = (reason: SubmissionKeyDenial): SubmissionKeyDecision => ({ allowed: false, reason });
  if (!submission) return deny('unknown');
  if (!account.active) return deny('account_disabled');
  if (submission.recipientId === null || submission.recipientId !== account.id || account.role !== 'staff')
    return deny('not_recipient');
  if (!submission.waiting) return deny('not_waiting');
  if (submission.expiresAt <= now) return deny('expired');
  return { allowed: true };
}
