/**
 * How group commit behaves on the embedded database (issue 22), the store alone: `insertSecret` and
 * `burnSecret` (the write of a create and of an open, the same SQL as the service's) with CONCURRENCY
 * operations in flight, for each SQLITE_BATCH_MAX given, on a fresh SQLite file (synchronous = FULL, WAL).
 * Prints operations/s, p50/p99 latency, commits and operations per commit. Not part of `npm run bench`.
 *
 * @example node bench/sqlite-group-commit.ts --seconds 5 --concurrency 32 --max 1,8,32,64,256
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openStore } from '../src/store/connection.ts';
import { newId, sha256 } from '../src/store/ids.ts';
import { burnSecret, insertSecret } from '../src/store/secrets/index.ts';
import { addAccount } from './store-alone.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '32' },
    max: { type: 'string', default: '1,8,32,64,256' },
  },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);

interface Phase {
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly commits: number;
}

/** Runs `operation` from CONCURRENCY workers until `seconds` passed or `limit` operations started. */
async function phase(operation: (n: number) => Promise<void>, limit: number, commits: () => number) {
  const latencies: number[] = [];
  const before = commits();
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < limit && performance.now() - started < SECONDS * 1000) {
      const n = next++;
      const at = performance.now();
      await operation(n);
      latencies.push(performance.now() - at);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const result: Phase = {
    rps: latencies.length / (elapsed / 1000),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    commits: commits() - before,
  };
  return { result, done: latencies.length };
}

async function measure(maxBatch: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'safe-share-group-commit-'));
  let commits = 0;
  const store = await openStore({ dataDir, sqliteBatchMax: maxBatch, onSqliteCommit: () => commits++ });
  try {
    const now = Date.now();
    const senderId = await addAccount(store, 'sender', 'sender@example.com', 'staff');
    const ids: string[] = [];
    const proof = randomBytes(32);
    const verifier = sha256(proof);
    const create = async (n: number) => {
      const id = newId();
      ids[n] = id;
      await insertSecret(store, {
        id,
        version: 2,
        senderId,
        kind: 'direct',
        recipientEmail: 'carla@acme.test',
        teamId: null,
        classification: 1,
        createdAt: now,
        expiresAt: now + 3600_000,
        ciphertext: randomBytes(1024),
        iv: randomBytes(12),
        verifier,
      });
    };
    const burn = async (n: number) => {
      const content = await burnSecret(store, {
        id: ids[n] as string,
        verifier,
        openerId: senderId,
        senderId,
        classification: 1,
        now: Date.now(),
      });
      if (!content) throw new Error('burn found nothing');
    };
    const created = await phase(create, Number.POSITIVE_INFINITY, () => commits);
    const opened = await phase(burn, created.done, () => commits);
    for (const [name, { result, done }] of [
      ['create', created],
      ['open', opened],
    ] as const) {
      console.log(
        `max ${String(maxBatch).padStart(4)}  ${name.padEnd(6)} ${result.rps.toFixed(0).padStart(6)}/s  p50 ${result.p50Ms.toFixed(1)} ms  p99 ${result.p99Ms.toFixed(1)} ms  ${result.commits} commits, ${(done / Math.max(1, result.commits)).toFixed(1)} ops/commit`,
      );
    }
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(
  `store alone, ${CONCURRENCY} in flight, ${SECONDS} s per phase, ~1 KB ciphertext, synchronous = FULL`,
);
for (const max of String(values.max).split(',').map(Number)) await measure(max);
