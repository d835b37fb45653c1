/**
 * Protocol v1 for secrets (X1), in the browser: a random link key K; HKDF-SHA256 derives an encryption
 * key and a separate proof key (authKey); AES-256-GCM encrypts with the recipient and classification as
 * additional data; the server gets the ciphertext and SHA-256(authKey), never K.
 * Every failure to decrypt is one opaque error (no oracle).
 */
import {
  associatedData,
  DERIVED_KEY_BYTES,
  HKDF_INFO_AUTH,
  HKDF_INFO_ENC,
  IV_BYTES,
  LINK_KEY_BYTES,
  PROTOCOL_VERSION,
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

export async function sealSecret(
  plaintext: string,
  addressed: Recipient,
  options: { classification?: Level; expiresInSeconds?: number } = {},
): Promise<SealedSecret> {
  // Bind the address as the server will store and return it, or the recipient could not decrypt.
  const recipient: Recipient =
    addressed.kind === 'customer' ? { kind: 'customer', email: normaliseEmail(addressed.email) } : addressed;
  const linkKey = crypto.getRandomValues(new Uint8Array(LINK_KEY_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const classification = options.classification ?? 1;
  const ciphertext = await crypto.subtle.encrypt(
    {
      name: 'AES-GCM',
      iv,
      additionalData: associatedData(recipient, classification) as Uint8Array<ArrayBuffer>,
    },
    await encryptionKey(linkKey),
    encoder.encode(plaintext),
  );
  const authKey = new Uint8Array(await deriveBits(linkKey, HKDF_INFO_AUTH));
  const verifier = new Uint8Array(await crypto.subtle.digest('SHA-256', authKey));
  return {
    linkKey: toBase64url(linkKey),
    request: {
      version: PROTOCOL_VERSION,
      recipient,
      ciphertext: toBase64url(new Uint8Array(ciphertext)),
      iv: toBase64url(iv),
      verifier: toBase64url(verifier),
      ...(options.classification ? { classification: options.classification } : {}),
      ...(options.expiresInSeconds ? { expiresInSeconds: options.expiresInSeconds } : {}),
    },
  };
}

/** Decrypts an opened secret; any mismatch (key, data, recipient, classification) is a DecryptionError. */
export async function openSealed(linkKey: string, opened: OpenSecretResponse): Promise<string> {
  try {
    const recipient: Recipient =
      opened.recipient.kind === 'team'
        ? { kind: 'team', team: opened.recipient.team }
        : { kind: 'customer', email: opened.recipient.email };
    const plaintext = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: fromBase64url(opened.iv),
        additionalData: associatedData(recipient, opened.classification) as Uint8Array<ArrayBuffer>,
      },
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
