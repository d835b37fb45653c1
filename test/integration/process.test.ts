/**
 * The real entry point as an operator runs it (R1, R3): `node bin/start.js` with only environment
 * variables, JSON logs on stdout, readiness, graceful shutdown on SIGTERM, and a restart on the same data.
 * It runs from a build of the sources made when this file starts (test/support/installation.ts): the
 * checkout's own dist/ is refused by bin/start.js as soon as anyone edits src/ after `npm run build`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../scripts/build-server.ts';
import { buildInstallation } from '../support/installation.ts';
import { until } from '../support/poll.ts';
import { signIn } from '../support/sign-in.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const START_TIMEOUT_MS = 20_000;

interface Server {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  stdout(): string;
  stderr(): string;
  /** Parsed JSON log lines so far. */
  lines(): Record<string, unknown>[];
  exited: Promise<number | null>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Where bin/start.js runs from: the installation built in beforeAll. */
let installationRoot = ROOT;

function start(env: Record<string, string>, nodeArgs: readonly string[] = ['bin/start.js']): Server {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: installationRoot,
    // Only what an operator would set: nothing from the test runner's environment leaks in.
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'test', ...env },
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
    baseUrl: `http://127.0.0.1:${env.PORT}`,
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

async function readyz(server: Server): Promise<number | undefined> {
  try {
    const response = await fetch(`${server.baseUrl}/readyz`);
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined; // not listening yet
  }
}

const untilReady = (server: Server) =>
  until(async () => ((await readyz(server)) === 200 ? true : undefined), '/readyz 200', {
    timeoutMs: START_TIMEOUT_MS,
    intervalMs: 50,
  });

const waitForExit = (server: Server, timeoutMs: number) =>
  Promise.race([
    server.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no exit within ${timeoutMs} ms`)), timeoutMs).unref(),
    ),
  ]);

/**
 * A POST that stays in flight until `finish()` sends its body. With `Expect: 100-continue` the server
 * answers "100 Continue" as it hands the request to the app, so `accepted` resolves exactly when the
 * request is in flight on the server: no guessing with sleeps.
 */
function inFlightRequest(baseUrl: string, path: string) {
  const body = JSON.stringify({ proof: 'p'.repeat(43) });
  const url = new URL(path, baseUrl);
  const request = http.request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      expect: '100-continue',
      origin: url.origin,
    },
  });
  const accepted = new Promise<void>((resolve) => request.once('continue', () => resolve()));
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    request.on('error', reject);
  });
  request.flushHeaders();
  return { accepted, response, finish: () => request.end(body) };
}

describe('the process (bin/start.js)', () => {
  let dataDir: string;
  const running: Server[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'safe-share-process-'));
    const installation = buildInstallation();
    installationRoot = installation.root;
    cleanups.push(async () => installation.remove());
  });
  afterAll(async () => {
    for (const server of running) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    for (const cleanup of cleanups) await cleanup();
  });

  it('R1/R3: starts with the demo warning, finishes a request in flight on SIGTERM, exits 0, restarts on its data', async () => {
    const port = String(await freePort());
    const first = start({ PORT: port, DATA_DIR: dataDir });
    running.push(first);
    await untilReady(first);

    const lines = first.lines();
    expect(lines.find((line) => line.msg === 'listening')).toMatchObject({
      origin: `http://127.0.0.1:${port}`,
    });
    const demo = lines.find((line) => typeof line.msg === 'string' && line.msg.includes('DEMO'));
    expect(demo).toMatchObject({ level: 40, demo: true });

    const inFlight = inFlightRequest(first.baseUrl, '/api/secrets/AAAAAAAAAAAAAAAAAAAAAA/open');
    await inFlight.accepted;
    first.child.kill('SIGTERM');
    await until(
      () => (first.lines().some((line) => line.msg === 'shutting down') ? true : undefined),
      'the shutdown log line',
    );
    inFlight.finish();
    const answer = await inFlight.response;
    // A real answer from the app (not a reset connection, not a 503 for a closing server).
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(JSON.parse(answer.body).error.code).toEqual(expect.any(String));
    expect(await waitForExit(first, 15_000)).toBe(0);
    expect(first.lines().some((line) => line.msg === 'stopped')).toBe(true);

    const file = join(dataDir, 'safe-share.sqlite');
    expect(existsSync(file)).toBe(true);
    const db = new DatabaseSync(file, { readOnly: true });
    const { count } = db.prepare('SELECT count(*) AS count FROM kysely_migration').get() as { count: number };
    db.close();
    expect(count).toBeGreaterThan(0);

    const second = start({ PORT: port, DATA_DIR: dataDir });
    running.push(second);
    await untilReady(second);
    second.child.kill('SIGINT');
    expect(await waitForExit(second, 15_000)).toBe(0);
  });

  it('R3: exits 1 when requests in flight outlast SHUTDOWN_GRACE_SECONDS', async () => {
    const port = String(await freePort());
    const server = start({ PORT: port, DATA_DIR: dataDir, SHUTDOWN_GRACE_SECONDS: '1' });
    running.push(server);
    await untilReady(server);
    const stuck = inFlightRequest(server.baseUrl, '/api/secrets/AAAAAAAAAAAAAAAAAAAAAA/open');
    // Its body never comes, so the request never ends; the connection dies with the process.
    stuck.response.catch(() => {});
    await stuck.accepted;
    server.child.kill('SIGTERM');
    expect(await waitForExit(server, 10_000)).toBe(1);
    expect(
      server.lines().some((line) => line.level === 50 && String(line.msg).includes('SHUTDOWN_GRACE')),
    ).toBe(true);
  });

  it('the stripped build that npm start runs (dist/) starts, signs in and answers without the type stripper', async () => {
    // Inside the project, so the build resolves its packages from node_modules as dist/ does.
    const output = await mkdtemp(join(ROOT, '.dist-test-'));
    cleanups.push(() => rm(output, { recursive: true, force: true }));
    expect(buildServer(output)).toBeGreaterThan(50);
    const entry = pathToFileURL(join(output, 'main.js')).href;
    const port = String(await freePort());
    const server = start({ PORT: port, DATA_DIR: join(dataDir, 'built-data'), BUILT_MAIN: entry }, [
      // Any .ts import left in the build fails to load without the stripper.
      '--no-experimental-strip-types',
      '--input-type=module',
      '--eval',
      'const { main } = await import(process.env.BUILT_MAIN); await main(process.env);',
    ]);
    running.push(server);
    await untilReady(server);
    // Sign-in loads the demo provider through dynamic imports, which the build rewrites too.
    const carla = await signIn(server.baseUrl, 'carla');
    const me = await carla.fetch('/api/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ account: { email: 'carla@acme.test', role: 'customer' } });
    server.child.kill('SIGTERM');
    expect(await waitForExit(server, 15_000)).toBe(0);
  });

  it('a configuration error stops the start with exit 1, naming the variable, not the value', async () => {
    const server = start({ PORT: 'sEcReT-123', DATA_DIR: dataDir });
    running.push(server);
    expect(await waitForExit(server, 10_000)).toBe(1);
    expect(server.stderr()).toContain('PORT');
    expect(server.stderr() + server.stdout()).not.toContain('sEcReT-123');
  });

  it('R2: production without OIDC_ISSUER refuses to start', async () => {
    const server = start({ PORT: String(await freePort()), DATA_DIR: dataDir, NODE_ENV: 'production' });
    running.push(server);
    expect(await waitForExit(server, 10_000)).toBe(1);
    expect(server.stderr()).toContain('OIDC_ISSUER');
  });
});
