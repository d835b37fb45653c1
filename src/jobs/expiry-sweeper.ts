/**
 * O3: deletes expired content (and marks its metadata expired) on a timer, and clears expired sessions
 * and sign-in flows. Opening never depends on it: the burn's own WHERE refuses expired content.
 * X6, issue 18: it also deletes audit events older than AUDIT_RETENTION_DAYS, so the trail is bounded.
 */
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import { deleteAuditEventsBefore } from '../store/audit.ts';
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
  /**
   * Audit events older than this many days are deleted; unset keeps them all. A function is asked at
   * every run: the admin setting (issue 17) can change while the service runs.
   */
  auditRetentionDays?: number | (() => Promise<number>) | undefined;
  /** Told how each run went (main.ts counts it in the metrics). */
  onSweep?: (outcome: { ok: true; secrets: number; sessions: number } | { ok: false }) => void;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** One pass; exported so tests run it at a time they choose. */
export async function sweepOnce(
  store: Store,
  now: number,
  options: { auditRetentionDays?: number | undefined } = {},
): Promise<{ secrets: number; sessions: number; auditEvents: number }> {
  const secrets = await sweepExpiredSecrets(store, now);
  const { sessions } = await deleteExpiredSessions(store, now);
  const { auditRetentionDays } = options;
  const auditEvents =
    auditRetentionDays === undefined
      ? 0
      : await deleteAuditEventsBefore(store, now - auditRetentionDays * DAY_MS);
  return { secrets, sessions, auditEvents };
}

export function startExpirySweeper(options: ExpirySweeperOptions): ExpirySweeper {
  let running: Promise<unknown> = Promise.resolve();
  const retention = options.auditRetentionDays;
  const retentionDays = async () => (typeof retention === 'function' ? retention() : retention);
  const timer = setInterval(() => {
    running = retentionDays()
      .then((auditRetentionDays) => sweepOnce(options.store, options.clock(), { auditRetentionDays }))
      .then(({ secrets, sessions, auditEvents }) => {
        options.onSweep?.({ ok: true, secrets, sessions });
        if (secrets > 0) options.logger.info({ expired: secrets }, 'expired secrets swept');
        if (auditEvents > 0)
          options.logger.info({ auditEvents }, 'audit events past their retention deleted');
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
