/** R3: which failures mean "the database cannot be reached" (503) rather than a bug (500). */
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../../src/http/observability/database-unavailable.ts';

const withCode = (message: string, fields: Record<string, unknown>) =>
  Object.assign(new Error(message), fields);

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' })],
    ['host not found', withCode('getaddrinfo ENOTFOUND db', { code: 'ENOTFOUND' })],
    [
      'PostgreSQL shutting down',
      withCode('terminating connection due to administrator command', { code: '57P01' }),
    ],
    ['PostgreSQL starting up', withCode('the database system is starting up', { code: '57P03' })],
    ['too many connections', withCode('sorry, too many clients already', { code: '53300' })],
    ['a connection exception', withCode('connection failure', { code: '08006' })],
    ['a connection ended mid-query', new Error('Connection terminated unexpectedly')],
    ['no pooled connection in time', new Error('timeout exceeded when trying to connect')],
    [
      'every address refused',
      new AggregateError([withCode('refused', { code: 'ECONNREFUSED' })], 'all failed'),
    ],
    [
      'SQLite busy past its timeout',
      withCode('database is locked', { code: 'ERR_SQLITE_ERROR', errcode: 5 }),
    ],
    [
      'SQLite disk I/O error',
      withCode('disk I/O error', { code: 'ERR_SQLITE_ERROR', errcode: 10 | (4 << 8) }),
    ],
    ['SQLite disk full', withCode('database or disk is full', { code: 'ERR_SQLITE_ERROR', errcode: 13 })],
  ])('R3: %s is "unavailable"', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('duplicate key value', { code: '23505' })],
    ['a syntax error', withCode('syntax error at or near', { code: '42601' })],
    [
      'a SQLite constraint failure',
      withCode('UNIQUE constraint failed', { code: 'ERR_SQLITE_ERROR', errcode: 19 }),
    ],
    ['a plain bug', new TypeError('undefined is not a function')],
    ['not an error at all', 'ECONNREFUSED'],
  ])('R3: %s is not', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
