/**
 * One instance per SQLite data folder (R5). The embedded database serves one process: a second instance
 * on the same folder would answer readiness and split the single-writer work in two, so it is refused at
 * start.
 *
 * The lock is an operating-system file lock, held by SQLite on `safe-share.lock` in the data folder
 * through a connection that stays open in exclusive locking mode. The kernel releases it when the process
 * ends, however it ends (a crash, SIGKILL, out of memory), so no stale lock file ever blocks a restart;
 * and SQLite's own bookkeeping makes a second connection in the same process fail as well. `restore` and
 * `migrate` (src/cli/) take the same lock, so they never run beside an instance.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { StoreRefusedError } from './refusals.ts';

export const LOCK_FILE_NAME = 'safe-share.lock';

/** SQLITE_BUSY, the primary result code of a lock held elsewhere. */
const SQLITE_BUSY = 5;

/** Another process (or connection) holds the data folder's lock. */
export class InstanceLockedError extends StoreRefusedError {
  override name = 'InstanceLockedError';
}

export interface InstanceLock {
  /** Releases the lock; idempotent. */
  release(): void;
}

/**
 * Takes the data folder's lock or throws {@link InstanceLockedError} at once (no waiting).
 * @example const lock = acquireInstanceLock(config.dataDir); ...; lock.release();
 */
export function acquireInstanceLock(dataDir: string, holder = 'a Safe Share instance'): InstanceLock {
  const file = join(dataDir, LOCK_FILE_NAME);
  const connection = new DatabaseSync(file, { timeout: 0 });
  try {
    // In exclusive locking mode the lock taken by the first write transaction is kept until close; the
    // journal stays in memory so no journal file is left beside the lock.
    connection.exec(
      'PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = MEMORY; BEGIN EXCLUSIVE; COMMIT;',
    );
  } catch (error) {
    connection.close();
    if ((error as { errcode?: number }).errcode === SQLITE_BUSY) {
      throw new InstanceLockedError(
        `The data folder ${dataDir} is in use by another Safe Share instance or command (it holds ${file}). ` +
          'The embedded database serves one instance: stop the other one first, or use PostgreSQL ' +
          `(DATABASE_URL) for several instances. This was ${holder}.`,
      );
    }
    throw error;
  }
  let held = true;
  return {
    release: () => {
      if (!held) return;
      held = false;
      connection.close();
    },
  };
}
