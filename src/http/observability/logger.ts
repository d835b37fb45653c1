/**
 * Structured logs without secrets (R3, X3). Requests are logged by route pattern (see `request-log.ts`),
 * bodies never; the redaction list is a second line of defence for anything that slips into a log object.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from '../../config.ts';

export const REDACTED_PATHS = Object.freeze([
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.ciphertext',
  '*.proof',
  '*.verifier',
  '*.iv',
  '*.code',
  '*.state',
  '*.token',
  '*.access_token',
  '*.id_token',
  '*.refresh_token',
  '*.client_secret',
  '*.password',
]);

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
      base: { service: 'safe-share' },
    },
    destination,
  );
}
