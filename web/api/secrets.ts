/**
 * The secrets API in the terms pages use. Sealing and opening happen here, through web/crypto, so pages
 * handle plaintext and links but never keys, proofs or ciphertext (STYLE 11). The link key is sent
 * nowhere: only the proof derived from it reaches the server (X1).
 */
import type {
  CreateSecretResponse,
  ExclusionView,
  Level,
  OpenSecretResponse,
  PeekSecretResponse,
  PersonView,
  Recipient,
  SecretListResponse,
  TeamExclusionResponse,
} from '../../src/protocol/secrets.ts';
import { DecryptionError, openSealed, proofFor, sealSecret, secretLink } from '../crypto/secret-crypto.ts';
import { getJson, postJson } from './client.ts';

export interface CreatedSecret {
  /** The full link with the key in its fragment, for the sender to pass on (S7). */
  link: string;
  expiresAt: number;
  classification: Level;
  /** Team shares (C6): who of the team cannot open it, as this sender may see them. */
  exclusion?: ExclusionView;
}

/** Seals and stores a secret; `options.senderId` is the signed-in sender's own account id (protocol v2). */
export async function createSecret(
  plaintext: string,
  recipient: Recipient,
  options: { senderId: string; classification?: Level; expiresInSeconds?: number },
): Promise<CreatedSecret> {
  const sealed = await sealSecret(plaintext, recipient, options);
  const created = await postJson<CreateSecretResponse>('/api/secrets', sealed.request);
  return {
    link: secretLink(window.location.origin, created.id, sealed.linkKey),
    expiresAt: created.expiresAt,
    classification: created.classification,
    ...(created.exclusion ? { exclusion: created.exclusion } : {}),
  };
}

const secretPath = (id: string, action: 'peek' | 'open' | 'revoke') =>
  `/api/secrets/${encodeURIComponent(id)}/${action}`;

/** What the open page shows before the recipient acts (O4): burns nothing. */
export async function peekSecret(id: string, linkKey: string): Promise<PeekSecretResponse> {
  return postJson<PeekSecretResponse>(secretPath(id, 'peek'), { proof: await proofFor(linkKey) });
}

export interface RevealedSecret {
  text: string;
  sender: PersonView;
}

/**
 * Opens the secret, which deletes it at the server (O2), and decrypts it here. Throws ApiError for a
 * refusal, and DecryptionError when decryption fails after the server accepted the proof: the proof
 * comes from the link's key, so the key was right and the secret (its ciphertext, recipient,
 * classification or, from v2, its sender) was altered after it was sent (X1).
 */
export async function revealSecret(id: string, linkKey: string): Promise<RevealedSecret> {
  const opened = await postJson<OpenSecretResponse>(secretPath(id, 'open'), {
    proof: await proofFor(linkKey),
  });
  return { text: await openSealed(linkKey, opened), sender: opened.sender };
}

export function listSecrets(): Promise<SecretListResponse> {
  return getJson<SecretListResponse>('/api/secrets');
}

export async function revokeSecret(id: string): Promise<void> {
  await postJson(secretPath(id, 'revoke'));
}

/** Whether a reveal failed because the secret was altered after it was sent (see `revealSecret`). */
export function isAlteredSecret(error: unknown): boolean {
  return error instanceof DecryptionError;
}

/** C6 before sharing: who of `team` a secret of `classification` would leave out, and whether anyone may open it. */
export function fetchTeamExclusion(team: string, classification: Level): Promise<TeamExclusionResponse> {
  return getJson<TeamExclusionResponse>(
    `/api/teams/${encodeURIComponent(team)}/exclusion?classification=${classification}`,
  );
}
