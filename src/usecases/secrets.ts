/**
 * The secrets use cases, one function per operation of the secrets API. Each reads as the steps of its
 * operation: ask `domain/` for the decision, call `store/`, record the audit event and the metric. They
 * take parsed requests and return the API's responses; a refusal is an AppError with the code the
 * client gets (`http/routes/secrets.ts` only parses, calls and maps).
 *
 * Audit events of a change (created, opened, revoked) are written by the store in the same statement or
 * transaction as the change, so no change is ever left unaudited; refusals are recorded here.
 */
import type { Account } from '../domain/accounts.ts';
import type { Clock } from '../domain/clock.ts';
import { currentClearance, exclusionView } from '../domain/levels.ts';
import { decideOpen, decideProofAndState, openRefusalCode } from '../domain/opening.ts';
import { decideRevoke } from '../domain/revoking.ts';
import { decideShare, type SharePolicy } from '../domain/sharing.ts';
import { AppError } from '../protocol/errors.ts';
import type {
  CreateSecretRequest,
  CreateSecretResponse,
  OpenSecretResponse,
  PeekSecretResponse,
} from '../protocol/secrets.ts';
import { recordRefusal } from '../store/audit.ts';
import type { Store } from '../store/connection.ts';
import { newId, sha256 } from '../store/ids.ts';
import { findRecipientFacts } from '../store/recipients.ts';
import { findRecordedClearance } from '../store/secret-recipients.ts';
import {
  burnSecret,
  findSecret,
  insertSecret,
  revokeSecretOfSender,
  type SecretForAccount,
  type StoredSecret,
} from '../store/secrets/index.ts';
import type { SettingsSource } from './settings.ts';

/** What the use cases count; `http/` backs it with its Prometheus counter. */
export interface SecretMetrics {
  count(action: 'create' | 'open' | 'revoke', outcome: 'ok' | 'refused'): void;
}

export interface SecretDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** S1-S3 from the configuration; expiry and levels come from the run-time settings. */
  readonly policy: Omit<SharePolicy, 'levels' | 'expiryDefaultSeconds' | 'expiryMaxSeconds'>;
  /** O3, C1, C2, C7: the settings in force now (admin settings). */
  readonly settings: SettingsSource;
  readonly metrics: SecretMetrics;
}

/**
 * A secret already read for this request, with the session lookup in one statement (PostgreSQL round
 * trips, store/secrets/read-with-session.ts). Used only for the same id and account; else read again.
 */
export interface SecretReadAhead extends SecretForAccount {
  readonly secretId: string;
  readonly accountId: string;
}

/** The possession proof as the request carries it (base64url of authKey). */
export interface ProofRequest {
  readonly proof: string;
}

const bytes = (base64url: string) => Buffer.from(base64url, 'base64url');
const base64url = (value: Uint8Array) => Buffer.from(value).toString('base64url');

/**
 * S1-S3, C1, C3, C4, C6, O3: stores a sealed secret for its recipient, if the sender may share with them
 * and the recipient could open it; for a team, with the members who may open it recorded (C7), and the
 * sender told who may not (C6).
 */
export async function createSecret(
  deps: SecretDeps,
  sender: Account,
  request: CreateSecretRequest,
): Promise<CreateSecretResponse> {
  const { store, clock, metrics } = deps;
  const now = clock();
  const settings = await deps.settings.current();
  const { knownClearance, teamMembers, ...facts } = await findRecipientFacts(store, request.recipient);
  const decision = decideShare(
    {
      sender,
      recipient: request.recipient,
      classification: request.classification,
      expiresInSeconds: request.expiresInSeconds,
      now,
      ...facts,
      // C4: an address nobody has signed in with yet gets the level new accounts get (C2).
      recipientClearance: knownClearance ?? settings.defaultClearance,
      teamMembers,
    },
    {
      ...deps.policy,
      expiryDefaultSeconds: settings.secretExpiryDefaultSeconds,
      expiryMaxSeconds: settings.secretExpiryMaxSeconds,
      levels: settings,
    },
  );
  if (!decision.allowed) {
    await recordRefusal(store, {
      action: 'share.refused',
      actorId: sender.id,
      reason: decision.code,
      at: now,
    });
    metrics.count('create', 'refused');
    throw new AppError(decision.code);
  }
  const id = newId();
  await insertSecret(store, {
    id,
    version: request.version,
    senderId: sender.id,
    kind: decision.kind,
    recipientEmail: request.recipient.kind === 'customer' ? request.recipient.email : null,
    teamId: request.recipient.kind === 'team' ? request.recipient.team : null,
    classification: decision.classification,
    createdAt: now,
    expiresAt: decision.expiresAt,
    ciphertext: bytes(request.ciphertext),
    iv: bytes(request.iv),
    verifier: bytes(request.verifier),
    recipients: decision.eligible.map((member) => ({
      accountId: member.accountId,
      clearance: currentClearance(member),
    })),
  });
  metrics.count('create', 'ok');
  return {
    id,
    expiresAt: decision.expiresAt,
    classification: decision.classification,
    ...(decision.kind === 'team' ? { exclusion: exclusionView(decision.excluded, sender.role) } : {}),
  };
}

/**
 * The checks open and peek share, in DESIGN's order: possession proof and state first (unknown, wrong
 * proof, opened, expired and revoked all answer `secret.gone`, O5), then who may open (O1:
 * `secret.not_for_you`, `secret.not_for_your_team` for a team's secret), then the level (C4:
 * `secret.above_clearance`, so the recipient learns why). A refusal is recorded and counted; the secret
 * stays intact for its recipient.
 */
async function admit(
  deps: SecretDeps,
  account: Account,
  id: string,
  request: ProofRequest,
  readAhead?: SecretReadAhead,
) {
  const { store, clock, metrics } = deps;
  const now = clock();
  const verifier = sha256(bytes(request.proof));
  const ahead = readAhead?.secretId === id && readAhead.accountId === account.id ? readAhead : undefined;
  const secret = ahead ? ahead.secret : await findSecret(store, id);
  const refuse = async (reason: string, classification?: number) => {
    await recordRefusal(store, {
      action: 'secret.refused',
      actorId: account.id,
      targetId: id,
      // C5: the sender sees every refused attempt on their secret (usecases/audit.ts, "My secrets").
      ownerId: secret?.senderId,
      classification,
      reason,
      at: now,
    });
    metrics.count('open', 'refused');
  };
  const possession = decideProofAndState(secret, verifier, now);
  if (!secret || !possession.allowed) {
    await refuse(possession.allowed ? 'unknown' : possession.reason);
    throw new AppError('secret.gone');
  }
  const settings = await deps.settings.current();
  // C7: a team member's clearance recorded when the secret was shared with them, if it was.
  const recordedClearance =
    secret.facts.kind !== 'team'
      ? null
      : ahead
        ? ahead.recordedClearance
        : await findRecordedClearance(store, id, account.id);
  // The sender of a team share is not its recipient, even as a member of the team (issue 17).
  const facts = { ...secret.facts, senderId: secret.senderId };
  const access = decideOpen(account, facts, { settings, recordedClearance });
  if (!access.allowed) {
    await refuse(access.reason, secret.facts.classification);
    // Past the proof only: the refusal names the kind of recipient, team or person, and nothing more.
    throw new AppError(openRefusalCode(access.reason, secret.facts.kind));
  }
  return { secret, verifier, now, refuse };
}

/**
 * What the recipient sees of a secret, whatever the operation: among it the facts the ciphertext's
 * additional data binds (version, recipient, classification, sender id), as stored, so the browser
 * detects a change (X1).
 */
function describe(secret: StoredSecret) {
  return {
    id: secret.id,
    version: secret.version,
    recipient: secret.recipient,
    classification: secret.facts.classification,
    senderId: secret.senderId,
    sender: secret.sender,
    createdAt: secret.createdAt,
    ...(secret.invitation ? { invitation: secret.invitation } : {}),
  };
}

/** O4: who sent what, for the open page before the recipient's explicit action; burns nothing. */
export async function peekSecret(
  deps: SecretDeps,
  account: Account,
  id: string,
  request: ProofRequest,
  readAhead?: SecretReadAhead,
): Promise<PeekSecretResponse> {
  const { secret } = await admit(deps, account, id, request, readAhead);
  return { ...describe(secret), expiresAt: secret.expiresAt };
}

/** O1, O2: hands the content to its recipient and deletes it, in the store's one atomic claim. */
export async function openSecret(
  deps: SecretDeps,
  account: Account,
  id: string,
  request: ProofRequest,
  readAhead?: SecretReadAhead,
): Promise<OpenSecretResponse> {
  const { secret, verifier, now, refuse } = await admit(deps, account, id, request, readAhead);
  // The store's claim repeats the proof and state check: it may still lose to a concurrent open or expiry.
  const content = await burnSecret(deps.store, {
    id,
    verifier,
    openerId: account.id,
    senderId: secret.senderId,
    classification: secret.facts.classification,
    now,
  });
  if (!content) {
    await refuse('not_waiting', secret.facts.classification);
    throw new AppError('secret.gone');
  }
  deps.metrics.count('open', 'ok');
  return {
    ...describe(secret),
    ciphertext: base64url(content.ciphertext),
    iv: base64url(content.iv),
  };
}

/** O6: the sender withdraws a secret before it is opened; anyone else learns nothing about the id. */
export async function revokeSecret(
  deps: SecretDeps,
  account: Account,
  id: string,
): Promise<{ id: string; status: 'revoked' }> {
  const { store, clock, metrics } = deps;
  const now = clock();
  const secret = await findSecret(store, id);
  const decision = decideRevoke(account, secret, now);
  // The store repeats the decision's conditions; false means an open or expiry came first.
  const revoked = decision.allowed && (await revokeSecretOfSender(store, { id, senderId: account.id, now }));
  if (!revoked) {
    const reason = decision.allowed ? 'not_waiting' : decision.reason;
    await recordRefusal(store, {
      action: 'secret.refused',
      actorId: account.id,
      targetId: id,
      ownerId: secret?.senderId,
      reason,
      at: now,
    });
    metrics.count('revoke', 'refused');
    throw new AppError('secret.gone');
  }
  metrics.count('revoke', 'ok');
  return { id, status: 'revoked' };
}
