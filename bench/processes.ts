/**
 * Child processes for the bench: the service (`bin/start.js`, exactly as production starts it) and the
 * bare-route reference, each with its own pid so its memory is read apart from the load generator's.
 * Their stdout (JSON log lines) goes to a file; the parent polls it for the "listening" line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectorUrl } from './profile.ts';

const ROOT = join(import.meta.dirname, '..');
const START_TIMEOUT_MS = 30_000;
const POLL_MS = 50;

export interface Child {
  readonly pid: number;
  readonly baseUrl: string;
  readonly logFile: string;
  /** The inspector's WebSocket URL, when started with `inspect` (bench --profile). */
  readonly inspector?: string;
  stop(): Promise<void>;
}

/** Resident set size of a process in bytes, from /proc/<pid>/status (VmRSS). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

/** Samples the RSS of some processes every `intervalMs` and keeps the peak of each. */
export function sampleRss(pids: readonly number[], intervalMs = 100): { stop(): number[] } {
  const peaks = pids.map((pid) => rssBytes(pid));
  const timer = setInterval(() => {
    pids.forEach((pid, i) => {
      peaks[i] = Math.max(peaks[i] ?? 0, rssBytes(pid));
    });
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return pids.map((pid, i) => Math.max(peaks[i] ?? 0, rssBytes(pid)));
    },
  };
}

/**
 * The Node flags `npm start` gives the service (package.json `scripts.start`: `node <flags> bin/start.js`),
 * so the bench measures the memory settings production runs with.
 */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const match = /\bnode((?: --\S+)*) bin\/start\.js/.exec(pkg.scripts.start);
  return match?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
}

async function startChild(
  script: string,
  flags: readonly string[],
  env: Record<string, string>,
  logFile: string,
  listening: (line: Record<string, unknown>) => string | undefined,
): Promise<Child> {
  const out = openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, [...flags, join(ROOT, script)], {
    cwd: ROOT,
    // BENCH_NODE_OPTIONS reaches the children only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? '', ...env },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? -1;
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`${script} exited with ${exited}; see ${logFile}`);
    for (const text of readFileSync(logFile, 'utf8').split('\n')) {
      if (!text.startsWith('{')) continue;
      const baseUrl = listening(JSON.parse(text) as Record<string, unknown>);
      if (baseUrl && child.pid !== undefined) {
        const pid = child.pid;
        const inspector = inspectorUrl(readFileSync(logFile, 'utf8'));
        return {
          pid,
          baseUrl,
          logFile,
          ...(inspector ? { inspector } : {}),
          stop: () =>
            new Promise((resolve) => {
              if (exited !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        };
      }
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  child.kill('SIGKILL');
  throw new Error(`${script} did not start within ${START_TIMEOUT_MS} ms; see ${logFile}`);
}

/** Budgets far above the bench's load, for every rate-limited action (docs/operations.md, "Rate limits"). */
const BENCH_RATE_LIMITS = Object.freeze({
  RATE_LIMIT_SIGN_IN_PER_ADDRESS: '1000000',
  RATE_LIMIT_CREATE_PER_ACCOUNT: '1000000',
  RATE_LIMIT_CREATE_PER_ADDRESS: '1000000',
  RATE_LIMIT_OPEN_PER_ACCOUNT: '1000000',
  RATE_LIMIT_OPEN_PER_ADDRESS: '1000000',
  RATE_LIMIT_REVOKE_PER_ACCOUNT: '1000000',
  RATE_LIMIT_REVOKE_PER_ADDRESS: '1000000',
  RATE_LIMIT_INVITATION_PER_ACCOUNT: '1000000',
  RATE_LIMIT_INVITATION_PER_ADDRESS: '1000000',
  SIGN_IN_FLOWS_PER_ADDRESS: '100000',
});

/** Starts the service as `npm start` does (`node <flags> bin/start.js`) on a free port, logging at `info`. */
export function startService(options: {
  dataDir: string;
  databaseUrl?: string;
  logFile: string;
  /** Extra environment, e.g. a configured OIDC issuer instead of the demo provider. */
  env?: Record<string, string>;
  /** Opens the inspector on a free loopback port, for the profiler (profile.ts). */
  inspect?: boolean;
}) {
  return startChild(
    'bin/start.js',
    [...startFlags(), ...(options.inspect ? ['--inspect=127.0.0.1:0'] : [])],
    {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: options.dataDir,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      // The bench sends far more from 127.0.0.1 than any person would: lift the rate limits (X4).
      ...BENCH_RATE_LIMITS,
      ...options.env,
    },
    options.logFile,
    (line) => (line.msg === 'listening' ? (line.origin as string) : undefined),
  );
}

/** Starts reference (a): a bare Fastify route answering a body of `bodyBytes`. */
export function startBareServer(options: { bodyBytes: number; logFile: string }) {
  return startChild(
    'bench/bare-server.ts',
    startFlags(),
    { BODY_BYTES: String(options.bodyBytes) },
    options.logFile,
    (line) => (line.msg === 'listening' ? (line.origin as string) : undefined),
  );
}
