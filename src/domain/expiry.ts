/** O3: a secret past its expiry counts as expired even before the sweeper has marked it. */
import type { SecretStatus } from '../protocol/secrets.ts';

export function effectiveStatus(stored: SecretStatus, expiresAt: number, now: number): SecretStatus {
  return stored === 'waiting' && expiresAt <= now ? 'expired' : stored;
}
