/**
 * Group commit on the embedded database (DESIGN "Commits on the embedded database", decision 0018), on a
 * real SQLite file: the writes of one event-loop turn share one COMMIT; none resolves before it; a failed
 * COMMIT fails every operation of its batch and hands out no content (O2); a burn that loses inside a
 * batch gets nothing; a failed statement fails only its own operation; transactions stay atomic and
 * exclusive while other writes arrive; reads are neither delayed by a batch nor see one before its commit.
 * Commits are counted through the store's `onSqliteCommit` hook.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store, sqliteFile } from '../../src/store/connection.ts';
import { type BurnRequest, burnSecret, insertSecret, type NewSecret } from '../../src/store/secrets/index.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { addStaffAccount, directSecret, sendersBurn } from '../support/store-rows.ts';

const NOW = 1_800_000_000_000;

interface Fixture {
  readonly store: Store;
  readonly dataDir: string;
  /** Operations per COMMIT, in order. */
  readonly commits: number[];
  readonly senderId: string;
}

const opened: Fixture[] = [];

afterEach(async () => {
  for (const fixture of opened.splice(0)) {
    await fixture.store.close();
    rmSync(fixture.dataDir, { recursive: true, force: true });
  }
});

async function open(sqliteBatchMax?: number): Promise<Fixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'safe-share-group-commit-'));
  const commits: number[] = [];
  const store = await openStore({ dataDir, sqliteBatchMax, onSqliteCommit: (n) => commits.push(n) });
  const senderId = await addStaffAccount(store, 'sender', NOW);
  const fixture = { store, dataDir, commits, senderId };
  opened.push(fixture);
  commits.length = 0; // only what the test itself commits
  return fixture;
}

/** The sender's secret number `n`, and the sender's burn of it a moment after its creation. */
function secret(fixture: Fixture, n: number): NewSecret & { burn: BurnRequest } {
  const made = directSecret({ senderId: fixture.senderId, n, now: NOW });
  return { ...made, burn: sendersBurn(made, { now: NOW + 1 }) };
}

/** What a second process would see: a connection of its own, so only committed rows. */
function committedIds(fixture: Fixture): string[] {
  const db = new DatabaseSync(sqliteFile(fixture.dataDir), { readOnly: true });
  try {
    return (db.prepare('SELECT id FROM secrets ORDER BY id').all() as { id: string }[]).map((row) => row.id);
  } finally {
    db.close();
  }
}

const settingRow = (key: string) => ({ key, value: 'v', updated_at: NOW, updated_by: null });

describe('group commit on SQLite', () => {
  it('the creates of one event-loop turn share one COMMIT; none resolves before it (R2)', async () => {
    const fixture = await open();
    const events: string[] = [];
    const commits = fixture.commits;
    const secrets = Array.from({ length: 20 }, (_, n) => secret(fixture, n + 1));
    await Promise.all(
      secrets.map((s) =>
        insertSecret(fixture.store, s).then(() => {
          // Resolved only once a COMMIT holding it returned, and visible to another connection then.
          events.push(commits.length === 1 && committedIds(fixture).includes(s.id) ? 'durable' : 'early');
        }),
      ),
    );
    expect(commits).toEqual([20]);
    expect(events).toEqual(Array(20).fill('durable'));
  });

  it('a batch holds at most SQLITE_BATCH_MAX operations; a full one commits at once', async () => {
    const fixture = await open(8);
    await Promise.all(
      Array.from({ length: 20 }, (_, n) => insertSecret(fixture.store, secret(fixture, n + 1))),
    );
    expect(fixture.commits).toEqual([8, 8, 4]);
    expect(committedIds(fixture)).toHaveLength(20);
  });

  it('O2: two burns of one secret in one batch: one gets the content, the other nothing (gone)', async () => {
    const fixture = await open();
    const s = secret(fixture, 1);
    await insertSecret(fixture.store, s);
    fixture.commits.length = 0;
    const results = await Promise.all([burnSecret(fixture.store, s.burn), burnSecret(fixture.store, s.burn)]);
    expect(fixture.commits).toEqual([2]);
    expect(results.flatMap((r) => (r ? [Buffer.from(r.ciphertext).toString()] : []))).toEqual([
      'ciphertext-1',
    ]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(await burnSecret(fixture.store, s.burn)).toBeNull();
  });

  it('O2, R2: a failed COMMIT fails every operation of its batch and hands out no content', async () => {
    const fixture = await open();
    const kept = secret(fixture, 1);
    await insertSecret(fixture.store, kept);
    fixture.commits.length = 0;
    const db = databaseForTests(fixture.store);
    // A row whose foreign key is checked only at COMMIT (deferred) makes that COMMIT fail for real.
    const poison = db.transaction().execute(async (trx) => {
      await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
      await trx
        .insertInto('sessions')
        .values({ id_hash: 'h', account_id: 'no-such-account', created_at: NOW, expires_at: NOW + 1 })
        .execute();
    });
    const burn = burnSecret(fixture.store, kept.burn);
    const create = insertSecret(fixture.store, secret(fixture, 2));
    const single = db.insertInto('settings').values(settingRow('batched')).execute();
    const outcomes = await Promise.allSettled([poison, burn, create, single]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    // Each carries SQLite's codes, which the HTTP layer reads (a full disk answers 503, R3).
    for (const outcome of outcomes) {
      expect(outcome.status === 'rejected' && outcome.reason).toMatchObject({ code: 'ERR_SQLITE_ERROR' });
    }
    expect(fixture.commits).toEqual([]);
    // Nothing of the batch stayed: the secret still waits (its content was not handed out), nor was
    // the new one stored, and the next batch commits normally.
    expect(committedIds(fixture)).toEqual(['secret-1']);
    expect(Buffer.from((await burnSecret(fixture.store, kept.burn))?.ciphertext ?? []).toString()).toBe(
      'ciphertext-1',
    );
    expect(fixture.commits).toEqual([1]);
  });

  it('a statement that fails on its own fails only its own operation, not the batch', async () => {
    const fixture = await open();
    const db = databaseForTests(fixture.store);
    await db.insertInto('settings').values(settingRow('taken')).execute();
    await insertSecret(fixture.store, secret(fixture, 1));
    fixture.commits.length = 0;
    const outcomes = await Promise.allSettled([
      insertSecret(fixture.store, secret(fixture, 2)),
      insertSecret(fixture.store, secret(fixture, 1)), // the same id again: a transaction that fails
      db.insertInto('settings').values(settingRow('taken')).execute(), // a single statement that fails
      db.insertInto('settings').values(settingRow('fresh')).execute(),
      insertSecret(fixture.store, secret(fixture, 3)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(fixture.commits).toEqual([3]);
    expect(committedIds(fixture)).toEqual(['secret-1', 'secret-2', 'secret-3']);
    const keys = await db.selectFrom('settings').select('key').orderBy('key').execute();
    expect(keys.map((row) => row.key)).toEqual(['fresh', 'taken']);
  });

  it('a transaction stays atomic and exclusive while other writes arrive; reads are not held up', async () => {
    const fixture = await open();
    const db = databaseForTests(fixture.store);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inside!: () => void;
    const begun = new Promise<void>((resolve) => {
      inside = resolve;
    });
    const rolledBack = db.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values(settingRow('inside-rolled-back')).execute();
      inside();
      await held; // across event-loop turns, while the writes below arrive
      await trx.insertInto('settings').values(settingRow('inside-too')).execute();
      throw new Error('the transaction fails');
    });
    await begun;
    const others = [
      insertSecret(fixture.store, secret(fixture, 1)),
      db.insertInto('settings').values(settingRow('outside')).execute(),
    ];
    // A read runs now, on committed data: it sees no row of the open transaction.
    const readDuringTransaction = (await db.selectFrom('settings').select('key').execute()).map(
      (row) => row.key,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await expect(rolledBack).rejects.toThrow('the transaction fails');
    await Promise.all(others);
    expect(readDuringTransaction).toEqual([]);
    // The writes that waited for the lock ran after the transaction, not inside it: its rollback took
    // only its own rows.
    const keys = await db.selectFrom('settings').select('key').orderBy('key').execute();
    expect(keys.map((row) => row.key)).toEqual(['outside']);
    expect(committedIds(fixture)).toEqual(['secret-1']);

    // And a transaction that commits keeps all its rows, in the same batch as a plain write.
    fixture.commits.length = 0;
    await Promise.all([
      db.transaction().execute(async (trx) => {
        await trx.insertInto('settings').values(settingRow('both-1')).execute();
        await trx.insertInto('settings').values(settingRow('both-2')).execute();
      }),
      db.insertInto('settings').values(settingRow('beside')).execute(),
    ]);
    expect(fixture.commits).toEqual([2]);
    const after = await db.selectFrom('settings').select('key').orderBy('key').execute();
    expect(after.map((row) => row.key)).toEqual(['beside', 'both-1', 'both-2', 'outside']);
  });
});
