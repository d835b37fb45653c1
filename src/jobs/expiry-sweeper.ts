/** O3: deletes expired content and sessions on a timer. (Body lands with the secrets lifecycle.) */
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import type { Store } from '../store/connection.ts';

export interface ExpirySweeper {
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

export interface ExpirySweeperOptions {
  store: Store;
  clock: Clock;
  intervalMs: number;
  logger: Logger;
}

export function startExpirySweeper(_options: ExpirySweeperOptions): ExpirySweeper {
  return { stop: async () => {} };
}
