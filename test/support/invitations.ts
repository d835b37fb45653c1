/**
 * Guest-invitation steps as the browsers take them, for the integration tests: the staff browser's key
 * pair and secret, the guest's HPKE seal, and the inviter's proof and decryption, all through the same
 * code the browser runs (web/crypto/invitation-crypto.ts; Node 24's WebCrypto has X25519).
 */
import type { Level } from '../../src/protocol/values.ts';
import {
  makeInvitationKeys,
  type NewInvitationKeys,
  sealSubmission,
  submissionOpener,
} from '../../web/crypto/invitation-crypto.ts';
import type { ApiResult, TestClient } from './sign-in.ts';

export interface CreatedInvitation {
  readonly status: number;
  readonly id: string;
  /** What the staff browser keeps (the key pair) and puts in the link (secret and public key). */
  readonly keys: NewInvitationKeys;
  readonly inviterId: string;
  readonly classification: Level;
  // biome-ignore lint/suspicious/noExplicitAny: the raw reply, for error-code assertions.
  readonly body: any;
}

/** A staff member's browser creates an invitation. */
export async function inviteGuest(
  client: TestClient,
  label: string,
  options: { classification?: Level; expiresInSeconds?: number } = {},
): Promise<CreatedInvitation> {
  const keys = await makeInvitationKeys();
  const { status, body } = await client.api('POST', '/api/invitations', {
    version: 1,
    label,
    publicKey: keys.publicKey,
    secretHash: keys.secretHash,
    browser: 'Test browser (Node)',
    ...options,
  });
  const me = await client.api('GET', '/api/me');
  return {
    status,
    id: body?.id,
    keys,
    inviterId: me.body?.account?.id,
    classification: body?.classification,
    body,
  };
}

/** The guest page's first request: who invites, for what, and the key to seal to. Uses nothing up. */
export function peekInvitation(guest: TestClient, id: string, secret: string): Promise<ApiResult> {
  return guest.api('POST', `/api/invitations/${id}/peek`, { secret });
}

export interface Submission extends ApiResult {
  /** The submit request as sent: tests look for its values where they must never appear. */
  readonly sent?: { enc: string; ciphertext: string; verifier: string; secret: string };
}

/**
 * The guest's browser: peek, check the key, seal, submit. `secret` overrides the link's invitation
 * secret (a wrong or guessed one); with a refused peek, the submit is sealed from the link alone.
 */
export async function submitAsGuest(
  guest: TestClient,
  invitation: CreatedInvitation,
  plaintext: string,
  secret = invitation.keys.inviteSecret,
): Promise<Submission> {
  const request = await sealSubmission(plaintext, {
    fragment: { inviteSecret: secret, publicKey: invitation.keys.publicKey },
    serverPublicKey: invitation.keys.publicKey,
    invitationId: invitation.id,
    inviterId: invitation.inviterId,
    classification: invitation.classification,
  });
  const result = await guest.api('POST', `/api/invitations/${invitation.id}/submit`, request);
  return { ...result, sent: { ...request } };
}

export interface OpenedSubmission {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the raw reply, for error-code assertions.
  readonly body: any;
  readonly plaintext?: string;
}

/**
 * The proof of a submission, as the inviter's browser derives it from its private key and `enc`; here
 * `enc` is read from the database by the caller or from `GET /api/submissions/:id`.
 */
export async function submissionProof(invitation: CreatedInvitation, enc: string): Promise<string> {
  return (await opener(invitation, enc)).proof;
}

function opener(invitation: CreatedInvitation, enc: string) {
  return submissionOpener(invitation.keys.keyPair, enc, {
    invitationId: invitation.id,
    inviterId: invitation.inviterId,
    classification: invitation.classification,
  });
}

/** `client` opens a submission with the proof derived from the invitation's key pair and `enc`. */
export async function openSubmission(
  client: TestClient,
  secretId: string,
  invitation: CreatedInvitation,
  enc: string,
): Promise<OpenedSubmission> {
  const submission = await opener(invitation, enc);
  const { status, body } = await client.api('POST', `/api/secrets/${secretId}/open`, {
    proof: submission.proof,
  });
  if (status !== 200) return { status, body };
  return { status, body, plaintext: await submission.open(body.ciphertext) };
}
