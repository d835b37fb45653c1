/**
 * What the app is built from (`AppDeps`), and what every request and the app carry beyond Fastify's own,
 * declared once for all route files. Route files import from here, never from `app.ts`, which imports
 * them.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Account } from '../domain/accounts.ts';
import type { Clock } from '../domain/clock.ts';
import type { Locale } from '../protocol/i18n/index.ts';
import type { Store } from '../store/connection.ts';
import type { StoredSettings } from '../usecases/settings.ts';
import type { Readiness } from './observability/health.ts';
import type { AppMetrics } from './observability/metrics.ts';

export interface AppDeps {
  readonly config: Config;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The built browser app: undefined serves web/dist, null serves none (API-only tests). */
  readonly webRoot?: string | null;
}

/** Where the built web app's stylesheets and icon are served (same origin, so the CSP allows them). */
export interface WebAppLinks {
  readonly stylesheets: readonly string[];
  readonly icon: string | null;
}

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
    /** Prometheus metrics of this app; the secrets use cases count on `metrics.secretEvents`. */
    metrics: AppMetrics;
    /** `/readyz` state; `markShuttingDown()` makes it answer 503 (main.ts does that on SIGTERM). */
    readiness: Readiness;
    /** The run-time settings in force (C1, C2, C7, O3, S5), as admins changed them. */
    settings: StoredSettings;
    /**
     * The built web app's stylesheets and icon, for server-rendered pages in the app's look (the demo
     * sign-in page); absent when the app serves no web app.
     */
    webAppLinks?: WebAppLinks;
  }
}
