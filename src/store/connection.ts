/**
 * Opens the store: embedded SQLite in the data folder by default, PostgreSQL when a URL is given.
 * Migrations run here, so every caller gets a ready schema.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { InstanceLock } from './instance-lock.ts';
import { refuseUnknownMigrations } from './migration-check.ts';
import { migrationsFor } from './migrations/index.ts';
import type { Dialect } from './migrations/types.ts';
import { QueryTarget } from './query-target.ts';
import type { Database } from './schema.ts';

/**
 * The open database: a query target (its pool) that can also be pinged and closed. Its handle stays
 * inside `store/` (see query-target.ts); every other layer calls the functions of the store modules.
 */
export interface Store extends QueryTarget {
  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  /** The PostgreSQL pool's use now, for the metrics; undefined on SQLite (one connection). */
  poolStats(): PoolStats | undefined;
  /** SQLite's group commits so far, for the metrics; undefined on PostgreSQL. */
  commitStats(): CommitStats | undefined;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL connection URL; unset selects SQLite. */
  databaseUrl?: string | undefined;
  /** Folder of the SQLite file. */
  dataDir: string;
  poolSize?: number;
  /**
   * Told when PostgreSQL drops an idle pooled connection (restart, failover, admin kill). The pool
   * discards that connection and the next query opens a new one; without a listener the process would crash.
   */
  onConnectionError?: (error: Error) => void;
  /**
   * PostgreSQL: told the SQL text of every statement the store sends (never the values), so tests can
   * assert what the server really runs.
   */
  onStatement?: (sql: string) => void;
  /**
   * SQLite: most operations (single writes or transactions) in one group commit (SQLITE_BATCH_MAX,
   * sqlite-group-commit.ts).
   */
  sqliteBatchMax?: number;
  /** SQLite: told after every COMMIT how many operations it held, so tests can count commits. */
  onSqliteCommit?: (operations: number) => void;
}

/** The default of SQLITE_BATCH_MAX (config.ts), for callers without configuration (CLI, tests). */
export const SQLITE_BATCH_MAX_DEFAULT = 64;

/** Connections of a PostgreSQL pool: open, idle among them, the most it opens, queries waiting for one. */
export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  readonly max: number;
  readonly waiting: number;
}

/**
 * SQLite's group commits since the store opened: how many COMMITs, and how many operations (single
 * writes or transactions) they held. Their ratio is the batch size an operator tunes SQLITE_BATCH_MAX by.
 */
export interface CommitStats {
  readonly commits: number;
  readonly operations: number;
}

export function sqliteFile(dataDir: string): string {
  return join(dataDir, 'safe-share.sqlite');
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const dialect: Dialect = options.databaseUrl ? 'postgres' : 'sqlite';
  let db: Kysely<Database>;
  let lock: InstanceLock | undefined;
  let poolStats: () => PoolStats | undefined = () => undefined;
  let commitStats: () => CommitStats | undefined = () => undefined;
  // Each database's modules load only when it is the one configured: the pg driver on SQLite, or
  // node:sqlite and the group commit on PostgreSQL, would only take memory (issue 22).
  if (options.databaseUrl) {
    const { openPostgres } = await import('./postgres-pool.ts');
    ({ db, poolStats } = openPostgres(options.databaseUrl, options));
  } else {
    const [{ acquireInstanceLock }, { groupCommitDialect }] = await Promise.all([
      import('./instance-lock.ts'),
      import('./sqlite-group-commit.ts'),
    ]);
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    // One process per SQLite folder (R5); refused here before the database file is even opened.
    lock = acquireInstanceLock(options.dataDir);
    // Group commit: the writes of one event-loop turn share one transaction and one fsync (DESIGN).
    const committed = { commits: 0, operations: 0 };
    commitStats = () => ({ ...committed });
    const sqliteDialect = groupCommitDialect(sqliteFile(options.dataDir), {
      maxBatch: options.sqliteBatchMax ?? SQLITE_BATCH_MAX_DEFAULT,
      onCommit: (operations) => {
        committed.commits += 1;
        committed.operations += operations;
        options.onSqliteCommit?.(operations);
      },
    });
    db = new Kysely<Database>({ dialect: sqliteDialect });
  }
  try {
    await migrate(db, dialect);
  } catch (error) {
    await db.destroy();
    lock?.release();
    throw error;
  }
  return Object.assign(new QueryTarget(db, dialect), {
    ping: async () => {
      await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    },
    poolStats,
    commitStats,
    close: async () => {
      await db.destroy();
      lock?.release();
    },
  });
}

async function migrate(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  const migrations = migrationsFor(dialect);
  // A downgrade is refused in our words, not Kysely's (R5). Checked again after a failure: a newer
  // instance may have migrated between this check and the migrator's lock.
  await refuseUnknownMigrations(db, Object.keys(migrations));
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await refuseUnknownMigrations(db, Object.keys(migrations));
    throw error;
  }
}
