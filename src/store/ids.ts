/** Random identifiers and one-way hashes used as keys. */
import { createHash, randomBytes } from 'node:crypto';
import { ID_BYTES } from '../protocol/crypto.ts';

/** X3: 128 random bits, base64url. */
export function newId(): string {
  return randomBytes(ID_BYTES).toString('base64url');
}

/** SHA-256, hex. */
export function sha256Hex(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex');
}

/** SHA-256, raw bytes. */
export function sha256(value: Uint8Array): Buffer {
  return createHash('sha256').update(value).digest();
}
