/** What every request and the app carry beyond Fastify's own, declared once for all route files. */
import type { Account } from '../domain/accounts.ts';
import type { Locale } from '../protocol/i18n/index.ts';
import type { Readiness } from './observability/health.ts';
import type { AppMetrics } from './observability/metrics.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in account, or null. Set by the session hook in `auth/`. */
    account: Account | null;
    /** Language for this request's messages: the account's (L2), else the visitor's choice (L3). */
    locale: Locale;
  }
  interface FastifyInstance {
    /** Origin users reach the service at; known only after listen when PUBLIC_URL is unset. */
    publicOrigin(): string;
    /** Prometheus metrics of this app; route code counts secret events on `metrics.secretEvents`. */
    metrics: AppMetrics;
    /** `/readyz` state; `markShuttingDown()` makes it answer 503 (main.ts does that on SIGTERM). */
    readiness: Readiness;
  }
}
