/**
 * The store's own line of defence, on both databases: the burn and the revoke repeat the conditions that
 * `domain/` decided (proof, state, sender), so a check skipped or raced above still changes nothing
 * (O2, O3, O5, O6). And the burn's SQL as PostgreSQL really runs it: one statement.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/connection.ts';
import { sha256 } from '../../src/store/ids.ts';
import {
  burnSecret,
  claimContentQuery,
  findSessionAccountAndSecret,
  insertSecret,
  type NewSecret,
  revokeSecretOfSender,
} from '../../src/store/secrets/index.ts';
import { insertSession } from '../../src/store/sessions.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.ts';
import { addStaffAccount, directSecret, sendersBurn } from '../support/store-rows.ts';

const NOW = 1_800_000_000_000;

/** Stores secrets of `senderId`, numbered in order, each with its own proof. */
function secretMaker(store: Store, senderId: string, idPrefix: string) {
  let n = 0;
  return async (): Promise<NewSecret & { proof: Buffer }> => {
    const secret = directSecret({ senderId, n: ++n, now: NOW, idPrefix });
    await insertSecret(store, secret);
    return secret;
  };
}

/**
 * The hooks of a block on PostgreSQL with one connection, so pg_prepared_statements is the connection's
 * that ran the block's statements; `statements` is told the SQL text of each.
 */
function postgresOnOneConnection(statements: string[]): { readonly store: Store } {
  const opened = {} as { store: Store; database: TestDatabase };
  beforeAll(async () => {
    opened.database = await createTestDatabase('postgres');
    opened.store = await openStore({
      dataDir: opened.database.dataDir,
      databaseUrl: opened.database.databaseUrl,
      poolSize: 1,
      onStatement: (text) => statements.push(text),
    });
  });
  afterAll(async () => {
    await opened.store?.close();
    await opened.database?.drop();
  });
  return opened;
}

describe.each(DIALECTS)('store on %s', (dialect) => {
  let database: TestDatabase;
  let store: Store;
  let senderId: string;
  let strangerId: string;
  let newSecret: ReturnType<typeof secretMaker>;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await openStore({ dataDir: database.dataDir, databaseUrl: database.databaseUrl });
    senderId = await addStaffAccount(store, 'sender', NOW);
    strangerId = await addStaffAccount(store, 'stranger', NOW);
    newSecret = secretMaker(store, senderId, 'secret');
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  const contentRows = (id: string) =>
    databaseForTests(store)
      .selectFrom('secret_contents')
      .select('secret_id')
      .where('secret_id', '=', id)
      .execute();
  const statusOf = async (id: string) =>
    (
      await databaseForTests(store)
        .selectFrom('secrets')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;

  it('O2: the claim is one DELETE ... RETURNING keyed by id, proof hash and expiry', () => {
    const db = databaseForTests(store);
    const { sql: text } = claimContentQuery(db, { id: 'x', verifier: Buffer.alloc(32), now: NOW }).compile();
    expect(text).toMatch(
      /^delete from "secret_contents" where "secret_id" = .+ and "verifier" = .+ and "expires_at" > .+ returning "ciphertext", "iv"$/,
    );
  });

  it('O2: hands out the content once, deletes it and marks the metadata opened', async () => {
    const secret = await newSecret();
    const burn = sendersBurn(secret, { now: NOW + 1 });
    const content = await burnSecret(store, burn);
    expect(Buffer.from(content?.ciphertext ?? []).toString()).toBe(Buffer.from(secret.ciphertext).toString());
    expect(await contentRows(secret.id)).toHaveLength(0);
    const meta = await databaseForTests(store)
      .selectFrom('secrets')
      .selectAll()
      .where('id', '=', secret.id)
      .executeTakeFirstOrThrow();
    expect(meta).toMatchObject({ status: 'opened', opened_at: NOW + 1, opened_by: senderId });
    expect(await burnSecret(store, burn)).toBeNull();
  });

  it('O5, O3: deletes nothing for a wrong proof hash or an expired secret', async () => {
    const secret = await newSecret();
    expect(
      await burnSecret(store, sendersBurn(secret, { verifier: sha256(Buffer.from('wrong')) })),
    ).toBeNull();
    expect(await burnSecret(store, sendersBurn(secret, { now: secret.expiresAt }))).toBeNull();
    expect(await contentRows(secret.id)).toHaveLength(1);
    expect(await statusOf(secret.id)).toBe('waiting');
  });

  it('O2: of 20 concurrent burns exactly one gets the content', async () => {
    const secret = await newSecret();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => burnSecret(store, sendersBurn(secret))),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });

  it('O6: the revoke statement itself refuses anyone but the sender, and anything not waiting', async () => {
    const secret = await newSecret();
    expect(await revokeSecretOfSender(store, { id: secret.id, senderId: strangerId, now: NOW })).toBe(false);
    expect(await revokeSecretOfSender(store, { id: secret.id, senderId, now: secret.expiresAt })).toBe(false);
    expect(await statusOf(secret.id)).toBe('waiting');
    expect(await contentRows(secret.id)).toHaveLength(1);

    expect(await revokeSecretOfSender(store, { id: secret.id, senderId, now: NOW })).toBe(true);
    expect(await statusOf(secret.id)).toBe('revoked');
    expect(await contentRows(secret.id)).toHaveLength(0);
    expect(await burnSecret(store, sendersBurn(secret))).toBeNull();

    const opened = await newSecret();
    expect(await burnSecret(store, sendersBurn(opened))).not.toBeNull();
    expect(await revokeSecretOfSender(store, { id: opened.id, senderId, now: NOW })).toBe(false);
    expect(await statusOf(opened.id)).toBe('opened');
  });
});

describe('the burn as PostgreSQL runs it', () => {
  const statements: string[] = [];
  const pg = postgresOnOneConnection(statements);

  it('O2: one statement claims, marks opened and audits, planned once as a named statement', async () => {
    const senderId = await addStaffAccount(pg.store, 'sender', NOW);
    const secret = await secretMaker(pg.store, senderId, 'pg')();
    statements.length = 0;
    expect(await burnSecret(pg.store, sendersBurn(secret))).not.toBeNull();

    expect(statements).toHaveLength(1);
    const [burnSql] = statements;
    const claim =
      'delete from "secret_contents" where "secret_id" = $1 and "verifier" = $2 and "expires_at" > $3 ' +
      'returning "ciphertext", "iv", "secret_id"';
    const normalised = burnSql?.replace(/\s+/g, ' ').trim();
    expect(normalised).toMatch(
      new RegExp(
        [
          '^WITH claimed AS \\(',
          literal(claim),
          '\\), opened AS \\(update "secrets" set "status" = \\$\\d+, "opened_at" = \\$\\d+, "opened_by" = \\$\\d+ ',
          'where id IN \\(SELECT secret_id FROM claimed\\)\\), ',
          'audited AS \\(INSERT INTO audit_events \\("at", "actor_id", "action", "target_hash", "classification", ',
          '"outcome", "reason", "owner_id", "subject_id", "detail"\\) ',
          'SELECT \\$\\d+::bigint, \\$\\d+::text, \\$\\d+::text, \\$\\d+::text, ',
          '\\$\\d+::integer, \\$\\d+::text, \\$\\d+::text, \\$\\d+::text, \\$\\d+::text, \\$\\d+::text FROM "claimed"\\) ',
          'SELECT ciphertext, iv FROM claimed$',
        ].join(''),
      ),
    );

    // What the server holds for this connection: the same text, as a named statement it has run.
    const { rows } = await sql<{ name: string; statement: string }>`
      SELECT name, statement FROM pg_prepared_statements`.execute(databaseForTests(pg.store));
    statements.length = 0;
    const planned = rows.filter((row) => row.statement === burnSql);
    expect(planned).toHaveLength(1);
    expect(planned[0]?.name).toMatch(/^safe_share_\d+$/);

    // Nothing else touched the content: the audit row and the opened mark came from that statement.
    const audit = await databaseForTests(pg.store)
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('action', '=', 'secret.opened')
      .execute();
    expect(audit).toEqual([{ action: 'secret.opened', actor_id: senderId }]);
  });
});

describe('the new hot-path statements as PostgreSQL runs them (issue 22)', () => {
  const statements: string[] = [];
  const pg = postgresOnOneConnection(statements);

  const prepared = async () =>
    (
      await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(
        databaseForTests(pg.store),
      )
    ).rows.map((row) => row.statement);

  it('C7: a team secret with its recorded recipients is one named statement', async () => {
    const senderId = await addStaffAccount(pg.store, 'team-sender', NOW);
    const members = [
      await addStaffAccount(pg.store, 'member-1', NOW),
      await addStaffAccount(pg.store, 'member-2', NOW),
    ];
    await databaseForTests(pg.store)
      .insertInto('teams')
      .values({ id: 'ops', name: 'Ops', created_at: NOW })
      .execute();
    statements.length = 0;
    await insertSecret(pg.store, {
      id: 'team-1',
      version: 2,
      senderId,
      kind: 'team',
      recipientEmail: null,
      teamId: 'ops',
      classification: 2,
      createdAt: NOW,
      expiresAt: NOW + 60_000,
      ciphertext: Buffer.from('c'),
      iv: Buffer.alloc(12),
      verifier: sha256(Buffer.from('p')),
      recipients: members.map((accountId, i) => ({ accountId, clearance: i + 2 })),
    });
    expect(statements).toHaveLength(1);
    expect(await prepared()).toContain(statements[0]);
    const recorded = await databaseForTests(pg.store)
      .selectFrom('secret_recipients')
      .select(['account_id', 'clearance'])
      .where('secret_id', '=', 'team-1')
      .orderBy('clearance')
      .execute();
    expect(recorded).toEqual(members.map((account_id, i) => ({ account_id, clearance: i + 2 })));
  });

  it('O1, C7: the session and the secret are read in one named statement, with the recorded clearance', async () => {
    const [memberId] = (
      await databaseForTests(pg.store)
        .selectFrom('secret_recipients')
        .select('account_id')
        .orderBy('clearance')
        .execute()
    ).map((row) => row.account_id);
    await insertSession(pg.store, {
      idHash: 'h1',
      accountId: memberId ?? '',
      createdAt: NOW,
      expiresAt: NOW + 1000,
    });
    statements.length = 0;
    const found = await findSessionAccountAndSecret(pg.store, { idHash: 'h1', now: NOW, secretId: 'team-1' });
    expect(statements).toHaveLength(1);
    expect(await prepared()).toContain(statements[0]);
    expect(found?.account.id).toBe(memberId);
    expect(found?.read.secret?.facts).toMatchObject({ kind: 'team', teamId: 'ops', classification: 2 });
    expect(found?.read.recordedClearance).toBe(2);
    // An unknown id: the account, no secret. An expired session: nothing at all.
    const unknown = await findSessionAccountAndSecret(pg.store, { idHash: 'h1', now: NOW, secretId: 'nope' });
    expect(unknown?.account.id).toBe(memberId);
    expect(unknown?.read).toEqual({ secret: undefined, recordedClearance: null });
    expect(
      await findSessionAccountAndSecret(pg.store, { idHash: 'h1', now: NOW + 1000, secretId: 'team-1' }),
    ).toBe(undefined);
  });
});

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
