/**
 * The invitations API in the terms pages use (S4, S5, X2). Keys, sealing and opening happen here,
 * through web/crypto, so pages handle labels, links and plaintext but never keys, proofs or ciphertext
 * (STYLE 11). The invitation secret and the public key travel only in the link's fragment; the private
 * key never leaves this browser's IndexedDB.
 */
import type {
  CreateInvitationResponse,
  InvitationListResponse,
  PeekInvitationResponse,
  SubmissionKeyResponse,
  SubmitInvitationResponse,
} from '../../src/protocol/invitations.ts';
import type { Level, OpenSecretResponse, PeekSecretResponse } from '../../src/protocol/secrets.ts';
import type { SubmissionOpener } from '../crypto/invitation-crypto.ts';
import { KeyMismatchError, SubmissionDecryptionError } from '../crypto/invitation-errors.ts';
import { deleteInvitationKey, loadInvitationKey, saveInvitationKey } from '../crypto/invitation-keys.ts';
import { type InvitationFragment, invitationLink, parseInvitationFragment } from '../link/invitation-link.ts';
import { getJson, postJson } from './client.ts';

export { type InvitationFragment, parseInvitationFragment };

/**
 * The HPKE code (about 8 kB gzipped with `@hpke/core`) is loaded by the invitation pages only, not with
 * the app: most visitors never need it.
 */
const invitationCrypto = () => import('../crypto/invitation-crypto.ts');

/** This browser as people name it ("Chrome (Linux)"): where the invitation's private key is kept. */
export function describeBrowser(userAgent = navigator.userAgent): string {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chromium\//.test(userAgent)
        ? 'Chromium'
        : /Chrome\//.test(userAgent)
          ? 'Chrome'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : 'Browser';
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux|X11/.test(userAgent)
            ? 'Linux'
            : '';
  return system ? `${browser} (${system})` : browser;
}

export interface CreatedInvitation {
  /** The full link with the secret and the public key in its fragment, to pass on (S7). */
  link: string;
  label: string;
  expiresAt: number;
  classification: Level;
  /** Where the private key is kept: this browser. */
  browser: string;
}

/**
 * S4, X2: makes the key pair and the secret, registers the invitation, and keeps the key pair in this
 * browser. If the key cannot be kept, the invitation is revoked at once: a guest could send to it, but
 * nobody could ever read what they sent.
 */
export async function createInvitation(
  label: string,
  inviterId: string,
  options: { classification?: Level; expiresInSeconds?: number },
): Promise<CreatedInvitation> {
  const keys = await (await invitationCrypto()).makeInvitationKeys();
  const browser = describeBrowser();
  const created = await postJson<CreateInvitationResponse>('/api/invitations', {
    version: 1,
    label,
    publicKey: keys.publicKey,
    secretHash: keys.secretHash,
    browser,
    ...options,
  });
  try {
    await saveInvitationKey({
      invitationId: created.id,
      inviterId,
      classification: created.classification,
      keyPair: keys.keyPair,
      createdAt: Date.now(),
    });
  } catch (error) {
    await postJson(invitationPath(created.id, 'revoke')).catch(() => undefined);
    throw error;
  }
  return {
    link: invitationLink(window.location.origin, created.id, keys.inviteSecret, keys.publicKey),
    label,
    expiresAt: created.expiresAt,
    classification: created.classification,
    browser,
  };
}

const invitationPath = (id: string, action: 'peek' | 'submit' | 'revoke') =>
  `/api/invitations/${encodeURIComponent(id)}/${action}`;

export function listInvitations(): Promise<InvitationListResponse> {
  return getJson<InvitationListResponse>('/api/invitations');
}

/** O6: withdraws a waiting invitation and forgets its key here. */
export async function revokeInvitation(id: string): Promise<void> {
  await postJson(invitationPath(id, 'revoke'));
  await deleteInvitationKey(id);
}

/** The guest page (S6): who invites, for what. Uses nothing up. */
export function peekGuestInvitation(
  id: string,
  fragment: InvitationFragment,
): Promise<PeekInvitationResponse> {
  return postJson<PeekInvitationResponse>(invitationPath(id, 'peek'), { secret: fragment.inviteSecret });
}

/**
 * S4, S5, X2: seals the guest's text to the invitation's key, after checking that the server holds the
 * key the link names (else `KeyMismatchError`, and nothing is sent), and submits it.
 */
export async function submitToInvitation(
  plaintext: string,
  fragment: InvitationFragment,
  invitation: PeekInvitationResponse,
): Promise<SubmitInvitationResponse> {
  const { sealSubmission } = await invitationCrypto();
  const request = await sealSubmission(plaintext, {
    fragment,
    serverPublicKey: invitation.publicKey,
    invitationId: invitation.id,
    inviterId: invitation.inviterId,
    classification: invitation.classification,
  });
  return postJson<SubmitInvitationResponse>(invitationPath(invitation.id, 'submit'), request);
}

export function isKeyMismatch(error: unknown): boolean {
  return error instanceof KeyMismatchError;
}

/** A submission as its inviter's browser finds it: with the key to open it here, or without. */
export type SubmissionAccess =
  | { readonly held: false; readonly submission: SubmissionKeyResponse }
  | {
      readonly held: true;
      readonly submission: SubmissionKeyResponse;
      readonly opener: SubmissionOpener;
      readonly peek: PeekSecretResponse;
    };

const secretPath = (id: string, action: 'peek' | 'open') =>
  `/api/secrets/${encodeURIComponent(id)}/${action}`;

/**
 * S4, O1, O4: what the inviter needs before reading a submission. Without the invitation's key in this
 * browser, says so (and sends nothing more, so the submission stays intact); with it, derives the proof
 * and peeks, which burns nothing.
 */
export async function findSubmission(id: string): Promise<SubmissionAccess> {
  const submission = await getJson<SubmissionKeyResponse>(`/api/submissions/${encodeURIComponent(id)}`);
  const record = await loadInvitationKey(submission.invitation.id);
  if (!record) return { held: false, submission };
  const opener = await (await invitationCrypto()).submissionOpener(record.keyPair, submission.enc, record);
  const peek = await postJson<PeekSecretResponse>(secretPath(id, 'peek'), { proof: opener.proof });
  return { held: true, submission, opener, peek };
}

/**
 * O2: opens the submission, which deletes it at the server, decrypts it here, and forgets the
 * invitation's key, which has nothing left to open.
 */
export async function revealSubmission(
  id: string,
  access: Extract<SubmissionAccess, { held: true }>,
): Promise<string> {
  const opened = await postJson<OpenSecretResponse>(secretPath(id, 'open'), { proof: access.opener.proof });
  const text = await access.opener.open(opened.ciphertext);
  await deleteInvitationKey(access.submission.invitation.id);
  return text;
}

export function isAlteredSubmission(error: unknown): boolean {
  return error instanceof SubmissionDecryptionError;
}
