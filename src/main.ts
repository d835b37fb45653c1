/**
 * Composition root (R1, R3): config -> logger -> store -> app -> listen -> expiry sweeper, and graceful
 * shutdown. Started by `bin/start.js`, which checks the Node version first.
 *
 * Shutdown on SIGTERM or SIGINT: `/readyz` turns 503 at once, `app.close()` stops accepting connections and
 * waits for requests in flight, then the sweeper stops and the store closes; exit 0. If that takes longer
 * than SHUTDOWN_GRACE_SECONDS the process logs it and exits 1.
 */
import pino, { type Logger } from 'pino';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { systemClock } from './domain/clock.ts';
import { buildApp } from './http/app.ts';
import { startMetricsServer } from './http/observability/index.ts';
import { createLogger } from './http/observability/logger.ts';
import { VERSION } from './http/observability/metrics.ts';
import { startExpirySweeper } from './jobs/expiry-sweeper.ts';
import { openStore } from './store/connection.ts';
import { StoreRefusedError } from './store/refusals.ts';

export const DEMO_WARNING =
  'DEMO identity provider with demo accounts is active because OIDC_ISSUER is not set: ' +
  'anyone can sign in as any demo account. Not for production.';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** Starts the service; resolves once it listens. Exits the process on a configuration error. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The message names variables, never their values.
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config, pino.destination({ dest: 1, sync: true }));
  try {
    await run(config, logger);
  } catch (error) {
    // A refusal (data folder in use, database newer than this build) is meant for the operator as it is.
    if (error instanceof StoreRefusedError)
      process.stderr.write(`Safe Share will not start: ${error.message}\n`);
    logger.fatal({ err: error }, 'start failed');
    process.exit(1);
  }
}

async function run(config: Config, logger: Logger): Promise<void> {
  const store = await openStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    poolSize: config.databasePoolSize,
    sqliteBatchMax: config.sqliteBatchMax,
    onConnectionError: (error) =>
      logger.warn({ err: error }, 'database connection lost; the pool reconnects'),
  });
  const app = await buildApp({ config, store, clock: systemClock, logger });
  await app.listen({ host: config.host, port: config.port });
  // METRICS_PORT: /metrics on a port of its own, not on the public one.
  const metricsServer =
    config.metricsPort === undefined
      ? undefined
      : await startMetricsServer(app.metrics, { host: config.host, port: config.metricsPort });
  const sweeper = startExpirySweeper({
    store,
    clock: systemClock,
    intervalMs: config.sweepIntervalSeconds * 1000,
    // The retention setting in force (AUDIT_RETENTION_DAYS until an admin changes it), at every run.
    auditRetentionDays: async () => (await app.settings.current()).auditRetentionDays,
    logger,
    onSweep: (outcome) => app.metrics.recordSweep(outcome),
  });
  logger.info(
    {
      origin: app.publicOrigin(),
      database: store.dialect,
      nodeEnv: config.nodeEnv,
      version: VERSION,
      ...(metricsServer ? { metricsPort: metricsServer.port } : {}),
    },
    'listening',
  );
  if (!config.oidcIssuer) logger.warn({ demo: true }, DEMO_WARNING);

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) {
      logger.info({ signal }, 'shutdown already in progress');
      return;
    }
    shuttingDown = true;
    const graceMs = config.shutdownGraceSeconds * 1000;
    logger.info({ signal, graceMs }, 'shutting down');
    app.readiness.markShuttingDown();
    const deadline = setTimeout(() => {
      logger.error({ graceMs }, 'shutdown took longer than SHUTDOWN_GRACE_SECONDS; exiting anyway');
      process.exit(1);
    }, graceMs);
    deadline.unref();
    // Connections that turn idle after close() began (their response was already on its way) would
    // otherwise stay open until the client's keep-alive timeout.
    const reaper = setInterval(() => app.server.closeIdleConnections(), 250);
    reaper.unref();
    try {
      await app.close();
      clearInterval(reaper);
      await metricsServer?.close();
      await sweeper.stop();
      await store.close();
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
    clearTimeout(deadline);
    logger.info('stopped');
    process.exit(0);
  };
  for (const signal of SHUTDOWN_SIGNALS) {
    process.on(signal, () => {
      void shutdown(signal);
    });
  }
}
