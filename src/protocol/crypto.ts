/**
 * Constants of crypto protocol version 1 (DESIGN "Crypto protocol"), shared by browser and server.
 * Lengths are in bytes.
 */

export const PROTOCOL_VERSION = 1;

/** Link key K, the only key material; it travels in the link's fragment and never reaches the server. */
export const LINK_KEY_BYTES = 32;
/** AES-256-GCM nonce. */
export const IV_BYTES = 12;
/** HKDF-SHA256 output for the encryption key and for the possession-proof key. */
export const DERIVED_KEY_BYTES = 32;
/** authKey, sent on open; the server stores only SHA-256(authKey) = verifier. */
export const PROOF_BYTES = 32;
export const VERIFIER_BYTES = 32;
/** Identifiers of secrets and invitations carry 128 random bits (X3). */
export const ID_BYTES = 16;

export const HKDF_INFO_ENC = 'safe-share v1 enc';
export const HKDF_INFO_AUTH = 'safe-share v1 auth';

/** Largest ciphertext the server accepts: 64 KiB of plaintext plus the 16-byte GCM tag. */
export const MAX_CIPHERTEXT_BYTES = 64 * 1024 + 16;

/** Body limit for JSON requests: the largest ciphertext in base64url plus room for the other fields. */
export const MAX_BODY_BYTES = Math.ceil((MAX_CIPHERTEXT_BYTES * 4) / 3) + 4 * 1024;

/**
 * Additional data for AES-GCM: binds the protocol version, the recipient and the classification to the
 * ciphertext, so a browser detects a server that changed any of them.
 */
export function associatedData(
  recipient: { kind: 'customer'; email: string } | { kind: 'team'; team: string },
  classification: number,
): Uint8Array {
  const to = recipient.kind === 'customer' ? `customer:${recipient.email}` : `team:${recipient.team}`;
  return new TextEncoder().encode(`safe-share v${PROTOCOL_VERSION}|${to}|${classification}`);
}
