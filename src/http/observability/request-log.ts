/**
 * One log line and one metrics sample per answered request (R3, X3). Only the method, the route PATTERN
 * (`/api/secrets/:id/open`), the status, the duration and the request id are recorded: the raw URL carries
 * secret ids and OIDC codes, headers carry cookies, bodies carry ciphertext, so none of them is logged.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type AppMetrics, UNMATCHED_ROUTE } from './metrics.ts';

/** Probes and scrapes arrive every few seconds; they are logged at debug so they do not drown the rest. */
const QUIET_ROUTES: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/** The route pattern the request matched, or `unmatched`; never the URL itself. */
export function routePattern(request: FastifyRequest): string {
  return request.routeOptions.url ?? UNMATCHED_ROUTE;
}

export function registerRequestLog(app: FastifyInstance, metrics: AppMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = routePattern(request);
    const labels = { method: request.method, route, status_code: String(reply.statusCode) };
    const durationMs = reply.elapsedTime;
    metrics.httpRequests.inc(labels);
    metrics.httpRequestDuration.observe(labels, durationMs / 1000);
    // request.log already carries the request id (`reqId`).
    const line = { method: request.method, route, status: reply.statusCode, durationMs };
    if (QUIET_ROUTES.has(route) && reply.statusCode < 500) request.log.debug(line, 'request');
    else request.log.info(line, 'request');
  });
}
