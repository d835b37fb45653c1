/**
 * Safe Share as an operator runs it: `node bin/start.js` (or `bin/safe-share.js`) as a child process with
 * only the environment variables given, its stdout and stderr kept for assertions.
 *
 * @example
 *   const server = startProcess({ cwd: installation, env: { PORT: String(await freePort()), DATA_DIR } });
 *   await untilReady(server);
 *   server.child.kill('SIGTERM');
 *   expect(await waitForExit(server, 15_000)).toBe(0);
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { until } from './poll.ts';

export const START_TIMEOUT_MS = 20_000;

export interface RunningProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<PORT>`, from the PORT given. */
  readonly baseUrl: string;
  stdout(): string;
  stderr(): string;
  /** Parsed JSON log lines so far. */
  lines(): Record<string, unknown>[];
  readonly exited: Promise<number | null>;
}

export interface StartOptions {
  /** The installation: a folder with bin/ and dist/ (or src/). */
  readonly cwd: string;
  readonly env: Record<string, string>;
  /** Node arguments; by default `bin/start.js`. */
  readonly args?: readonly string[];
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export function startProcess(options: StartOptions): RunningProcess {
  const child = spawn(process.execPath, [...(options.args ?? ['bin/start.js'])], {
    cwd: options.cwd,
    // Only what an operator would set: nothing from the test runner's environment leaks in.
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    baseUrl: `http://127.0.0.1:${options.env.PORT ?? '3000'}`,
    stdout: () => stdout,
    stderr: () => stderr,
    lines: () =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
  };
}

/** Runs a command of the installation to its end (e.g. `bin/safe-share.js backup x`). */
export async function runToExit(
  options: StartOptions,
  timeoutMs = 30_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = startProcess(options);
  const code = await waitForExit(run, timeoutMs);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

export async function readyzStatus(server: RunningProcess): Promise<number | undefined> {
  try {
    const response = await fetch(`${server.baseUrl}/readyz`);
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined; // not listening yet
  }
}

/** Resolves when `/readyz` answers 200; rejects early if the process exits first. */
export async function untilReady(server: RunningProcess): Promise<void> {
  let exited = false;
  void server.exited.then(() => {
    exited = true;
  });
  await until(
    async () => {
      if (exited)
        throw new Error(
          `exited before ready (${server.child.exitCode}): ${server.stderr()}${server.stdout()}`,
        );
      return (await readyzStatus(server)) === 200 ? true : undefined;
    },
    '/readyz 200',
    { timeoutMs: START_TIMEOUT_MS, intervalMs: 50 },
  );
}

export function waitForExit(server: RunningProcess, timeoutMs: number): Promise<number | null> {
  return Promise.race([
    server.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no exit within ${timeoutMs} ms`)), timeoutMs).unref(),
    ),
  ]);
}

/** SIGTERM, then the exit code; SIGKILL if it does not stop in time. */
export async function stopProcess(server: RunningProcess, timeoutMs = 15_000): Promise<number | null> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.child.exitCode;
  server.child.kill('SIGTERM');
  try {
    return await waitForExit(server, timeoutMs);
  } catch (error) {
    server.child.kill('SIGKILL');
    throw error;
  }
}
