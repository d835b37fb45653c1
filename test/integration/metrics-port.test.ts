/**
 * R3, as an operator runs it: with METRICS_PORT the process serves /metrics there (not on PORT), its
 * expiry sweeper's runs show up in it, the start-up line names the version, and SIGTERM still exits 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/http/observability/metrics.ts';
import { buildInstallation, type Installation } from '../support/installation.ts';
import { until } from '../support/poll.ts';
import {
  freePort,
  type RunningProcess,
  startProcess,
  stopProcess,
  untilReady,
} from '../support/processes.ts';

describe('METRICS_PORT in the process', () => {
  let installation: Installation;
  let dataDir: string;
  let server: RunningProcess | undefined;
  beforeAll(() => {
    installation = buildInstallation();
    dataDir = mkdtempSync(join(tmpdir(), 'safe-share-metrics-'));
  });
  afterAll(() => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
    installation.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('R3: /metrics on METRICS_PORT only; the sweeper is counted; the version is logged', async () => {
    const metricsPort = await freePort();
    server = startProcess({
      cwd: installation.root,
      env: {
        PORT: String(await freePort()),
        METRICS_PORT: String(metricsPort),
        DATA_DIR: dataDir,
        SWEEP_INTERVAL_SECONDS: '1',
      },
    });
    await untilReady(server);
    expect(server.lines().find((line) => line.msg === 'listening')).toMatchObject({
      version: VERSION,
      metricsPort,
    });
    expect((await fetch(`${server.baseUrl}/metrics`)).status).toBe(404);
    const text = await until(
      async () => {
        const body = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
        return /^safe_share_sweeper_runs_total\{outcome="ok"\} [1-9]/m.test(body) ? body : undefined;
      },
      'a sweeper run in the metrics',
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(text).toContain(`safe_share_build_info{version="${VERSION}"`);
    expect(await stopProcess(server)).toBe(0);
  });
});
