/**
 * R5: backup and restore of the embedded database while it runs, as an operator does it with
 * `bin/safe-share.js`. A running instance (a child process) is backed up while secrets are being created;
 * the backup is restored into a new data folder, and an instance started from it opens a secret shared
 * before the backup exactly once (the second open answers secret.gone), while a secret opened before the
 * backup stays gone. A restore into the folder of a running instance, `migrate` beside it, and a backup
 * from a newer version are refused.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_TABLE } from '../../src/store/migration-check.ts';
import { buildInstallation, type Installation } from '../support/installation.ts';
import {
  freePort,
  type RunningProcess,
  runToExit,
  startProcess,
  stopProcess,
  untilReady,
} from '../support/processes.ts';
import { openSecret, shareSecret, toCustomer } from '../support/secrets.ts';
import { signIn } from '../support/sign-in.ts';

describe('safe-share backup and restore (SQLite)', () => {
  let installation: Installation;
  let work: string;
  const running: RunningProcess[] = [];
  const folder = (name: string) => join(work, name);
  const command = (args: string[], env: Record<string, string>) =>
    runToExit({ cwd: installation.root, args: ['bin/safe-share.js', ...args], env });
  const start = async (dataDir: string) => {
    const server = startProcess({
      cwd: installation.root,
      // The creates during the backup go on as fast as they can: more than the rate limits allow (X4).
      env: {
        PORT: String(await freePort()),
        DATA_DIR: dataDir,
        RATE_LIMIT_CREATE_PER_ACCOUNT: '100000',
        RATE_LIMIT_CREATE_PER_ADDRESS: '100000',
      },
    });
    running.push(server);
    await untilReady(server);
    return server;
  };

  beforeAll(() => {
    installation = buildInstallation();
    work = mkdtempSync(join(tmpdir(), 'safe-share-backup-'));
  });
  afterAll(() => {
    for (const server of running) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    installation.remove();
    rmSync(work, { recursive: true, force: true });
  });

  it('R5: a backup of a running instance restores into a new folder, where a secret opens exactly once', async () => {
    const original = await start(folder('original'));
    const [sven, carla] = [await signIn(original.baseUrl, 'sven'), await signIn(original.baseUrl, 'carla')];
    const waiting = await shareSecret(sven, 'kept in the backup', toCustomer('carla@acme.test'));
    const opened = await shareSecret(sven, 'opened before the backup', toCustomer('carla@acme.test'));
    expect((await openSecret(carla, opened.id, opened.linkKey)).plaintext).toBe('opened before the backup');

    // The service keeps committing while the backup runs: creates go on until the backup has finished.
    const backupFile = join(work, 'backup.sqlite');
    let backupDone = false;
    const backingUp = command(['backup', backupFile], { DATA_DIR: folder('original') }).finally(() => {
      backupDone = true;
    });
    const createUntilDone = async () => {
      let created = 0;
      while (!backupDone) {
        expect((await shareSecret(sven, 'during the backup', toCustomer('carla@acme.test'))).status).toBe(
          201,
        );
        created++;
      }
      return created;
    };
    const [backup, ...created] = await Promise.all([backingUp, createUntilDone(), createUntilDone()]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(created.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
    expect(statSync(backupFile).mode & 0o077).toBe(0);
    expect(existsSync(`${backupFile}-wal`)).toBe(false);

    // Refused while the instance runs on the folder: restore and migrate.
    const intoRunning = await command(['restore', backupFile, '--replace'], { DATA_DIR: folder('original') });
    expect(intoRunning.code).toBe(1);
    expect(intoRunning.stderr).toContain('is in use by another Safe Share instance');
    const migrateBeside = await command(['migrate'], { DATA_DIR: folder('original') });
    expect(migrateBeside.code).toBe(1);
    expect(migrateBeside.stderr).toContain('is in use by another Safe Share instance');

    const restore = await command(['restore', backupFile], { DATA_DIR: folder('restored') });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    const restored = await start(folder('restored'));
    const carlaThere = await signIn(restored.baseUrl, 'carla');
    expect((await openSecret(carlaThere, waiting.id, waiting.linkKey)).plaintext).toBe('kept in the backup');
    expect((await openSecret(carlaThere, waiting.id, waiting.linkKey)).body.error.code).toBe('secret.gone');
    expect((await openSecret(carlaThere, opened.id, opened.linkKey)).body.error.code).toBe('secret.gone');
    // The original is untouched by all this: the same secret is still waiting there.
    expect((await openSecret(carla, waiting.id, waiting.linkKey)).plaintext).toBe('kept in the backup');

    expect(await stopProcess(restored)).toBe(0);
    expect(await stopProcess(original)).toBe(0);

    // Over an existing database only with --replace, which keeps the one that was there.
    const again = await command(['restore', backupFile], { DATA_DIR: folder('restored') });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--replace');
    const replaced = await command(['restore', backupFile, '--replace'], { DATA_DIR: folder('restored') });
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toMatch(/kept as .*safe-share\.sqlite\.replaced-/);
  });

  it('R5: a backup from a newer version is refused by restore, naming the newer migration', async () => {
    const server = await start(folder('source'));
    const backupFile = join(work, 'newer.sqlite');
    expect((await command(['backup', backupFile], { DATA_DIR: folder('source') })).code).toBe(0);
    await stopProcess(server);
    const newer = new DatabaseSync(backupFile);
    newer.exec(
      `INSERT INTO ${MIGRATION_TABLE} (name, timestamp) VALUES ('9999-newer', '2099-01-01T00:00:00Z')`,
    );
    newer.close();
    const restore = await command(['restore', backupFile], { DATA_DIR: folder('downgrade') });
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('The database has migration 9999-newer');
    expect(existsSync(join(folder('downgrade'), 'safe-share.sqlite'))).toBe(false);
  });

  it('R5: a file that is not a Safe Share database is refused, and a backup never overwrites a file', async () => {
    const notADatabase = join(work, 'not-a-database.sqlite');
    copyFileSync(join(installation.root, 'package.json'), notADatabase);
    const restore = await command(['restore', notADatabase], { DATA_DIR: folder('wrong') });
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(/not a (SQLite|Safe Share) database|cannot be opened/);
    const overwrite = await command(['backup', notADatabase], { DATA_DIR: folder('original') });
    expect(overwrite.code).toBe(1);
    expect(overwrite.stderr).toContain('exists already');
  });

  it('R5: with DATABASE_URL set, backup and restore point to pg_dump and pg_restore', async () => {
    const env = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DATA_DIR: folder('pg') };
    for (const args of [
      ['backup', join(work, 'pg.sqlite')],
      ['restore', join(work, 'pg.sqlite')],
    ]) {
      const result = await command(args, env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('pg_dump');
    }
  });

  it('R5: migrate applies the migrations to a new database and exits', async () => {
    const result = await command(['migrate'], { DATA_DIR: folder('migrated') });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const db = new DatabaseSync(join(folder('migrated'), 'safe-share.sqlite'), { readOnly: true });
    const { count } = db.prepare(`SELECT count(*) AS count FROM ${MIGRATION_TABLE}`).get() as {
      count: number;
    };
    db.close();
    expect(count).toBeGreaterThan(0);
  });
});
