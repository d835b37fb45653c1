/**
 * Prometheus metrics (R3). Each app has its own registry, so tests can build many apps in one process
 * without their counters mixing; the process-wide default metrics (CPU, memory, event loop, GC) live in
 * one shared registry because they describe the process, not an app, and are merged in at scrape time.
 * Labels hold route patterns, error codes and fixed words only, never a raw URL or an id (X3).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { CommitStats, PoolStats } from '../../store/connection.ts';

export const METRIC_PREFIX = 'safe_share_';

/** Label value for requests that matched no route (404s), so unknown paths cannot grow the label set. */
export const UNMATCHED_ROUTE = 'unmatched';

/** The package version, for the build-info metric; the same depth from src/ and dist/. */
export const VERSION: string = (
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/** What one run of the expiry sweeper did (`jobs/expiry-sweeper.ts`). */
export type SweepOutcome = { ok: true; secrets: number; sessions: number } | { ok: false };

export interface AppMetrics {
  /** This app's own metrics (HTTP, secret events, sign-ins, sweeps, pool, build); without the process metrics. */
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'status_code'>;
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
  /**
   * Secret lifecycle events, counted by the secrets use cases.
   * @example app.metrics.secretEvents.inc({ action: 'open', outcome: 'ok' });
   */
  readonly secretEvents: Counter<'action' | 'outcome'>;
  /**
   * Sign-ins by outcome (signed_in, refused, failed) and reason (`none`, or why it failed: see
   * `auth/sign-in-failure.ts`). Counted by `sign-in-outcomes.ts`.
   */
  readonly signIns: Counter<'outcome' | 'reason'>;
  /** Records one run of the expiry sweeper. */
  recordSweep(outcome: SweepOutcome): void;
  /** The scrape: this app's metrics and the process metrics, in Prometheus text format. */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  /** The database pool's use now; undefined where there is no pool (SQLite). */
  readonly poolStats?: () => PoolStats | undefined;
  /** SQLite's group commits so far; undefined on PostgreSQL. */
  readonly commitStats?: () => CommitStats | undefined;
}

let processRegistry: Registry | undefined;

/** Default metrics are collected once per process: each collector starts its own event-loop monitor. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: METRIC_PREFIX });
  }
  return processRegistry;
}

export function createMetrics(options: MetricsOptions = {}): AppMetrics {
  const registry = new Registry();
  const shared = processMetrics();
  const httpRequests = new Counter({
    name: `${METRIC_PREFIX}http_requests_total`,
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [registry],
  });
  const httpRequestDuration = new Histogram({
    name: `${METRIC_PREFIX}http_request_duration_seconds`,
    help: 'Time from request to response, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const secretEvents = new Counter({
    name: `${METRIC_PREFIX}secret_events_total`,
    help: 'Secret lifecycle events (created, opened, refused, revoked ...) by action and outcome.',
    labelNames: ['action', 'outcome'] as const,
    registers: [registry],
  });
  const signIns = new Counter({
    name: `${METRIC_PREFIX}sign_ins_total`,
    help: 'Sign-ins by outcome (signed_in, refused, failed) and reason: none, or why it failed (issuer_unreachable, client_rejected, email_unverified ...). A start that fails (/auth/login) counts as failed.',
    labelNames: ['outcome', 'reason'] as const,
    registers: [registry],
  });
  const sweeps = new Counter({
    name: `${METRIC_PREFIX}sweeper_runs_total`,
    help: 'Runs of the expiry sweeper by outcome (ok, failed).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const swept = new Counter({
    name: `${METRIC_PREFIX}sweeper_deleted_total`,
    help: 'What the expiry sweeper removed: expired secrets and expired sessions.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const lastSweep = new Gauge({
    name: `${METRIC_PREFIX}sweeper_last_success_timestamp_seconds`,
    help: 'When the expiry sweeper last finished without error (Unix time); 0 before the first run.',
    registers: [registry],
  });
  registerPoolGauges(registry, options.poolStats);
  registerCommitCounters(registry, options.commitStats);
  new Gauge({
    name: `${METRIC_PREFIX}build_info`,
    help: 'Always 1; the labels say which version runs on which Node.js.',
    labelNames: ['version', 'node_version'] as const,
    registers: [registry],
  }).set({ version: VERSION, node_version: process.version }, 1);
  return {
    registry,
    httpRequests,
    httpRequestDuration,
    secretEvents,
    signIns,
    recordSweep: (outcome) => {
      if (!outcome.ok) {
        sweeps.inc({ outcome: 'failed' });
        return;
      }
      sweeps.inc({ outcome: 'ok' });
      swept.inc({ kind: 'secrets' }, outcome.secrets);
      swept.inc({ kind: 'sessions' }, outcome.sessions);
      lastSweep.set(Date.now() / 1000);
    },
    render: async () => {
      const merged = Registry.merge([shared, registry]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}

/** PostgreSQL pool gauges, read at scrape time. */
function registerPoolGauges(registry: Registry, poolStats: MetricsOptions['poolStats']): void {
  if (!poolStats) return;
  new Gauge({
    name: `${METRIC_PREFIX}db_pool_connections`,
    help: 'PostgreSQL connections of this instance by state: busy (running a query) or idle.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = poolStats();
      if (!stats) return;
      this.set({ state: 'busy' }, stats.total - stats.idle);
      this.set({ state: 'idle' }, stats.idle);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}db_pool_max_connections`,
    help: 'The most PostgreSQL connections this instance opens (DATABASE_POOL_SIZE).',
    registers: [registry],
    collect() {
      const stats = poolStats();
      if (stats) this.set(stats.max);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}db_pool_waiting_requests`,
    help: 'Queries waiting for a free PostgreSQL connection; above 0 for long, the pool is too small.',
    registers: [registry],
    collect() {
      const stats = poolStats();
      if (stats) this.set(stats.waiting);
    },
  });
}

/**
 * SQLite group commits, read at scrape time from the store's running totals. Operations per commit
 * (rate of the one over rate of the other) is the batch size: near 1 under light load, and at
 * SQLITE_BATCH_MAX when batches are cut short (docs/operations.md).
 */
function registerCommitCounters(registry: Registry, commitStats: MetricsOptions['commitStats']): void {
  if (!commitStats) return;
  const counter = (name: string, help: string, read: (stats: CommitStats) => number) =>
    new Counter({
      name: `${METRIC_PREFIX}${name}`,
      help,
      registers: [registry],
      collect() {
        const stats = commitStats();
        if (!stats) return;
        // The store keeps the total; a counter can only be raised, so it is set by reset and raise.
        this.reset();
        this.inc(read(stats));
      },
    });
  counter('sqlite_commits_total', 'SQLite group commits (one fsync each).', (stats) => stats.commits);
  counter(
    'sqlite_committed_operations_total',
    'Writes and transactions the SQLite group commits held; over sqlite_commits_total, the batch size.',
    (stats) => stats.operations,
  );
}
