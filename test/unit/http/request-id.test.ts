/** R3: the form a proxy's request id must have to be taken. */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isRequestId, requestIdGenerator } from '../../../src/http/observability/request-id.ts';

const request = (header: string | string[] | undefined) =>
  ({ headers: header === undefined ? {} : { 'x-request-id': header } }) as unknown as IncomingMessage;

describe('request ids', () => {
  it.each(['abc', 'a'.repeat(128), 'A-1_b.c:d', '0123456789abcdef0123456789abcdef'])('%s is an id', (id) => {
    expect(isRequestId(id)).toBe(true);
  });

  it.each(['', 'a'.repeat(129), '-leading-dash', 'sp ace', 'new\nline', 'ümlaut', 'semi;colon', 42])(
    '%j is not',
    (value) => {
      expect(isRequestId(value)).toBe(false);
    },
  );

  it('R3: a repeated header (two values) is not taken', () => {
    const id = requestIdGenerator(true)(request(['one', 'two']));
    expect(id).not.toBe('one');
    expect(id).not.toBe('two');
  });

  it('R3: without a trusted proxy even a well-formed header is ignored', () => {
    expect(requestIdGenerator(false)(request('well-formed'))).not.toBe('well-formed');
  });
});
