/**
 * One log line and one metrics sample per answered request (R3, X3). Only the method, the route PATTERN
 * (`/api/secrets/:id/open`), the status, the duration and the request id are recorded: the raw URL carries
 * secret ids and OIDC codes, headers carry cookies, bodies carry ciphertext, so none of them is logged.
 *
 * The line goes through a child logger without the redaction list (logger.ts): its fields are the five
 * above, set here and nowhere else, so no redacted key can reach it, and pino's wildcard redaction cost
 * ~17 µs per line, the largest single item of the HTTP layer in the bench's profile (issue 22). Every
 * other log line, the request's own `request.log` included, is still redacted.
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
  // Fixed fields only (see above); `redact: []` turns the parent's redaction off for this child alone.
  const lines = app.log.child({}, { redact: [] });
  // Synchronous: an async hook costs a promise and a microtask turn per request.
  app.addHook('onResponse', (request, reply, done) => {
    const route = routePattern(request);
    const status = reply.statusCode;
    const labels = { method: request.method, route, status_code: String(status) };
    const durationMs = reply.elapsedTime;
    metrics.httpRequests.inc(labels);
    metrics.httpRequestDuration.observe(labels, durationMs / 1000);
    const line = { reqId: request.id, method: request.method, route, status, durationMs };
    if (QUIET_ROUTES.has(route) && status < 500) lines.debug(line, 'request');
    else lines.info(line, 'request');
    done();
  });
}
