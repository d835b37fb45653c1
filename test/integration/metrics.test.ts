/**
 * R3: the metrics an operator alerts on, besides HTTP: finished sign-ins by outcome, the database pool's
 * use (PostgreSQL), the expiry sweeper's runs, and the version that runs; and METRICS_PORT, which takes
 * /metrics off the public port.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMetricsServer } from '../../src/http/observability/index.ts';
import { VERSION } from '../../src/http/observability/metrics.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { shareSecret, toCustomer } from '../support/secrets.ts';
import { anonymousClient, attemptSignIn, signIn, signInAll } from '../support/sign-in.ts';

async function scrape(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return response.text();
}

/** The value of one sample line, e.g. `safe_share_sign_ins_total{outcome="refused"}`; undefined if absent. */
function sample(metrics: string, series: string): number | undefined {
  const line = metrics.split('\n').find((text) => text.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(DIALECTS)('metrics on %s (R3)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ dialect });
  });
  afterAll(() => t?.close());
  const metrics = () => scrape(`${t.baseUrl}/metrics`);

  it('R3: a build-info metric names the version and the Node.js that run', async () => {
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(
      sample(
        await metrics(),
        `safe_share_build_info{version="${VERSION}",node_version="${process.version}"}`,
      ),
    ).toBe(1);
  });

  it('R3, R4: finished sign-ins are counted by outcome and reason: signed in, refused', async () => {
    const before = await metrics();
    const signedIn = sample(before, 'safe_share_sign_ins_total{outcome="signed_in",reason="none"}') ?? 0;
    const unverified =
      sample(before, 'safe_share_sign_ins_total{outcome="refused",reason="email_unverified"}') ?? 0;
    const noFlow = sample(before, 'safe_share_sign_ins_total{outcome="refused",reason="no_flow"}') ?? 0;
    await signIn(t.baseUrl, 'sven');
    const uma = await attemptSignIn(t.baseUrl, 'uma'); // an unverified e-mail is refused
    expect(uma.callback.status).toBeGreaterThanOrEqual(300);
    await uma.callback.arrayBuffer();
    // A callback without a sign-in in progress (a reload, a forged link) is refused too.
    await (await anonymousClient(t.baseUrl).fetch('/auth/callback?code=x&state=y')).arrayBuffer();
    const after = await metrics();
    expect(sample(after, 'safe_share_sign_ins_total{outcome="signed_in",reason="none"}')).toBe(signedIn + 1);
    expect(sample(after, 'safe_share_sign_ins_total{outcome="refused",reason="email_unverified"}')).toBe(
      unverified + 1,
    );
    expect(sample(after, 'safe_share_sign_ins_total{outcome="refused",reason="no_flow"}')).toBe(noFlow + 1);
  });

  it('R3: the expiry sweeper runs are counted, with what they removed', async () => {
    t.app.metrics.recordSweep({ ok: true, secrets: 2, sessions: 1 });
    t.app.metrics.recordSweep({ ok: false });
    const text = await metrics();
    expect(sample(text, 'safe_share_sweeper_runs_total{outcome="ok"}')).toBe(1);
    expect(sample(text, 'safe_share_sweeper_runs_total{outcome="failed"}')).toBe(1);
    expect(sample(text, 'safe_share_sweeper_deleted_total{kind="secrets"}')).toBe(2);
    expect(sample(text, 'safe_share_sweeper_deleted_total{kind="sessions"}')).toBe(1);
    expect(sample(text, 'safe_share_sweeper_last_success_timestamp_seconds')).toBeGreaterThan(0);
  });

  it('R3: the database pool is measured on PostgreSQL (busy, idle, most, waiting)', async () => {
    const text = await metrics();
    if (dialect === 'sqlite') {
      expect(text).not.toContain('safe_share_db_pool');
      return;
    }
    expect(sample(text, 'safe_share_db_pool_max_connections')).toBe(10);
    expect(sample(text, 'safe_share_db_pool_waiting_requests')).toBe(0);
    const idle = sample(text, 'safe_share_db_pool_connections{state="idle"}') ?? -1;
    const busy = sample(text, 'safe_share_db_pool_connections{state="busy"}') ?? -1;
    expect(idle).toBeGreaterThan(0);
    expect(busy).toBeGreaterThanOrEqual(0);
    expect(idle + busy).toBeLessThanOrEqual(10);
  });

  it('R3: SQLite group commits are counted with the operations they held (the batch size); not on PostgreSQL', async () => {
    const before = await metrics();
    if (dialect === 'postgres') {
      expect(before).not.toContain('safe_share_sqlite_commit');
      return;
    }
    const commits = sample(before, 'safe_share_sqlite_commits_total') ?? -1;
    const operations = sample(before, 'safe_share_sqlite_committed_operations_total') ?? -1;
    expect(commits).toBeGreaterThan(0); // the sign-ins above wrote sessions and accounts
    expect(operations).toBeGreaterThanOrEqual(commits);
    const [sven] = await signInAll(t.baseUrl, ['sven']);
    if (!sven) throw new Error('no sven');
    const shared = await Promise.all(
      Array.from({ length: 8 }, () => shareSecret(sven, 'x', toCustomer('carla@acme.test'))),
    );
    expect(shared.map((result) => result.status)).toEqual(Array(8).fill(201));
    const after = await metrics();
    const newCommits = (sample(after, 'safe_share_sqlite_commits_total') ?? 0) - commits;
    const newOperations = (sample(after, 'safe_share_sqlite_committed_operations_total') ?? 0) - operations;
    // At least the eight creates were committed, each in some commit; commits never outnumber operations.
    expect(newOperations).toBeGreaterThanOrEqual(8);
    expect(newCommits).toBeGreaterThan(0);
    expect(newCommits).toBeLessThanOrEqual(newOperations);
  });
});

describe('METRICS_PORT (R3)', () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof startMetricsServer>>;
  beforeAll(async () => {
    t = await startTestApp({ dialect: 'sqlite', config: { metricsPort: 9464 } });
    server = await startMetricsServer(t.app.metrics, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('R3: /metrics is served on its own port and not on the public one', async () => {
    const onPublic = await fetch(`${t.baseUrl}/metrics`);
    expect(onPublic.status).toBe(404);
    expect(((await onPublic.json()) as { error: { code: string } }).error.code).toBe('route.not_found');
    await (await fetch(`${t.baseUrl}/healthz`)).arrayBuffer();
    const text = await scrape(`http://127.0.0.1:${server.port}/metrics`);
    expect(text).toMatch(
      /^safe_share_http_requests_total\{method="GET",route="\/healthz",status_code="200"\} 1$/m,
    );
    expect(text).toContain('safe_share_process_cpu_user_seconds_total');
    expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
  });
});
