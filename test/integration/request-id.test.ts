/**
 * R3: every answer carries a request id, and the request's log line names the same id. Behind a trusted
 * proxy (TRUST_PROXY) the proxy's X-Request-Id is taken when it has the form of an id; without it, or in
 * any other form, a client's header is ignored and a random id is made, so nobody writes into our logs.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { until } from '../support/poll.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** GETs /healthz with the given X-Request-Id; returns the id answered and the id logged for it. */
async function idsOf(t: TestApp, sent?: string): Promise<{ answered: string; logged: string }> {
  const response = await fetch(
    `${t.baseUrl}/healthz`,
    sent === undefined ? {} : { headers: { 'x-request-id': sent } },
  );
  await response.arrayBuffer();
  const answered = response.headers.get('x-request-id') ?? '';
  const line = await until(
    () =>
      readFileSync(t.logFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((text) => JSON.parse(text) as { msg?: string; route?: string; reqId?: string })
        .find((entry) => entry.msg === 'request' && entry.route === '/healthz' && entry.reqId === answered),
    'the request log line',
  );
  return { answered, logged: line.reqId ?? '' };
}

describe('request ids without a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ dialect: 'sqlite', config: { trustProxy: false } });
  });
  afterAll(() => t?.close());

  it('R3: each answer gets a new random id, logged with the request', async () => {
    const first = await idsOf(t);
    const second = await idsOf(t);
    expect(first.answered).toMatch(UUID);
    expect(first.logged).toBe(first.answered);
    expect(second.answered).not.toBe(first.answered);
  });

  it("R3: a client's own X-Request-Id is never taken", async () => {
    const { answered } = await idsOf(t, 'chosen-by-the-client');
    expect(answered).toMatch(UUID);
  });
});

describe('request ids behind a trusted proxy (TRUST_PROXY=true)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ dialect: 'sqlite', config: { trustProxy: true } });
  });
  afterAll(() => t?.close());

  it.each([
    ['nginx $request_id', '0123456789abcdef0123456789abcdef'],
    ['a UUID (Caddy)', 'b2c4a1e0-5f7d-4c3b-9a8e-1d2f3a4b5c6d'],
    ['a traceparent-style id', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
  ])("R3: the proxy's id is taken, sent back and logged: %s", async (_kind, id) => {
    expect(await idsOf(t, id)).toEqual({ answered: id, logged: id });
  });

  it.each([
    ['with a space', 'two words'],
    ['with a quote and braces', '"}{"msg":"forged'],
    ['too long', 'a'.repeat(129)],
    ['empty', ''],
  ])('R3: an id %s is not taken; a random one is made', async (_kind, id) => {
    const { answered, logged } = await idsOf(t, id);
    expect(answered).toMatch(UUID);
    expect(logged).toBe(answered);
  });
});
