/** The bench's results: one markdown table on stdout and one JSON file per dialect in bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Figures } from './load.ts';

export interface SetupResult {
  readonly setup: string;
  readonly dialect: 'sqlite' | 'postgres';
  readonly instances: number;
  readonly create: Figures;
  readonly open: Figures;
  readonly storeAlone: { readonly create: Figures; readonly open: Figures };
  /** Per instance, bytes. */
  readonly rssIdle: readonly number[];
  readonly rssPeak: readonly number[];
  readonly checks: {
    /** Opens that did not return 200 with the sealed ciphertext. */
    readonly wrongOpens: number;
    /** Second opens (on every instance) that did not answer 404. */
    readonly secondOpensNot404: number;
    /** Secrets opened concurrently on every instance without exactly one winner (two instances only). */
    readonly raceFailures?: number;
  };
}

export interface BenchReport {
  readonly date: string;
  readonly machine: { readonly cpus: number; readonly node: string; readonly loadGenerator: string };
  readonly settings: Record<string, number | string>;
  readonly bare: Figures;
  /** Idle RSS (bytes) of an instance with a configured issuer: no demo provider loaded. */
  readonly rssIdleProduction: number;
  readonly setups: readonly SetupResult[];
}

const MiB = 1024 * 1024;
const num = (value: number, digits = 0) => value.toFixed(digits);
const mb = (values: readonly number[]) => values.map((v) => num(v / MiB)).join(' + ');
const share = (http: Figures, store: Figures) => `${num((100 * http.rps) / store.rps)}%`;
/** Cores used by the service, PostgreSQL and the bench process during the phase. */
const cores = (f: Figures) =>
  f.cpu ? [f.cpu.service, f.cpu.postgres, f.cpu.bench].map((c) => num(c, 2)).join(' / ') : '';

export function machine() {
  return {
    cpus: cpus().length,
    node: process.version,
    loadGenerator: 'autocannon in the bench process, on the same machine',
  };
}

export function table(report: BenchReport): string {
  const rows = [
    '| setup | phase | req/s | p50 ms | p99 ms | HTTP / store-alone | cores: service / PostgreSQL / bench | RSS idle MiB | RSS peak MiB |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const row = (setup: string, phase: string, f: Figures, ratio = '', idle = '', peak = '') =>
    rows.push(
      `| ${setup} | ${phase} | ${num(f.rps)} | ${num(f.p50Ms, 1)} | ${num(f.p99Ms, 1)} | ${ratio} | ${cores(f)} | ${idle} | ${peak} |`,
    );
  for (const s of report.setups) {
    row(
      s.setup,
      'create (HTTP)',
      s.create,
      share(s.create, s.storeAlone.create),
      mb(s.rssIdle),
      mb(s.rssPeak),
    );
    row(s.setup, 'open-and-burn (HTTP)', s.open, share(s.open, s.storeAlone.open));
    row(s.setup, 'store alone: create', s.storeAlone.create);
    row(s.setup, 'store alone: open-and-burn', s.storeAlone.open);
  }
  row('bare Fastify route', 'POST, same body sizes', report.bare);
  rows.push(
    `| production config (no demo provider) | idle, SQLite |  |  |  |  |  | ${mb([report.rssIdleProduction])} |  |`,
  );
  return rows.join('\n');
}

/** Writes bench/results/<date>-<dialect>.json for each dialect in the report; returns the paths. */
export function writeResults(report: BenchReport, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const dialects = [...new Set(report.setups.map((s) => s.dialect))];
  return dialects.map((dialect) => {
    const path = join(dir, `${report.date}-${dialect}.json`);
    const setups = report.setups.filter((s) => s.dialect === dialect);
    writeFileSync(path, `${JSON.stringify({ ...report, setups }, null, 2)}\n`);
    return path;
  });
}
