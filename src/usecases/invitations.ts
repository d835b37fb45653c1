/**
 * The invitations use cases (S4, S5, X2, O6), one function per operation of the invitations API. Each
 * reads as its steps: ask `domain/`, call `store/`, record the audit event and the metric. Changes
 * (created, used, revoked) are audited by the store in the same statement or transaction as the change;
 * refusals are recorded here. Ids are audited hashed; no secret, key or submission reaches an audit row,
 * a metric or an error (X3).
 *
 * Opening a submission is `openSecret` of `usecases/secrets.ts`: the same proof, relationship and level
 * checks as every secret (O1, O2, C4).
 */
import type { Account } from '../domain/accounts.ts';
import type { Clock } from '../domain/clock.ts';
import {
  decideCreateInvitation,
  decideInvitationRevoke,
  decideInvitationUse,
  decideSubmissionKey,
  type InvitationPolicy,
} from '../domain/invitations.ts';
import { AppError } from '../protocol/errors.ts';
import type {
  CreateInvitationRequest,
  CreateInvitationResponse,
  InvitationListResponse,
  PeekInvitationResponse,
  SubmissionKeyResponse,
  SubmitInvitationRequest,
  SubmitInvitationResponse,
} from '../protocol/invitations.ts';
import { recordRefusal } from '../store/audit.ts';
import type { Store } from '../store/connection.ts';
import { newId, sha256 } from '../store/ids.ts';
import {
  findInvitation,
  findSubmission,
  insertInvitation,
  listInvitationsOf,
  redeemInvitation,
  revokeInvitationOfInviter,
} from '../store/invitations/index.ts';
import type { SettingsSource } from './settings.ts';

/** What the use cases count; `http/` backs it with its Prometheus counter. */
export interface InvitationMetrics {
  count(action: 'create' | 'use' | 'revoke', outcome: 'ok' | 'refused'): void;
}

export interface InvitationDeps {
  readonly store: Store;
  readonly clock: Clock;
  /**
   * The run-time settings (admin settings): S5 the invitations' own expiry preset and maximum, C1 levels,
   * O3 how long a submission waits for its recipient, like any secret (the secrets' preset).
   */
  readonly settings: SettingsSource;
  readonly metrics: InvitationMetrics;
}

async function invitationPolicy(deps: InvitationDeps): Promise<InvitationPolicy> {
  const settings = await deps.settings.current();
  return {
    expiryDefaultSeconds: settings.invitationExpiryDefaultSeconds,
    expiryMaxSeconds: settings.invitationExpiryMaxSeconds,
    levels: settings,
  };
}

const bytes = (base64url: string) => Buffer.from(base64url, 'base64url');
const base64url = (value: Uint8Array) => Buffer.from(value).toString('base64url');

/** Records a refusal (X6) and counts it; the caller then throws the code the client gets. */
async function refuse(
  deps: InvitationDeps,
  event: {
    actorId: string | null;
    targetId?: string;
    /** The inviter of a known invitation (C5: they see the refusals of it). */
    ownerId?: string | undefined;
    reason: string;
    action: 'create' | 'use' | 'revoke';
  },
): Promise<void> {
  await recordRefusal(deps.store, {
    action: 'invitation.refused',
    actorId: event.actorId,
    targetId: event.targetId,
    ownerId: event.ownerId,
    reason: event.reason,
    at: deps.clock(),
  });
  deps.metrics.count(event.action, 'refused');
}

/** S4, C3, S5, X2: a staff member invites a guest; the server keeps the public key and a hash of the secret. */
export async function createInvitation(
  deps: InvitationDeps,
  creator: Account,
  request: CreateInvitationRequest,
): Promise<CreateInvitationResponse> {
  const now = deps.clock();
  const decision = decideCreateInvitation(
    {
      creator,
      classification: request.classification,
      expiresInSeconds: request.expiresInSeconds,
      now,
    },
    await invitationPolicy(deps),
  );
  if (!decision.allowed) {
    await refuse(deps, { actorId: creator.id, reason: decision.code, action: 'create' });
    throw new AppError(decision.code);
  }
  const id = newId();
  await insertInvitation(deps.store, {
    id,
    inviterId: creator.id,
    label: request.label,
    publicKey: bytes(request.publicKey),
    secretHash: bytes(request.secretHash),
    browser: request.browser,
    classification: decision.classification,
    createdAt: now,
    expiresAt: decision.expiresAt,
  });
  deps.metrics.count('create', 'ok');
  return { id, expiresAt: decision.expiresAt, classification: decision.classification };
}

/**
 * The secret and state check that peek and submit share (S5, X2): unknown, wrong secret, used, revoked
 * and expired all answer `invitation.gone`, so neither ids nor secrets can be probed.
 */
async function admitGuest(deps: InvitationDeps, actorId: string | null, id: string, secret: string) {
  const now = deps.clock();
  const secretHash = sha256(bytes(secret));
  const invitation = await findInvitation(deps.store, id);
  const decision = decideInvitationUse(invitation, secretHash, now);
  if (!invitation || !decision.allowed) {
    await refuse(deps, {
      actorId,
      targetId: id,
      ownerId: invitation?.inviterId,
      reason: decision.allowed ? 'unknown' : decision.reason,
      action: 'use',
    });
    throw new AppError('invitation.gone');
  }
  return { invitation, secretHash, now };
}

/**
 * The guest page (S6: no account): who invited them, for what, and the public key to seal to, which the
 * guest's browser compares with the one in its link. Uses nothing up (a link preview changes nothing).
 */
export async function peekInvitation(
  deps: InvitationDeps,
  actorId: string | null,
  id: string,
  secret: string,
): Promise<PeekInvitationResponse> {
  const { invitation } = await admitGuest(deps, actorId, id, secret);
  return {
    id: invitation.id,
    label: invitation.label,
    inviter: invitation.inviter,
    inviterId: invitation.inviterId,
    publicKey: base64url(invitation.publicKey),
    classification: invitation.classification,
    expiresAt: invitation.expiresAt,
  };
}

/**
 * S4, S5: the guest's one submission, stored as a secret for the inviting staff member. The store's one
 * statement repeats the secret and state check, so of any number of concurrent submissions one wins.
 */
export async function submitToInvitation(
  deps: InvitationDeps,
  actorId: string | null,
  id: string,
  request: SubmitInvitationRequest,
): Promise<SubmitInvitationResponse> {
  const { invitation, secretHash, now } = await admitGuest(deps, actorId, id, request.secret);
  const used = await redeemInvitation(deps.store, {
    invitationId: id,
    secretHash,
    secretId: newId(),
    enc: bytes(request.enc),
    ciphertext: bytes(request.ciphertext),
    verifier: bytes(request.verifier),
    classification: invitation.classification,
    inviterId: invitation.inviterId,
    now,
    secretExpiresAt: now + (await deps.settings.current()).secretExpiryDefaultSeconds * 1000,
  });
  if (!used) {
    await refuse(deps, {
      actorId,
      targetId: id,
      ownerId: invitation.inviterId,
      reason: 'used',
      action: 'use',
    });
    throw new AppError('invitation.gone');
  }
  deps.metrics.count('use', 'ok');
  return { submittedAt: now };
}

/** O6: the invitations the account created, with status (waiting, used when, expired, revoked). */
export async function listInvitations(
  deps: InvitationDeps,
  account: Account,
): Promise<InvitationListResponse> {
  return { invitations: await listInvitationsOf(deps.store, account.id, deps.clock()) };
}

/** O6: the creator withdraws a waiting invitation; anyone else learns nothing about the id. */
export async function revokeInvitation(
  deps: InvitationDeps,
  account: Account,
  id: string,
): Promise<{ id: string; status: 'revoked' }> {
  const now = deps.clock();
  const invitation = await findInvitation(deps.store, id);
  const decision = decideInvitationRevoke(account, invitation, now);
  // The store repeats the decision's conditions; false means a submission or expiry came first.
  const revoked =
    decision.allowed && (await revokeInvitationOfInviter(deps.store, { id, inviterId: account.id, now }));
  if (!revoked) {
    const reason = decision.allowed ? 'used' : decision.reason;
    const ownerId = invitation?.inviterId;
    await refuse(deps, { actorId: account.id, targetId: id, ownerId, reason, action: 'revoke' });
    throw new AppError('invitation.gone');
  }
  deps.metrics.count('revoke', 'ok');
  return { id, status: 'revoked' };
}

/**
 * S4, O1: what the inviter's browser needs before it can prove possession of a submission: HPKE's `enc`,
 * and where and when the invitation was made, so a browser without the key can say which one has it.
 * Anyone else, and any id that is no waiting submission, gets `secret.gone` (O5).
 */
export async function describeSubmission(
  deps: InvitationDeps,
  account: Account,
  secretId: string,
): Promise<SubmissionKeyResponse> {
  const submission = await findSubmission(deps.store, secretId);
  const decision = decideSubmissionKey(account, submission, deps.clock());
  if (!submission || !decision.allowed) {
    await recordRefusal(deps.store, {
      action: 'secret.refused',
      actorId: account.id,
      targetId: secretId,
      reason: decision.allowed ? 'unknown' : decision.reason,
      at: deps.clock(),
    });
    throw new AppError('secret.gone');
  }
  return {
    id: submission.id,
    invitation: submission.invitation,
    enc: base64url(submission.enc),
    classification: submission.classification,
    expiresAt: submission.expiresAt,
  };
}
