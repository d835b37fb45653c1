/**
 * Backup and restore of the embedded database (R5), for `safe-share backup` and `safe-share restore`.
 *
 * A backup is taken through SQLite's online backup API (`node:sqlite`'s `backup()`) from a second
 * connection while the service runs: the whole database is copied in one step, inside one read
 * transaction, so the copy is one consistent moment even while the service keeps committing (WAL lets
 * writers go on). It is written beside the target, checked, switched to a self-contained file (no `-wal`)
 * and renamed into place, so a failed backup never leaves a half file under the target's name.
 *
 * A restore checks the file first (a SQLite database, intact, with Safe Share's migration table, and no
 * migration this build does not know), then takes the data folder's instance lock, so it never runs
 * beside an instance, and puts the copy in place with one rename. Migrations newer than the backup apply
 * at the next start.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { backup, DatabaseSync } from 'node:sqlite';
import { sqliteFile } from '../store/connection.ts';
import { acquireInstanceLock } from '../store/instance-lock.ts';
import { MIGRATION_TABLE, UnknownMigrationError } from '../store/migration-check.ts';
import { migrationsFor } from '../store/migrations/index.ts';

/** Pages per backup step: all of them in one step, so the copy is one snapshot. */
const ALL_PAGES = 2 ** 31 - 1;
/** How long the backup's connection waits for a lock the service holds for a moment. */
const BUSY_TIMEOUT_MS = 10_000;
/** A backup holds ciphertexts and who shared what with whom: for the owner's eyes only. */
const BACKUP_FILE_MODE = 0o600;

/** A refusal or failure to report to the operator as it is. */
export class CommandError extends Error {
  override name = 'CommandError';
}

export interface BackupCheck {
  /** Applied migrations, oldest first. */
  readonly migrations: readonly string[];
}

/** Checks that `file` is an intact Safe Share database that this build can run; returns its migrations. */
export function checkDatabaseFile(file: string): BackupCheck {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file, { readOnly: true });
  } catch (error) {
    throw new CommandError(`${file} cannot be opened as a database: ${(error as Error).message}`);
  }
  try {
    const integrity = readIntegrity(db, file);
    if (integrity !== 'ok')
      throw new CommandError(`${file} is damaged (SQLite integrity check: ${integrity})`);
    const hasMigrations = db
      .prepare("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(MIGRATION_TABLE);
    if (!hasMigrations)
      throw new CommandError(`${file} is not a Safe Share database (no ${MIGRATION_TABLE} table)`);
    const migrations = (
      db.prepare(`SELECT name FROM ${MIGRATION_TABLE} ORDER BY name`).all() as { name: string }[]
    ).map((row) => row.name);
    const known = new Set(Object.keys(migrationsFor('sqlite')));
    const unknown = migrations.filter((name) => !known.has(name));
    if (unknown.length > 0) throw new UnknownMigrationError(unknown);
    return { migrations };
  } finally {
    db.close();
  }
}

function readIntegrity(db: DatabaseSync, file: string): string {
  try {
    const rows = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    return rows.map((row) => row.quick_check).join('; ');
  } catch (error) {
    throw new CommandError(`${file} is not a SQLite database: ${(error as Error).message}`);
  }
}

/**
 * Copies the data folder's database to `target` (a new file) while the service may be running.
 * @example await backupSqlite(config.dataDir, '/backups/safe-share-2026-11-30.sqlite');
 */
export async function backupSqlite(dataDir: string, target: string): Promise<BackupCheck> {
  const source = sqliteFile(dataDir);
  if (!existsSync(source)) throw new CommandError(`There is no database to back up at ${source} (DATA_DIR).`);
  if (existsSync(target))
    throw new CommandError(`${target} exists already; give the backup a new file name.`);
  const partial = `${target}.partial-${process.pid}`;
  const db = new DatabaseSync(source, { timeout: BUSY_TIMEOUT_MS });
  try {
    await backup(db, partial, { rate: ALL_PAGES });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  try {
    // The copy keeps the source's WAL mode; a backup should be one self-contained file.
    const copy = new DatabaseSync(partial);
    copy.exec('PRAGMA journal_mode = DELETE');
    copy.close();
    chmodSync(partial, BACKUP_FILE_MODE);
    const check = checkDatabaseFile(partial);
    renameSync(partial, target);
    return check;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Puts the backup `file` in place as the data folder's database. Refused while an instance (or another
 * command) holds the folder, and when a database is there already unless `replace` is set; a replaced
 * database is kept beside it as `safe-share.sqlite.replaced-<time>`.
 */
export function restoreSqlite(
  dataDir: string,
  file: string,
  options: { replace: boolean; now?: Date },
): BackupCheck & { replaced?: string } {
  if (!existsSync(file)) throw new CommandError(`${file} does not exist.`);
  const check = checkDatabaseFile(file);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = acquireInstanceLock(dataDir, 'safe-share restore');
  try {
    const target = sqliteFile(dataDir);
    let replaced: string | undefined;
    if (existsSync(target)) {
      if (!options.replace) {
        throw new CommandError(
          `${target} exists. To replace it with the backup, run restore with --replace ` +
            '(the current database is kept beside it).',
        );
      }
      // Opened and closed alone, SQLite folds its WAL into the file, so the kept copy is complete.
      new DatabaseSync(target).close();
      replaced = `${target}.replaced-${(options.now ?? new Date()).toISOString().replaceAll(':', '-')}`;
      renameSync(target, replaced);
    }
    for (const leftover of [`${target}-wal`, `${target}-shm`]) rmSync(leftover, { force: true });
    const partial = `${target}.partial-${process.pid}`;
    copyFileSync(file, partial);
    chmodSync(partial, BACKUP_FILE_MODE);
    renameSync(partial, target);
    return replaced ? { ...check, replaced } : check;
  } finally {
    lock.release();
  }
}
