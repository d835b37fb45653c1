/** Random identifiers and one-way hashes used as keys. */
import { hash, randomFillSync } from 'node:crypto';
import { ID_BYTES } from '../protocol/crypto.ts';

/**
 * Random bytes drawn from the CSPRNG in blocks: one `randomBytes(16)` call per id cost more than the
 * rest of making the id (the bench's CPU profile: 1.6% of the service). Each id still takes its own,
 * never reused, bytes of a fresh block; this is how Node's own `randomUUID` buffers.
 */
const POOL_IDS = 256;
const pool = Buffer.alloc(ID_BYTES * POOL_IDS);
let poolOffset = pool.length;

/** X3: 128 random bits, base64url. */
export function newId(): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const id = pool.toString('base64url', poolOffset, poolOffset + ID_BYTES);
  poolOffset += ID_BYTES;
  return id;
}

/**
 * SHA-256, hex. One-shot `crypto.hash`: the session token's hash on every signed-in request through
 * `createHash` was 2.8% of the service's samples under the bench's load (issue 22), twice the time.
 */
export function sha256Hex(value: string | Uint8Array): string {
  return hash('sha256', value, 'hex');
}

/** SHA-256, raw bytes. */
export function sha256(value: Uint8Array): Buffer {
  return hash('sha256', value, 'buffer');
}
