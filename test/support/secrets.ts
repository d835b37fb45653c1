/** The secrets protocol's steps as a browser takes them, for the integration tests. */
import type { Level, Recipient } from '../../src/protocol/secrets.ts';
import { openSealed, proofFor, sealSecret } from '../../web/crypto/secret-crypto.ts';
import type { ApiResult, SignedInClient } from './sign-in.ts';

export interface SharedSecret {
  readonly status: number;
  readonly id: string;
  readonly linkKey: string;
  /** The create request as sent: tests look for its values where they must never appear. */
  readonly sent: { ciphertext: string; iv: string; verifier: string };
  // biome-ignore lint/suspicious/noExplicitAny: the raw reply, for error-code assertions.
  readonly body: any;
}

const accountIds = new WeakMap<SignedInClient, string>();

/** The client's own account id, as the browser app learns it from `GET /api/me`. */
export async function accountIdOf(client: SignedInClient): Promise<string> {
  let id = accountIds.get(client);
  if (!id) {
    const { status, body } = await client.api('GET', '/api/me');
    if (status !== 200) throw new Error(`GET /api/me answered ${status}`);
    id = body.account.id as string;
    accountIds.set(client, id);
  }
  return id;
}

/** Seals as the signed-in sender's browser does (binding its account id, v2) and creates the secret. */
export async function shareSecret(
  client: SignedInClient,
  plaintext: string,
  recipient: Recipient,
  options: { classification?: Level; expiresInSeconds?: number } = {},
): Promise<SharedSecret> {
  const sealed = await sealSecret(plaintext, recipient, { ...options, senderId: await accountIdOf(client) });
  const { status, body } = await client.api('POST', '/api/secrets', sealed.request);
  const { ciphertext, iv, verifier } = sealed.request;
  return { status, id: body?.id, linkKey: sealed.linkKey, sent: { ciphertext, iv, verifier }, body };
}

export interface OpenResult {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the raw reply, for error-code assertions.
  readonly body: any;
  /** The decrypted text, when the open succeeded. */
  readonly plaintext?: string;
}

export async function openSecret(client: SignedInClient, id: string, linkKey: string): Promise<OpenResult> {
  const { status, body } = await client.api('POST', `/api/secrets/${id}/open`, {
    proof: await proofFor(linkKey),
  });
  if (status !== 200) return { status, body };
  return { status, body, plaintext: await openSealed(linkKey, body) };
}

/**
 * A JSON POST with a browser's session cookie and its origin, to any instance (a second one on the same
 * database, a restarted process): status and parsed body. Rejects when the connection dies.
 */
export async function postWithCookie(
  baseUrl: string,
  cookie: string,
  path: string,
  body: unknown,
): Promise<ApiResult> {
  const response = await fetch(new URL(path, baseUrl), {
    method: 'POST',
    headers: { cookie, origin: new URL(baseUrl).origin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** An open of `secret` with the proof of its link key, as postWithCookie. */
export async function openWithCookie(
  baseUrl: string,
  cookie: string,
  secret: { readonly id: string; readonly linkKey: string },
): Promise<ApiResult> {
  return postWithCookie(baseUrl, cookie, `/api/secrets/${secret.id}/open`, {
    proof: await proofFor(secret.linkKey),
  });
}

export const toCustomer = (email: string): Recipient => ({ kind: 'customer', email });
export const toTeam = (team: string): Recipient => ({ kind: 'team', team });
