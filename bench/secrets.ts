/**
 * Secrets for the bench, sealed as a browser seals them (web/crypto/secret-crypto.ts, protocol v2): one
 * reusable create body, and distinct pre-created secrets for open-and-burn with their proofs.
 */
import type { Recipient } from '../src/protocol/secrets.ts';
import { proofFor, sealSecret } from '../web/crypto/secret-crypto.ts';
import type { DistinctRequest } from './load.ts';

/** ~1 KB of ciphertext: AES-GCM adds a 16-byte tag to the plaintext. */
export const CIPHERTEXT_BYTES = 1024;
const PLAINTEXT_BYTES = CIPHERTEXT_BYTES - 16;

export const RECIPIENT: Recipient = { kind: 'customer', email: 'carla@acme.test' };

function plaintext(n: number): string {
  const head = `bench secret ${n} `;
  return head + 'x'.repeat(PLAINTEXT_BYTES - head.length);
}

export interface Sealed {
  readonly body: string;
  readonly proofBody: string;
  readonly ciphertext: string;
  readonly iv: string;
}

/**
 * `count` sealed secrets, bound to the sender `senderId` (the bench never decrypts, so any id serves
 * where no account exists, as for the store alone and the bare route).
 */
export async function sealMany(count: number, from = 0, senderId = 'bench-sender'): Promise<Sealed[]> {
  const sealed: Sealed[] = [];
  for (let n = from; n < from + count; n++) {
    const { request, linkKey } = await sealSecret(plaintext(n), RECIPIENT, { senderId });
    sealed.push({
      body: JSON.stringify(request),
      proofBody: JSON.stringify({ proof: await proofFor(linkKey) }),
      ciphertext: request.ciphertext,
      iv: request.iv,
    });
  }
  return sealed;
}

export interface Created extends Sealed {
  readonly id: string;
}

/** Runs `task` over `items` with at most `concurrency` in flight; results keep the input order. */
export async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** Creates the sealed secrets through the API, 32 at a time, spread over the given instances. */
export async function createThroughApi(
  baseUrls: readonly string[],
  cookie: string,
  sealed: readonly Sealed[],
): Promise<Created[]> {
  let turn = 0;
  return pool(sealed, 32, async (item) => {
    const baseUrl = baseUrls[turn++ % baseUrls.length] as string;
    const response = await fetch(`${baseUrl}/api/secrets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: new URL(baseUrl).origin },
      body: item.body,
    });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`pre-create: ${response.status} ${text}`);
    return { ...item, id: (JSON.parse(text) as { id: string }).id };
  });
}

/** One open per secret; the answer must be 200 with exactly the ciphertext and iv that were sealed. */
export function openRequests(created: readonly Created[]): DistinctRequest[] {
  return created.map((secret) => ({
    path: `/api/secrets/${secret.id}/open`,
    body: secret.proofBody,
    check: (status, body) => {
      if (status !== 200) return false;
      const opened = JSON.parse(body) as { id: string; ciphertext: string; iv: string };
      return opened.id === secret.id && opened.ciphertext === secret.ciphertext && opened.iv === secret.iv;
    },
  }));
}

function openOnce(baseUrl: string, cookie: string, secret: Created): Promise<number> {
  return fetch(`${baseUrl}/api/secrets/${secret.id}/open`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: new URL(baseUrl).origin },
    body: secret.proofBody,
  }).then(async (response) => {
    await response.text();
    return response.status;
  });
}

/**
 * A second open of each secret on every instance, which must fail with 404 (`secret.gone`): burn-once
 * holds across instances. Returns how many answers were not 404.
 */
export async function countSecondOpens(
  baseUrls: readonly string[],
  cookie: string,
  created: readonly Created[],
): Promise<number> {
  const statuses = await pool(created, 32, (secret) =>
    Promise.all(baseUrls.map((baseUrl) => openOnce(baseUrl, cookie, secret))),
  );
  return statuses.flat().filter((status) => status !== 404).length;
}

/**
 * O2 across instances: each secret opened at the same moment on every instance; exactly one open may
 * win. Returns how many secrets did not have exactly one 200 and the rest 404.
 */
export async function countRaceFailures(
  baseUrls: readonly string[],
  cookie: string,
  created: readonly Created[],
): Promise<number> {
  const outcomes = await pool(created, 16, (secret) =>
    Promise.all(baseUrls.map((baseUrl) => openOnce(baseUrl, cookie, secret))),
  );
  return outcomes.filter(
    (statuses) =>
      statuses.filter((s) => s === 200).length !== 1 || statuses.some((s) => s !== 200 && s !== 404),
  ).length;
}
