/** O3: a secret past its expiry counts as expired even before the sweeper has marked it. */
import type { SecretStatus } from '../protocol/secrets.ts';

export function effectiveStatus(stored: SecretStatus, expiresAt: number, now: number): SecretStatus {
  return stored === 'waiting' && expiresAt <= now ? 'expired' : stored;
}

/** Expiry choices offered to senders (O3): 1 hour, 1 day, 7 days, 30 days. */
export const EXPIRY_PRESET_SECONDS: readonly number[] = Object.freeze([
  3600,
  86_400,
  7 * 86_400,
  30 * 86_400,
]);

/** The presets within the installation's maximum, with its default always among them, ascending. */
export function expiryChoices(defaultSeconds: number, maxSeconds: number): number[] {
  const within = EXPIRY_PRESET_SECONDS.filter((seconds) => seconds <= maxSeconds);
  return [...new Set([...within, defaultSeconds])].sort((a, b) => a - b);
}
