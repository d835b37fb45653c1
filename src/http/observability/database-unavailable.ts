/**
 * Tells a database that cannot be reached from a query that went wrong (R3): the API answers the first
 * with 503 `server.unavailable` (try again later; the load balancer's readiness check says the same),
 * and only the second with 500. Recognised: a connection refused, reset, timed out or not resolvable;
 * PostgreSQL shutting down, starting, or out of connections; a connection that ended mid-query; no free
 * pooled connection within the pool's timeout; and SQLite busy past its timeout, unable to open or read
 * its file, or out of disk. It reads error codes only, so it needs no database driver (http/ imports none).
 */

/** Node's network error codes for a server that cannot be reached. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception) is matched by prefix; 57P01-57P03 admin or crash
 * shutdown and "cannot connect now" (starting up); 53300 too many connections.
 */
const POSTGRES_STATES: ReadonlySet<string> = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres's own wording for a lost connection and for an exhausted pool. */
const PG_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
];

/** SQLite primary result codes: BUSY (5), IOERR (10), FULL (13), CANTOPEN (14). */
const SQLITE_CODES: ReadonlySet<number> = new Set([5, 10, 13, 14]);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || POSTGRES_STATES.has(code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
    if (code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number') return SQLITE_CODES.has(errcode & 0xff);
  }
  if (PG_MESSAGES.some((message) => error.message.startsWith(message))) return true;
  // Several addresses tried (IPv4 and IPv6), each refused.
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  return false;
}
