/**
 * Issue 14, X1: protocol v2 binds the sender's account id into the ciphertext's additional data. A
 * database writer who changes who a secret is from gets it handed out as usual, but the recipient's
 * decryption fails; v1 secrets stored before still open. On both databases.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, sha256 } from '../../src/store/ids.ts';
import { insertSecret } from '../../src/store/secrets/index.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { DecryptionError, openSealed, proofFor, sealWithVersion } from '../../web/crypto/secret-crypto.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { accountIdOf, openSecret, shareSecret, toCustomer } from '../support/secrets.ts';
import { type SignedInClient, signInAll } from '../support/sign-in.ts';

describe.each(DIALECTS)('tamper-evident sender on %s', (dialect) => {
  let t: TestApp;
  let sven: SignedInClient;
  let ada: SignedInClient;
  let carla: SignedInClient;

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    [sven, ada, carla] = await signInAll(t.baseUrl, ['sven', 'ada', 'carla']);
  });
  afterAll(() => t?.close());

  /** What a database writer does: the secret now says it is from someone else. */
  const changeSender = (id: string, senderId: string) =>
    databaseForTests(t.store)
      .updateTable('secrets')
      .set({ sender_id: senderId })
      .where('id', '=', id)
      .execute();

  it('X1: peek and open return the stored version (2) and the sender account id', async () => {
    const shared = await shareSecret(sven, 'v2 secret', toCustomer('carla@acme.test'));
    const peek = await carla.api('POST', `/api/secrets/${shared.id}/peek`, {
      proof: await proofFor(shared.linkKey),
    });
    expect(peek.body).toMatchObject({ version: 2, senderId: await accountIdOf(sven) });
    const opened = await openSecret(carla, shared.id, shared.linkKey);
    expect(opened.body).toMatchObject({ version: 2, senderId: await accountIdOf(sven) });
    expect(opened.plaintext).toBe('v2 secret');
  });

  it('X1: a changed sender_id is handed out, but decryption with the returned sender fails', async () => {
    const shared = await shareSecret(sven, 'from sven, really', toCustomer('carla@acme.test'));
    const adaId = await accountIdOf(ada);
    await changeSender(shared.id, adaId);

    const peek = await carla.api('POST', `/api/secrets/${shared.id}/peek`, {
      proof: await proofFor(shared.linkKey),
    });
    expect(peek.body).toMatchObject({ senderId: adaId, sender: { name: 'Ada Admin' } });

    const { status, body } = await carla.api('POST', `/api/secrets/${shared.id}/open`, {
      proof: await proofFor(shared.linkKey),
    });
    expect(status).toBe(200); // the server accepted the proof and burned the secret
    expect(body).toMatchObject({ version: 2, senderId: adaId, sender: { name: 'Ada Admin' } });
    await expect(openSealed(shared.linkKey, body)).rejects.toThrow(DecryptionError);
    // Only the sender binding fails: with the real sender's id the same answer decrypts.
    expect(await openSealed(shared.linkKey, { ...body, senderId: await accountIdOf(sven) })).toBe(
      'from sven, really',
    );
  });

  it('v1 secrets stored before v2 still open (the sender is not bound in them)', async () => {
    const svenId = await accountIdOf(sven);
    const sealed = await sealWithVersion(1, 'sealed by a v1 browser', toCustomer('carla@acme.test'), {
      senderId: svenId,
    });
    const id = newId();
    const now = t.clock();
    await insertSecret(t.store, {
      id,
      version: 1,
      senderId: svenId,
      kind: 'direct',
      recipientEmail: 'carla@acme.test',
      teamId: null,
      classification: 1,
      createdAt: now,
      expiresAt: now + 3_600_000,
      ciphertext: Buffer.from(sealed.request.ciphertext, 'base64url'),
      iv: Buffer.from(sealed.request.iv, 'base64url'),
      verifier: Buffer.from(sealed.request.verifier, 'base64url'),
    });
    expect(sha256(Buffer.from(await proofFor(sealed.linkKey), 'base64url')).toString('base64url')).toBe(
      sealed.request.verifier,
    );
    const opened = await openSecret(carla, id, sealed.linkKey);
    expect(opened.status).toBe(200);
    expect(opened.body.version).toBe(1);
    expect(opened.plaintext).toBe('sealed by a v1 browser');
  });

  it('a new secret sealed with version 1 is refused (400) and nothing is stored', async () => {
    const shared = await shareSecret(sven, 'x', toCustomer('carla@acme.test'));
    const before = (await sven.api('GET', '/api/secrets')).body.sent.length;
    const sealed = await sealWithVersion(1, 'old browser', toCustomer('carla@acme.test'), {
      senderId: await accountIdOf(sven),
    });
    const refused = await sven.api('POST', '/api/secrets', { ...sealed.request, version: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('request.invalid');
    expect((await sven.api('GET', '/api/secrets')).body.sent).toHaveLength(before);
    expect(shared.status).toBe(201);
  });

  it('rows stored before migration 0002 count as version 1', async () => {
    const db = databaseForTests(t.store);
    const id = newId();
    const now = t.clock();
    // As the table was before the migration: no protocol_version given.
    await sql`INSERT INTO secrets (id, sender_id, kind, recipient_email, classification, status, created_at, expires_at)
      VALUES (${id}, ${await accountIdOf(sven)}, 'direct', 'carla@acme.test', 1, 'waiting', ${now}, ${now + 1})`.execute(
      db,
    );
    const row = await db
      .selectFrom('secrets')
      .select('protocol_version')
      .where('id', '=', id)
      .executeTakeFirst();
    expect(row?.protocol_version).toBe(1);
  });
});
