/**
 * O3: deletes expired content (and marks its metadata expired) on a timer, and clears expired sessions
 * and sign-in flows. Opening never depends on it: the burn's own WHERE refuses expired content.
 */
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import type { Store } from '../store/connection.ts';
import { sweepExpiredSecrets } from '../store/secrets/index.ts';
import { deleteExpiredSessions } from '../store/sessions.ts';

export interface ExpirySweeper {
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

export interface ExpirySweeperOptions {
  store: Store;
  clock: Clock;
  intervalMs: number;
  logger: Logger;
  /** Told how each run went (main.ts counts it in the metrics). */
  onSweep?: (outcome: { ok: true; secrets: number; sessions: number } | { ok: false }) => void;
}

/** One pass; exported so tests run it at a time they choose. */
export async function sweepOnce(store: Store, now: number): Promise<{ secrets: number; sessions: number }> {
  const secrets = await sweepExpiredSecrets(store, now);
  const { sessions } = await deleteExpiredSessions(store, now);
  return { secrets, sessions };
}

export function startExpirySweeper(options: ExpirySweeperOptions): ExpirySweeper {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sweepOnce(options.store, options.clock())
      .then(({ secrets, sessions }) => {
        options.onSweep?.({ ok: true, secrets, sessions });
        if (secrets > 0) options.logger.info({ expired: secrets }, 'expired secrets swept');
      })
      .catch((error: unknown) => {
        options.onSweep?.({ ok: false });
        options.logger.error({ err: { message: (error as Error).message } }, 'expiry sweep failed');
      });
  }, options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
