/**
 * Constants of the crypto protocol (DESIGN "Crypto protocol"), shared by browser and server. Lengths
 * are in bytes. Version 2 binds the sender's account id into the ciphertext's additional data as well
 * (decision 0012); version 1 secrets still stored open until they expire.
 */

/** The version new secrets are sealed with; the only one the server accepts on create. */
export const PROTOCOL_VERSION = 2;

/** Every version a stored secret may have, and so every version a browser must be able to open. */
export const PROTOCOL_VERSIONS = [1, 2] as const;
export type ProtocolVersion = (typeof PROTOCOL_VERSIONS)[number];

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

/** The same in every version: version 2 changed only the additional data. */
export const HKDF_INFO_ENC = 'safe-share v1 enc';
export const HKDF_INFO_AUTH = 'safe-share v1 auth';

/** Largest ciphertext the server accepts: 64 KiB of plaintext plus the 16-byte GCM tag. */
export const MAX_CIPHERTEXT_BYTES = 64 * 1024 + 16;

/** Body limit for JSON requests: the largest ciphertext in base64url plus room for the other fields. */
export const MAX_BODY_BYTES = Math.ceil((MAX_CIPHERTEXT_BYTES * 4) / 3) + 4 * 1024;

/** What the additional data binds: who the secret is for, its level, and (from v2) who sent it. */
export interface BoundFacts {
  readonly recipient: { kind: 'customer'; email: string } | { kind: 'team'; team: string };
  readonly classification: number;
  /** The sender's account id; bound from version 2 on. */
  readonly senderId: string;
}

/**
 * Additional data for AES-GCM: binds the protocol version, the recipient, the classification and, from
 * version 2, the sender's account id to the ciphertext, so a browser detects a server (or a database
 * writer) that changed any of them: decryption fails (X1).
 *
 * Version 1 is `safe-share v1|<recipient>|<classification>`, kept byte for byte so stored v1 secrets
 * still open. Version 2 is a JSON array, so no field's text (an address may hold `|`) can pass for a
 * separator: `["safe-share",2,"<recipient>",<classification>,"<sender id>"]`.
 * @example associatedData(2, { recipient: { kind: 'team', team: 'service' }, classification: 1, senderId })
 */
export function associatedData(version: ProtocolVersion, facts: BoundFacts): Uint8Array {
  const { recipient, classification } = facts;
  const to = recipient.kind === 'customer' ? `customer:${recipient.email}` : `team:${recipient.team}`;
  const text =
    version === 1
      ? `safe-share v1|${to}|${classification}`
      : JSON.stringify(['safe-share', version, to, classification, facts.senderId]);
  return new TextEncoder().encode(text);
}

export function isProtocolVersion(value: unknown): value is ProtocolVersion {
  return PROTOCOL_VERSIONS.includes(value as ProtocolVersion);
}
