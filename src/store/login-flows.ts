/**
 * Sign-in flows in progress: what the callback needs to finish the code flow (state, nonce, PKCE verifier,
 * where to go back to), keyed by SHA-256 of a random token held in a short-lived browser cookie.
 * Single use: the callback takes the row and deletes it in one step.
 */
import type { Store } from './connection.ts';
import { databaseOf } from './query-target.ts';

export interface LoginFlow {
  /** SHA-256 (hex) of the flow cookie's token. */
  readonly idHash: string;
  readonly state: string;
  readonly codeVerifier: string;
  readonly nonce: string;
  /** A same-origin path, checked before it is stored. */
  readonly returnTo: string;
  readonly expiresAt: number;
}

export async function insertLoginFlow(store: Store, flow: LoginFlow): Promise<void> {
  await databaseOf(store)
    .insertInto('login_flows')
    .values({
      id_hash: flow.idHash,
      state: flow.state,
      code_verifier: flow.codeVerifier,
      nonce: flow.nonce,
      return_to: flow.returnTo,
      expires_at: flow.expiresAt,
    })
    .execute();
}

/**
 * Deletes the flow and returns it if it was still live. Whoever deletes the row gets it, so a replayed
 * callback finds nothing.
 */
export async function takeLoginFlow(
  store: Store,
  idHash: string,
  now: number,
): Promise<LoginFlow | undefined> {
  const row = await databaseOf(store)
    .deleteFrom('login_flows')
    .where('id_hash', '=', idHash)
    .returningAll()
    .executeTakeFirst();
  if (!row || row.expires_at <= now) return undefined;
  return {
    idHash: row.id_hash,
    state: row.state,
    codeVerifier: row.code_verifier,
    nonce: row.nonce,
    returnTo: row.return_to,
    expiresAt: row.expires_at,
  };
}

export async function deleteExpiredLoginFlows(store: Store, now: number): Promise<number> {
  const result = await databaseOf(store)
    .deleteFrom('login_flows')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
