/**
 * Liveness and readiness (R3). `/healthz` says the process answers; `/readyz` says this instance should get
 * traffic: its database answers and it is not shutting down. A load balancer stops sending requests as soon
 * as readiness fails, while requests already in flight finish (see `main.ts`).
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../protocol/errors.ts';
import type { Store } from '../../store/connection.ts';

/** How long `/readyz` waits for the database before it answers "not ready". */
export const READINESS_PING_TIMEOUT_MS = 2_000;

/**
 * Whether this app should receive traffic. Decorated as `app.readiness`.
 * @example app.readiness.markShuttingDown(); // main.ts, on SIGTERM, before app.close()
 */
export interface Readiness {
  /** From now on `/readyz` answers 503. Idempotent; also done by `app.close()`. */
  markShuttingDown(): void;
  isShuttingDown(): boolean;
}

export function createReadiness(): Readiness {
  let shuttingDown = false;
  return {
    markShuttingDown: () => {
      shuttingDown = true;
    },
    isShuttingDown: () => shuttingDown,
  };
}

async function pingWithin(store: Store, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([store.ping().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function registerHealthRoutes(app: FastifyInstance, store: Store): void {
  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });

  app.get('/readyz', async (_request, reply) => {
    if (app.readiness.isShuttingDown() || !(await pingWithin(store, READINESS_PING_TIMEOUT_MS))) {
      throw new AppError('server.unavailable', 'not ready');
    }
    reply.header('cache-control', 'no-store');
    return { status: 'ready' };
  });
}
