/**
 * Boots the real app over real HTTP on 127.0.0.1 with a private database of either dialect, its logs
 * written to a file that tests can read (the no-secrets-in-logs check reads them all).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { inject } from 'vitest';
import { type Config, configWith } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/http/observability/logger.ts';
import { openStore, type Store } from '../../src/store/connection.ts';
import { type ManualClock, manualClock } from './clock.ts';
import { createTestDatabase, type DialectName, type TestDatabase } from './databases.ts';

/**
 * Every test app logs to a file in this run's folder (made by the global set-up), one file per app; the
 * set-up's teardown scans them all for secret-shaped values (log-scan.ts). Outside a vitest run: tmp.
 */
function testLogDir(): string {
  try {
    return inject('testLogDir');
  } catch {
    return join(tmpdir(), 'safe-share-test-logs');
  }
}

/**
 * Rate-limit budgets (X4) far above what any test sends: every test app runs from 127.0.0.1, so tests of
 * other rules would otherwise meet the production limits. The rate-limit tests set their own.
 */
export const GENEROUS_RATE_LIMITS: Partial<Config> = Object.freeze({
  rateLimitSignInPerAddress: 1_000_000,
  rateLimitCreatePerAccount: 1_000_000,
  rateLimitCreatePerAddress: 1_000_000,
  rateLimitOpenPerAccount: 1_000_000,
  rateLimitOpenPerAddress: 1_000_000,
  rateLimitRevokePerAccount: 1_000_000,
  rateLimitRevokePerAddress: 1_000_000,
  rateLimitInvitationPerAccount: 1_000_000,
  rateLimitInvitationPerAddress: 1_000_000,
  signInFlowsPerAddress: 100_000,
});

export interface TestApp {
  readonly app: FastifyInstance;
  readonly baseUrl: string;
  readonly store: Store;
  readonly clock: ManualClock;
  readonly database: TestDatabase;
  readonly config: Config;
  /** This app's log file (JSON lines), in this run's log folder. */
  readonly logFile: string;
  /** Stops the app and closes its store; keeps the database (for restart tests). */
  stop(): Promise<void>;
  /** Stops the app and drops its database. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  dialect: DialectName;
  /** Reuse a database (and clock) of an earlier app: a restart. */
  database?: TestDatabase;
  clock?: ManualClock;
  config?: Partial<Config>;
  /** A built web app to serve; by default none, so API tests do not depend on a build. */
  webRoot?: string;
  /** PostgreSQL: told the SQL text of every statement the store sends (store/connection.ts). */
  onStatement?: (sql: string) => void;
}

export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(options.dialect));
  const clock = options.clock ?? manualClock();
  const config = configWith({
    nodeEnv: 'test',
    port: 0,
    dataDir: database.dataDir,
    databaseUrl: database.databaseUrl,
    logLevel: 'debug',
    ...GENEROUS_RATE_LIMITS,
    ...options.config,
  });
  const logDir = testLogDir();
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.log`);
  const destination = pino.destination({ dest: logFile, sync: true });
  const logger = createLogger(config, destination);
  const store = await openStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost'),
    onStatement: options.onStatement,
  });
  const app = await buildApp({ config, store, clock, logger, webRoot: options.webRoot ?? null });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const stop = async () => {
    await app.close();
    await store.close();
  };
  return {
    app,
    baseUrl: app.publicOrigin(),
    store,
    clock,
    database,
    config,
    logFile,
    stop,
    close: async () => {
      await stop();
      await database.drop();
    },
  };
}
