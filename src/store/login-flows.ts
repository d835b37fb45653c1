/**
 * Sign-in flows in progress: what the callback needs to finish the code flow (state, nonce, PKCE verifier,
 * where to go back to), keyed by SHA-256 of a random token held in a short-lived browser cookie.
 * Single use: the callback takes the row and deletes it in one step.
 *
 * Bounded (issue 18): anyone can start a sign-in without an account, so each client address keeps only
 * its newest flows (SIGN_IN_FLOWS_PER_ADDRESS) and the expiry sweeper deletes expired ones. The address
 * is stored as a hash, which is enough to group by.
 */
import type { Store } from './connection.ts';
import { sha256Hex } from './ids.ts';
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

/** Who started the flow, and how many unfinished flows that client may have. */
export interface FlowClient {
  /** The client's address as the rate limits count it (`clientKey`); stored hashed. */
  readonly key: string;
  /** At most this many of its flows are kept: a new one beyond it replaces the oldest. */
  readonly maxFlows: number;
}

/** The stored form of a client key: hashed, and domain-separated from every other hash. */
export function loginFlowClientHash(key: string): string {
  return sha256Hex(`safe-share sign-in client v1:${key}`);
}

/** Stores a new flow, then drops the client's oldest flows beyond `client.maxFlows`. */
export async function insertLoginFlow(store: Store, client: FlowClient, flow: LoginFlow): Promise<void> {
  const db = databaseOf(store);
  const clientHash = loginFlowClientHash(client.key);
  await db
    .insertInto('login_flows')
    .values({
      id_hash: flow.idHash,
      state: flow.state,
      code_verifier: flow.codeVerifier,
      nonce: flow.nonce,
      return_to: flow.returnTo,
      expires_at: flow.expiresAt,
      client_key: clientHash,
    })
    .execute();
  const newest = db
    .selectFrom('login_flows')
    .select('id_hash')
    .where('client_key', '=', clientHash)
    .orderBy('expires_at', 'desc')
    .orderBy('id_hash')
    .limit(client.maxFlows);
  await db
    .deleteFrom('login_flows')
    .where('client_key', '=', clientHash)
    .where('id_hash', 'not in', newest)
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
