/**
 * R5: one instance per SQLite data folder, as an operator meets it. A second `bin/start.js` on the same
 * folder exits 1 with a message that says why; an instance killed with SIGKILL (no shutdown code runs)
 * leaves no lock behind, so the next start succeeds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInstallation, type Installation } from '../support/installation.ts';
import {
  freePort,
  type RunningProcess,
  startProcess,
  stopProcess,
  untilReady,
  waitForExit,
} from '../support/processes.ts';

describe('one instance per SQLite data folder', () => {
  let installation: Installation;
  let dataDir: string;
  const running: RunningProcess[] = [];
  const start = async () => {
    const server = startProcess({
      cwd: installation.root,
      env: { PORT: String(await freePort()), DATA_DIR: dataDir },
    });
    running.push(server);
    return server;
  };

  beforeAll(() => {
    installation = buildInstallation();
    dataDir = mkdtempSync(join(tmpdir(), 'safe-share-lock-'));
  });
  afterAll(() => {
    for (const server of running) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    installation.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('R5: a second instance on the same folder refuses to start, saying why; the first keeps serving', async () => {
    const first = await start();
    await untilReady(first);
    const second = await start();
    expect(await waitForExit(second, 15_000)).toBe(1);
    expect(second.stderr()).toContain(`The data folder ${dataDir} is in use by another Safe Share instance`);
    expect((await fetch(`${first.baseUrl}/readyz`)).status).toBe(200);
    expect(await stopProcess(first)).toBe(0);
  });

  it('R5: after an instance is killed (SIGKILL), the next one starts: the lock is not left stuck', async () => {
    const crashed = await start();
    await untilReady(crashed);
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    const next = await start();
    await untilReady(next);
    expect(await stopProcess(next)).toBe(0);
  });
});
