/** Protocol-v1 steps as a browser takes them, for the integration tests. */
import type { Level, Recipient } from '../../src/protocol/secrets.ts';
import { openSealed, proofFor, sealSecret } from '../../web/crypto/secret-crypto.ts';
import type { SignedInClient } from './sign-in.ts';

export interface SharedSecret {
  readonly status: number;
  readonly id: string;
  readonly linkKey: string;
  /** The create request as sent: tests look for its values where they must never appear. */
  readonly sent: { ciphertext: string; iv: string; verifier: string };
  // biome-ignore lint/suspicious/noExplicitAny: the raw reply, for error-code assertions.
  readonly body: any;
}

export async function shareSecret(
  client: SignedInClient,
  plaintext: string,
  recipient: Recipient,
  options: { classification?: Level; expiresInSeconds?: number } = {},
): Promise<SharedSecret> {
  const sealed = await sealSecret(plaintext, recipient, options);
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

export const toCustomer = (email: string): Recipient => ({ kind: 'customer', email });
export const toTeam = (team: string): Recipient => ({ kind: 'team', team });
