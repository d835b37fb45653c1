/**
 * Health, readiness, metrics, request ids and request logs (R3). Decorates the app with `metrics` (see
 * `metrics.ts`) and `readiness` (see `health.ts`); both are declared in `../context.ts`. `/metrics` is
 * served here unless METRICS_PORT moves it to a port of its own (`metrics-server.ts`, started by main.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../context.ts';
import { createReadiness, registerHealthRoutes } from './health.ts';
import { createMetrics } from './metrics.ts';
import { REQUEST_ID_HEADER } from './request-id.ts';
import { registerRequestLog } from './request-log.ts';
import { registerSignInOutcomes } from './sign-in-outcomes.ts';

export type { Readiness } from './health.ts';
export type { AppMetrics } from './metrics.ts';
export { startMetricsServer } from './metrics-server.ts';
export { requestIdGenerator } from './request-id.ts';

export async function registerObservability(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { store } = deps;
  const metrics = createMetrics(
    store.dialect === 'postgres'
      ? { poolStats: () => store.poolStats() }
      : { commitStats: () => store.commitStats() },
  );
  app.decorate('metrics', metrics);
  app.decorate('readiness', createReadiness());
  // Closing the app makes it unready at once, whoever closes it.
  app.addHook('preClose', async () => {
    app.readiness.markShuttingDown();
  });
  // A keep-alive connection left open after its last response would hold `app.close()` until the client
  // drops it; while shutting down every response ends its connection instead.
  // These hooks run for every request, so they are synchronous: an async hook costs a promise and a
  // microtask turn each time (issue 22).
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (app.readiness.isShuttingDown()) reply.header('connection', 'close');
    done(null, payload);
  });
  // Every answer names its request id (request-id.ts), so a report and the log lines meet.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  registerRequestLog(app, metrics);
  registerSignInOutcomes(app, metrics);
  registerHealthRoutes(app, deps.store);
  if (deps.config.metricsPort !== undefined) return;
  app.get('/metrics', async (_request, reply) => {
    const { contentType, body } = await metrics.render();
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  });
}
