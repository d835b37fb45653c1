/**
 * Prometheus metrics (R3). Each app has its own registry, so tests can build many apps in one process
 * without their counters mixing; the process-wide default metrics (CPU, memory, event loop, GC) live in
 * one shared registry because they describe the process, not an app, and are merged in at scrape time.
 * Labels hold route patterns and fixed words only, never a raw URL or an id (X3).
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export const METRIC_PREFIX = 'safe_share_';

/** Label value for requests that matched no route (404s), so unknown paths cannot grow the label set. */
export const UNMATCHED_ROUTE = 'unmatched';

export interface AppMetrics {
  /** This app's own metrics (HTTP, secret events); without the process metrics. */
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'status_code'>;
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
  /**
   * Secret lifecycle events, incremented by route code.
   * @example app.metrics.secretEvents.inc({ action: 'open', outcome: 'ok' });
   */
  readonly secretEvents: Counter<'action' | 'outcome'>;
  /** The scrape: this app's metrics and the process metrics, in Prometheus text format. */
  render(): Promise<{ contentType: string; body: string }>;
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

export function createMetrics(): AppMetrics {
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
  return {
    registry,
    httpRequests,
    httpRequestDuration,
    secretEvents,
    render: async () => {
      const merged = Registry.merge([shared, registry]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}
