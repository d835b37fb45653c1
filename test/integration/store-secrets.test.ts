/** The burn statement itself, on both databases: its SQL and its effect (O2, O3). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/connection.ts';
import { sha256 } from '../../src/store/ids.ts';
import {
  type BurnRequest,
  burnSecret,
  claimContent,
  insertSecret,
  type NewSecret,
} from '../../src/store/secrets.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.ts';

const NOW = 1_800_000_000_000;

describe.each(DIALECTS)('burn on %s', (dialect) => {
  let database: TestDatabase;
  let store: Store;
  let n = 0;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await openStore({ dataDir: database.dataDir, databaseUrl: database.databaseUrl });
    await store.db
      .insertInto('accounts')
      .values({
        id: 'sender',
        issuer: 'https://idp.test',
        subject: 's',
        email: 's@example.com',
        name: 'S',
        locale: 'en',
        role: 'staff',
        is_admin: 0,
        clearance: 1,
        status: 'active',
        created_at: NOW,
        last_login_at: NOW,
      })
      .execute();
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  async function newSecret(): Promise<NewSecret & { proof: Buffer }> {
    const proof = Buffer.alloc(32, ++n);
    const secret: NewSecret = {
      id: `secret-${n}`,
      senderId: 'sender',
      kind: 'direct',
      recipientEmail: 'c@acme.test',
      teamId: null,
      classification: 1,
      createdAt: NOW,
      expiresAt: NOW + 60_000,
      ciphertext: Buffer.from(`ciphertext-${n}`),
      iv: Buffer.alloc(12, 7),
      verifier: sha256(proof),
    };
    await insertSecret(store, secret);
    return { ...secret, proof };
  }

  /** The sender opening its own secret now, with the right proof hash, unless `changes` says otherwise. */
  const burnOf = (secret: NewSecret, changes: Partial<BurnRequest> = {}): BurnRequest => ({
    id: secret.id,
    verifier: secret.verifier,
    openerId: 'sender',
    classification: 1,
    now: NOW,
    ...changes,
  });

  const contentRows = (id: string) =>
    store.db.selectFrom('secret_contents').select('secret_id').where('secret_id', '=', id).execute();

  it('is one DELETE ... RETURNING keyed by id, proof hash and expiry', () => {
    const { sql } = claimContent(store.db, { id: 'x', verifier: Buffer.alloc(32), now: NOW }).compile();
    expect(sql).toMatch(
      /^delete from "secret_contents" where "secret_id" = .+ and "verifier" = .+ and "expires_at" > .+ returning "ciphertext", "iv"$/,
    );
  });

  it('hands out the content once, deletes it and marks the metadata opened', async () => {
    const secret = await newSecret();
    const burn = burnOf(secret, { now: NOW + 1 });
    const content = await burnSecret(store, burn);
    expect(Buffer.from(content?.ciphertext ?? []).toString()).toBe(Buffer.from(secret.ciphertext).toString());
    expect(await contentRows(secret.id)).toHaveLength(0);
    const meta = await store.db
      .selectFrom('secrets')
      .selectAll()
      .where('id', '=', secret.id)
      .executeTakeFirstOrThrow();
    expect(meta).toMatchObject({ status: 'opened', opened_at: NOW + 1, opened_by: 'sender' });
    expect(await burnSecret(store, burn)).toBeNull();
  });

  it('deletes nothing for a wrong proof hash or an expired secret', async () => {
    const secret = await newSecret();
    expect(await burnSecret(store, burnOf(secret, { verifier: sha256(Buffer.from('wrong')) }))).toBeNull();
    expect(await burnSecret(store, burnOf(secret, { now: secret.expiresAt }))).toBeNull();
    expect(await contentRows(secret.id)).toHaveLength(1);
    const meta = await store.db
      .selectFrom('secrets')
      .select('status')
      .where('id', '=', secret.id)
      .executeTakeFirstOrThrow();
    expect(meta.status).toBe('waiting');
  });

  it('of 20 concurrent burns exactly one gets the content', async () => {
    const secret = await newSecret();
    const results = await Promise.all(Array.from({ length: 20 }, () => burnSecret(store, burnOf(secret))));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });
});
