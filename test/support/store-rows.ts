/**
 * Rows for the tests that drive the store itself, without HTTP: a staff account as a sign-in stores it, a
 * direct secret with its own proof, and its sender opening it. And for any test, how many rows a table
 * holds (a refused request changes nothing).
 *
 * @example
 *   const senderId = await addStaffAccount(store, 'sender', NOW);
 *   const secret = directSecret({ senderId, n: 1, now: NOW });
 *   await insertSecret(store, secret);
 *   expect(await burnSecret(store, sendersBurn(secret))).not.toBeNull();
 */
import { saveSignedInAccount } from '../../src/store/accounts.ts';
import type { Store } from '../../src/store/connection.ts';
import { sha256 } from '../../src/store/ids.ts';
import type { BurnRequest, NewSecret } from '../../src/store/secrets/index.ts';
import { type Database, databaseForTests } from '../../src/store/testing.ts';

/** A staff account (level 1, in no team), saved as a first sign-in at `now` saves it; returns its id. */
export async function addStaffAccount(store: Store, subject: string, now: number): Promise<string> {
  const saved = await saveSignedInAccount(store, { issuer: 'https://idp.test', subject, now }, () => ({
    email: `${subject}@example.com`,
    name: subject,
    locale: 'en',
    role: 'staff',
    isAdmin: false,
    clearance: 1,
    teamIds: [],
  }));
  if (saved.outcome !== 'signed_in') throw new Error('account not saved');
  return saved.accountId;
}

export interface DirectSecretOptions {
  readonly senderId: string;
  /** Numbers the secret: its id `<idPrefix>-<n>`, its content `ciphertext-<n>`, its proof's bytes. */
  readonly n: number;
  /** Created now, expiring a minute later. */
  readonly now: number;
  readonly idPrefix?: string;
}

/** A level-1 secret from `senderId` to c@acme.test, not stored yet, with the proof that opens it. */
export function directSecret(options: DirectSecretOptions): NewSecret & { proof: Buffer } {
  const { senderId, n, now, idPrefix = 'secret' } = options;
  const proof = Buffer.alloc(32, n);
  return {
    id: `${idPrefix}-${n}`,
    version: 2,
    senderId,
    kind: 'direct',
    recipientEmail: 'c@acme.test',
    teamId: null,
    classification: 1,
    createdAt: now,
    expiresAt: now + 60_000,
    ciphertext: Buffer.from(`ciphertext-${n}`),
    iv: Buffer.alloc(12, 7),
    verifier: sha256(proof),
    proof,
  };
}

/**
 * The sender opening its own secret with the right proof hash, at the secret's creation time, unless
 * `changes` says otherwise.
 */
export function sendersBurn(secret: NewSecret, changes: Partial<BurnRequest> = {}): BurnRequest {
  return {
    id: secret.id,
    verifier: secret.verifier,
    openerId: secret.senderId,
    senderId: secret.senderId,
    classification: secret.classification,
    now: secret.createdAt,
    ...changes,
  };
}

/** How many rows `table` of the store's database holds now. */
export async function countRows(store: Store, table: keyof Database): Promise<number> {
  const { n } = await databaseForTests(store)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
