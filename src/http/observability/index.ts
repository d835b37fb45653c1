/**
 * Health, readiness, metrics and request logs (R3). Decorates the app with `metrics` (see `metrics.ts`)
 * and `readiness` (see `health.ts`); both are declared in `../context.ts`.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../context.ts';
import { createReadiness, registerHealthRoutes } from './health.ts';
import { createMetrics } from './metrics.ts';
import { registerRequestLog } from './request-log.ts';

export type { Readiness } from './health.ts';
export type { AppMetrics } from './metrics.ts';

export async function registerObservability(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const metrics = createMetrics();
  app.decorate('metrics', metrics);
  app.decorate('readiness', createReadiness());
  // Closing the app makes it unready at once, whoever closes it.
  app.addHook('preClose', async () => {
    app.readiness.markShuttingDown();
  });
  // A keep-alive connection left open after its last response would hold `app.close()` until the client
  // drops it; while shutting down every response ends its connection instead.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (app.readiness.isShuttingDown()) reply.header('connection', 'close');
    return payload;
  });
  registerRequestLog(app, metrics);
  registerHealthRoutes(app, deps.store);
  app.get('/metrics', async (_request, reply) => {
    const { contentType, body } = await metrics.render();
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  });
}
