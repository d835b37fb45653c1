/**
 * For the tests that kill the service with SIGKILL under load and restart it on the same data (R2, O2):
 * the current sources installed as an operator runs them, on a private data folder. Their requests go
 * with a browser's session cookie (secrets.ts: postWithCookie, openWithCookie) to whichever process runs.
 *
 * @example
 *   const service = killableService({ DATABASE_URL });
 *   const server = await service.start(port);
 *   server.child.kill('SIGKILL');
 *   const restarted = await service.start(port);
 *   service.remove(); // afterAll
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SETTINGS } from '../../src/config.ts';
import { GENEROUS_RATE_LIMITS } from './app.ts';
import { buildInstallation } from './installation.ts';
import { type RunningProcess, startProcess, untilReady } from './processes.ts';

export interface KillableService {
  /** Starts a process on `port` (after a kill, the same port and data again: a restart) once ready. */
  start(port: number): Promise<RunningProcess>;
  /** SIGKILLs every process still running, then removes the installation and the data folder. */
  remove(): void;
}

/** `env` adds to what every process gets: its port, the data folder, quiet logs, generous rate limits. */
export function killableService(env: Record<string, string> = {}): KillableService {
  const installation = buildInstallation();
  const dataDir = mkdtempSync(join(tmpdir(), 'safe-share-kill-'));
  // The test apps' generous budgets, as environment variables (every request comes from 127.0.0.1).
  const limits = Object.fromEntries(
    Object.entries(GENEROUS_RATE_LIMITS).map(([key, value]) => [
      SETTINGS[key as keyof typeof SETTINGS].env,
      String(value),
    ]),
  );
  const running: RunningProcess[] = [];
  return {
    async start(port) {
      const server = startProcess({
        cwd: installation.root,
        env: { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...limits, ...env },
      });
      running.push(server);
      await untilReady(server);
      return server;
    },
    remove() {
      for (const server of running) if (server.child.exitCode === null) server.child.kill('SIGKILL');
      installation.remove();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
