/**
 * The secrets protocol (X1), in the browser: a random link key K; HKDF-SHA256 derives an encryption key
 * and a separate proof key (authKey); AES-256-GCM encrypts with the version, the recipient, the
 * classification and (v2) the sender's account id as additional data; the server gets the ciphertext
 * and SHA-256(authKey), never K. New secrets are v2; v1 secrets still open.
 * Every failure to decrypt is one opaque error (no oracle).
 */
import {
  associatedData,
  DERIVED_KEY_BYTES,
  HKDF_INFO_AUTH,
  HKDF_INFO_ENC,
  IV_BYTES,
  isProtocolVersion,
  LINK_KEY_BYTES,
  PROTOCOL_VERSION,
  type ProtocolVersion,
} from '../../src/protocol/crypto.ts';
import type { CreateSecretRequest, OpenSecretResponse, Recipient } from '../../src/protocol/secrets.ts';
import { type Level, normaliseEmail } from '../../src/protocol/values.ts';
import { fromBase64url, toBase64url } from './base64url.ts';

export class DecryptionError extends Error {
  override name = 'DecryptionError';
  constructor() {
    super('The secret could not be decrypted.');
  }
}

const encoder = new TextEncoder();

async function deriveBits(linkKey: Uint8Array<ArrayBuffer>, info: string): Promise<ArrayBuffer> {
  const material = await crypto.subtle.importKey('raw', linkKey, 'HKDF', false, ['deriveBits']);
  return crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode(info) },
    material,
    DERIVED_KEY_BYTES * 8,
  );
}

async function encryptionKey(linkKey: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const raw = await deriveBits(linkKey, HKDF_INFO_ENC);
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** The possession proof sent on open (authKey), base64url. */
export async function proofFor(linkKey: string): Promise<string> {
  return toBase64url(new Uint8Array(await deriveBits(fromBase64url(linkKey), HKDF_INFO_AUTH)));
}

export interface SealedSecret {
  /** Goes into the link's fragment, never to the server. */
  readonly linkKey: string;
  /** The create request's body. */
  readonly request: CreateSecretRequest;
}

export interface SealOptions {
  /** The sender's own account id (`GET /api/me`): bound into the ciphertext from version 2 on. */
  readonly senderId: string;
  readonly classification?: Level;
  readonly expiresInSeconds?: number;
}

async function encrypt(linkKey: Uint8Array<ArrayBuffer>, additionalData: Uint8Array, plaintext: string) {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData as Uint8Array<ArrayBuffer> },
    await encryptionKey(linkKey),
    encoder.encode(plaintext),
  );
  return { iv, ciphertext: new Uint8Array(ciphertext) };
}

/**
 * Seals `plaintext` for `addressed` with the current protocol version: the additional data binds the
 * version, the recipient, the classification and the sender's account id (X1).
 */
export async function sealSecret(
  plaintext: string,
  addressed: Recipient,
  options: SealOptions,
): Promise<SealedSecret> {
  return sealWithVersion(PROTOCOL_VERSION, plaintext, addressed, options);
}

/**
 * Seals with a given protocol version. Browsers seal with {@link PROTOCOL_VERSION} only (the server
 * accepts nothing else on create); an older version is sealed only to test that stored secrets of it
 * still open.
 */
export async function sealWithVersion(
  version: ProtocolVersion,
  plaintext: string,
  addressed: Recipient,
  options: SealOptions,
): Promise<SealedSecret> {
  // Bind the address as the server will store and return it, or the recipient could not decrypt.
  const recipient: Recipient =
    addressed.kind === 'customer' ? { kind: 'customer', email: normaliseEmail(addressed.email) } : addressed;
  const classification = options.classification ?? 1;
  const linkKey = crypto.getRandomValues(new Uint8Array(LINK_KEY_BYTES));
  const bound = associatedData(version, { recipient, classification, senderId: options.senderId });
  const { iv, ciphertext } = await encrypt(linkKey, bound, plaintext);
  const authKey = new Uint8Array(await deriveBits(linkKey, HKDF_INFO_AUTH));
  const verifier = new Uint8Array(await crypto.subtle.digest('SHA-256', authKey));
  return {
    linkKey: toBase64url(linkKey),
    request: {
      version: PROTOCOL_VERSION,
      recipient,
      ciphertext: toBase64url(ciphertext),
      iv: toBase64url(iv),
      verifier: toBase64url(verifier),
      ...(options.classification ? { classification: options.classification } : {}),
      ...(options.expiresInSeconds ? { expiresInSeconds: options.expiresInSeconds } : {}),
    },
  };
}

/**
 * Decrypts an opened secret with the additional data of its version, built from what the server returned
 * (recipient, classification, and from v2 the sender's account id). Any mismatch (key, ciphertext, or a
 * fact changed after sending) is a DecryptionError: after the server accepted the proof the key is right,
 * so it means the secret was altered.
 */
export async function openSealed(linkKey: string, opened: OpenSecretResponse): Promise<string> {
  try {
    if (!isProtocolVersion(opened.version)) throw new DecryptionError();
    const recipient: Recipient =
      opened.recipient.kind === 'team'
        ? { kind: 'team', team: opened.recipient.team }
        : { kind: 'customer', email: opened.recipient.email };
    const bound = associatedData(opened.version, {
      recipient,
      classification: opened.classification,
      senderId: opened.senderId,
    });
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64url(opened.iv), additionalData: bound as Uint8Array<ArrayBuffer> },
      await encryptionKey(fromBase64url(linkKey)),
      fromBase64url(opened.ciphertext),
    );
    return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
  } catch {
    throw new DecryptionError();
  }
}

/** The link a sender copies (S7): the key stays in the fragment, which browsers never send. */
export function secretLink(origin: string, id: string, linkKey: string): string {
  return `${origin}/s/${id}#${linkKey}`;
}
