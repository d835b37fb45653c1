/**
 * Constants and bindings of the guest-invitation protocol (DESIGN "Guest invitation", decision 0013),
 * shared by the browser and the server. Browser-safe: no zod, no `node:`. Lengths are in bytes.
 *
 * The staff browser makes an X25519 key pair and a random invitation secret; the link carries both in
 * its fragment. The guest's browser seals with HPKE (RFC 9180: DHKEM X25519, HKDF-SHA256, AES-256-GCM)
 * to the public key and, from the same HPKE context, exports a proof key: the submission's verifier is
 * SHA-256 of it, so only the holder of the private key can prove possession and open the submission.
 */

/** Version of the invitation protocol; bound into the HPKE `info` and the additional data. */
export const INVITATION_PROTOCOL_VERSION = 1;

/** The invitation secret in the link's fragment; the server stores only SHA-256 of it (X2). */
export const INVITE_SECRET_BYTES = 32;
/** SHA-256 of the invitation secret, as the create request carries it. */
export const INVITE_SECRET_HASH_BYTES = 32;
/** A raw X25519 public key. */
export const INVITATION_PUBLIC_KEY_BYTES = 32;
/** HPKE's encapsulated key (`enc`) for DHKEM X25519: the sender's ephemeral public key. */
export const HPKE_ENC_BYTES = 32;

/** HPKE exporter context for the submission's possession proof (authKey, 32 bytes). */
export const SUBMISSION_PROOF_EXPORT = 'safe-share invitation v1 proof';

/** The longest label a staff member may give an invitation, in characters. */
export const MAX_INVITATION_LABEL_CHARS = 200;
/** The longest description of the creating browser ("Chrome on Linux"), in characters. */
export const MAX_BROWSER_DESCRIPTION_CHARS = 100;

/** The fragment of an invitation link: `<base64url(inviteSecret)>.<base64url(publicKey)>`. */
export const INVITATION_FRAGMENT_SEPARATOR = '.';

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

/**
 * HPKE `info`: binds the protocol version and the invitation id on both sides, so a sealed submission
 * cannot be moved to another invitation.
 * @example hpkeInfo('Zk3…22 chars')
 */
export function hpkeInfo(invitationId: string): Uint8Array {
  return encode(['safe-share invitation', INVITATION_PROTOCOL_VERSION, invitationId]);
}

/** What a submission's additional data binds: the invitation, who receives it, and its level. */
export interface SubmissionFacts {
  readonly invitationId: string;
  /** The inviting staff member's account id: the only recipient (S4). */
  readonly inviterId: string;
  readonly classification: number;
}

/**
 * Additional data of the HPKE seal: the staff browser opens with the facts it recorded when it created
 * the invitation, so a server (or a database writer) that redirected or reclassified the invitation
 * makes the open fail (X1).
 */
export function submissionAssociatedData(facts: SubmissionFacts): Uint8Array {
  return encode([
    'safe-share submission',
    INVITATION_PROTOCOL_VERSION,
    facts.invitationId,
    facts.inviterId,
    facts.classification,
  ]);
}
