import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { until } from '../support/poll.ts';

/** 22 base64url characters, the shape of a real secret id; it must never reach metrics or logs (X3). */
const SECRET_ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const OIDC_CODE = 'oidc-code-Zq81x';

const logLines = (t: TestApp) =>
  readFileSync(t.logFile, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe.each(DIALECTS)('observability on %s (R3)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ dialect });
  });
  afterAll(() => t?.close());

  it('/healthz answers 200 ok', async () => {
    const response = await fetch(`${t.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 ready while the database answers', async () => {
    const response = await fetch(`${t.baseUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('X3: /metrics counts requests by route pattern; no secret id or query reaches metrics or logs', async () => {
    const paths = [
      `/api/secrets/${SECRET_ID}/open?code=${OIDC_CODE}&state=${OIDC_CODE}`,
      `/nothing/here/${SECRET_ID}?code=${OIDC_CODE}`,
    ];
    for (const path of paths) {
      const response = await fetch(`${t.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `sid=${OIDC_CODE}`, origin: t.baseUrl },
        body: JSON.stringify({ proof: OIDC_CODE }),
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      await response.arrayBuffer();
    }

    const response = await fetch(`${t.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const metrics = await response.text();
    expect(metrics).toMatch(
      /^safe_share_http_requests_total\{method="POST",route="\/api\/secrets\/:id\/open",status_code="4\d\d"\} 1$/m,
    );
    expect(metrics).toMatch(
      /^safe_share_http_requests_total\{method="POST",route="unmatched",status_code="404"\} 1$/m,
    );
    expect(metrics).toMatch(/^safe_share_http_request_duration_seconds_bucket\{.*route="\/healthz"/m);
    expect(metrics).toContain('# TYPE safe_share_secret_events_total counter');
    expect(metrics).toContain('safe_share_process_cpu_user_seconds_total');
    expect(metrics).not.toContain(SECRET_ID);
    expect(metrics).not.toContain(OIDC_CODE);

    // The request line is written just after the response leaves, so wait for it.
    const lines = await until(() => {
      const found = logLines(t).filter((line) => line.msg === 'request' && line.method === 'POST');
      return found.length >= 2 ? found : undefined;
    }, 'the request log lines');
    expect(lines.map((line) => line.route)).toEqual(['/api/secrets/:id/open', 'unmatched']);
    for (const line of lines) {
      expect(line).toMatchObject({ reqId: expect.any(String), durationMs: expect.any(Number) });
      expect(line.status).toBeGreaterThanOrEqual(400);
      // The request line skips the redaction list (request-log.ts), so it may hold these fields only.
      expect(Object.keys(line).sort()).toEqual(
        ['durationMs', 'level', 'method', 'msg', 'reqId', 'route', 'service', 'status', 'time'].sort(),
      );
    }
    const log = readFileSync(t.logFile, 'utf8');
    expect(log).not.toContain(SECRET_ID);
    expect(log).not.toContain(OIDC_CODE);
  });

  it('counts secret events on this app only (one registry per app)', async () => {
    const other = await startTestApp({ dialect });
    try {
      t.app.metrics.secretEvents.inc({ action: 'open', outcome: 'ok' });
      const mine = await (await fetch(`${t.baseUrl}/metrics`)).text();
      const theirs = await (await fetch(`${other.baseUrl}/metrics`)).text();
      expect(mine).toMatch(/^safe_share_secret_events_total\{action="open",outcome="ok"\} 1$/m);
      expect(theirs).not.toMatch(/^safe_share_secret_events_total\{/m);
    } finally {
      await other.close();
    }
  });

  it('/readyz answers 503 server.unavailable once the app is marked shutting down', async () => {
    const other = await startTestApp({ dialect });
    try {
      other.app.readiness.markShuttingDown();
      const response = await fetch(`${other.baseUrl}/readyz`, { headers: { 'accept-language': 'de' } });
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body.error.code).toBe('server.unavailable');
      expect(typeof body.error.message).toBe('string');
      expect(response.headers.get('connection')).toBe('close');
      // Liveness is unaffected: the process still answers.
      expect((await fetch(`${other.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('/readyz answers 503 server.unavailable when the database is gone', async () => {
    const other = await startTestApp({ dialect });
    try {
      await other.store.close();
      const response = await fetch(`${other.baseUrl}/readyz`);
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe('server.unavailable');
    } finally {
      await other.app.close();
      await other.database.drop();
    }
  });
});
