/**
 * Structured logs without secrets (R3, X3). Requests are logged by route pattern (see `request-log.ts`),
 * bodies never. Two more lines of defence for anything that slips into a log object: the serializers
 * below replace Fastify's (which would write the raw URL and client address) and keep only an error's
 * type and message, dropping fields such as a database error's `detail` that can quote row values; and
 * the redaction list censors well-known secret-bearing keys.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from '../../config.ts';
import { isoTime } from './log-time.ts';

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

interface RequestLike {
  method?: string;
  routeOptions?: { url?: string | undefined };
}

/** Method and route pattern only: `req.url` carries secret ids and OIDC codes. */
function serializeRequest(request: RequestLike): Record<string, unknown> {
  return { method: request.method, route: request.routeOptions?.url ?? 'unmatched' };
}

function serializeReply(reply: { statusCode?: number }): Record<string, unknown> {
  return { statusCode: reply.statusCode };
}

/** Type, message and stack; no own properties, which for database errors can quote the values of a row. */
function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return { type: error.name, message: error.message, stack: error.stack };
}

export const LOG_SERIALIZERS = Object.freeze({
  req: serializeRequest,
  res: serializeReply,
  err: serializeError,
});

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
      base: { service: 'safe-share' },
      serializers: { ...LOG_SERIALIZERS },
      // pino's ISO time, formatted once a second (log-time.ts).
      timestamp: isoTime,
    },
    destination,
  );
}
