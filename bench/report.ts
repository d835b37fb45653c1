/** The bench's results: one markdown table on stdout and one JSON file per dialect in bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Figures } from './load.ts';
import type { ProfileSummary } from './profile.ts';

export interface PhaseFigures {
  readonly create?: Figures;
  readonly open?: Figures;
}

export interface SetupResult extends PhaseFigures {
  readonly setup: string;
  readonly dialect: 'sqlite' | 'postgres';
  readonly instances: number;
  /** The same SQL without HTTP, as the bench process calls it; absent with --no-store. */
  readonly storeAlone?: PhaseFigures;
  /**
   * SQLite only: the same store calls with group commit, as the service commits. The share of issue 22 is
   * taken against `storeAlone` (one commit per operation); the HTTP overhead against this, since only
   * here does the store alone pay for its commits as the service does.
   */
  readonly storeAloneGroupCommit?: PhaseFigures;
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
  /** CPU profiles of the measured phases (--profile), one summary per instance. */
  readonly profiles?: Partial<Record<'create' | 'open', readonly ProfileSummary[]>>;
}

export interface BenchReport {
  readonly date: string;
  readonly machine: { readonly cpus: number; readonly node: string; readonly loadGenerator: string };
  readonly settings: Record<string, number | string | boolean | readonly string[]>;
  readonly bare?: Figures;
  /** Idle RSS (bytes) of an instance with a configured issuer: no demo provider loaded. */
  readonly rssIdleProduction?: number;
  readonly setups: readonly SetupResult[];
}

const MiB = 1024 * 1024;
const num = (value: number, digits = 0) => value.toFixed(digits);
const mb = (values: readonly number[]) => values.map((v) => num(v / MiB)).join(' + ');
const share = (http: Figures, store: Figures | undefined) =>
  store ? `${num((100 * http.rps) / store.rps)}%` : '';
/** Cores used by the service, PostgreSQL and the bench process during the phase. */
const cores = (f: Figures) =>
  f.cpu ? [f.cpu.service, f.cpu.postgres, f.cpu.bench].map((c) => num(c, 2)).join(' / ') : '';

/** CPU µs per answered request of the service processes (all instances together). */
export function serviceUsPerRequest(f: Figures): number | undefined {
  return f.cpu && f.requests > 0 ? (f.cpu.service * f.cpu.seconds * 1e6) / f.requests : undefined;
}

/** CPU µs per operation of the bench process: the store-alone driver's own cost. */
export function benchUsPerOperation(f: Figures): number | undefined {
  return f.cpu && f.requests > 0 ? (f.cpu.bench * f.cpu.seconds * 1e6) / f.requests : undefined;
}

/**
 * What HTTP adds per request on the service's thread: its CPU per request minus the store-alone
 * driver's CPU per operation (the same store calls, committed the same way, no HTTP).
 */
export function httpOverheadUs(http: Figures, store: Figures | undefined): number | undefined {
  const service = serviceUsPerRequest(http);
  const alone = store && benchUsPerOperation(store);
  return service === undefined || alone === undefined ? undefined : service - alone;
}

/** The store-alone run the HTTP overhead is taken against: the one that commits as the service does. */
function overheadReference(s: SetupResult, phase: 'create' | 'open'): Figures | undefined {
  return s.storeAloneGroupCommit?.[phase] ?? s.storeAlone?.[phase];
}

const us = (value: number | undefined) => (value === undefined ? '' : num(value));

export function machine() {
  return {
    cpus: cpus().length,
    node: process.version,
    loadGenerator: 'autocannon in the bench process, on the same machine',
  };
}

const PHASE_NAMES = { create: 'create', open: 'open-and-burn' } as const;

export function table(report: BenchReport): string {
  const rows = [
    '| setup | phase | req/s | p50 ms | p99 ms | HTTP / store-alone | cores: service / PostgreSQL / bench | CPU µs per request | HTTP overhead µs | RSS idle MiB | RSS peak MiB |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const row = (
    setup: string,
    phase: string,
    f: Figures,
    cells: {
      ratio?: string;
      cpuUs?: number | undefined;
      overhead?: number | undefined;
      idle?: string;
      peak?: string;
    },
  ) =>
    rows.push(
      `| ${setup} | ${phase} | ${num(f.rps)} | ${num(f.p50Ms, 1)} | ${num(f.p99Ms, 1)} | ${cells.ratio ?? ''} | ${cores(f)} | ${us(cells.cpuUs)} | ${us(cells.overhead)} | ${cells.idle ?? ''} | ${cells.peak ?? ''} |`,
    );
  for (const s of report.setups) {
    let first = true;
    for (const phase of ['create', 'open'] as const) {
      const http = s[phase];
      if (!http) continue;
      const store = s.storeAlone?.[phase];
      row(s.setup, `${PHASE_NAMES[phase]} (HTTP)`, http, {
        ratio: share(http, store),
        cpuUs: serviceUsPerRequest(http),
        overhead: httpOverheadUs(http, overheadReference(s, phase)),
        ...(first ? { idle: mb(s.rssIdle), peak: mb(s.rssPeak) } : {}),
      });
      first = false;
    }
    for (const phase of ['create', 'open'] as const) {
      const store = s.storeAlone?.[phase];
      if (store)
        row(s.setup, `store alone: ${PHASE_NAMES[phase]}`, store, { cpuUs: benchUsPerOperation(store) });
    }
    for (const phase of ['create', 'open'] as const) {
      const store = s.storeAloneGroupCommit?.[phase];
      if (store)
        row(s.setup, `store alone, group commit: ${PHASE_NAMES[phase]}`, store, {
          cpuUs: benchUsPerOperation(store),
        });
    }
  }
  if (report.bare) {
    row('bare Fastify route', 'POST, same body sizes', report.bare, {
      cpuUs: serviceUsPerRequest(report.bare),
    });
  }
  if (report.rssIdleProduction !== undefined) {
    rows.push(
      `| production config (no demo provider) | idle, SQLite |  |  |  |  |  |  |  | ${mb([report.rssIdleProduction])} |  |`,
    );
  }
  return rows.join('\n');
}

/** The CPU figures per phase that the table shows, kept in the JSON beside the raw ones. */
function cpuPerRequest(s: SetupResult) {
  const phases: Record<string, Record<string, number | undefined>> = {};
  for (const phase of ['create', 'open'] as const) {
    const http = s[phase];
    const store = s.storeAlone?.[phase];
    if (!http && !store) continue;
    const batched = s.storeAloneGroupCommit?.[phase];
    phases[phase] = {
      serviceUsPerRequest: http && serviceUsPerRequest(http),
      storeAloneUsPerOperation: store && benchUsPerOperation(store),
      ...(batched ? { storeAloneGroupCommitUsPerOperation: benchUsPerOperation(batched) } : {}),
      httpOverheadUs: http && httpOverheadUs(http, overheadReference(s, phase)),
    };
  }
  return phases;
}

/**
 * Writes bench/results/<date>-<dialect>.json for each dialect in the report (<date>-<dialect>-partial.json
 * for a run of some setups or phases only, so it never replaces a full run's), and
 * <date>-<dialect>-profile.json where profiles were taken; returns the paths.
 */
export function writeResults(report: BenchReport, dir: string, partial: boolean): string[] {
  mkdirSync(dir, { recursive: true });
  const dialects = [...new Set(report.setups.map((s) => s.dialect))];
  const paths: string[] = [];
  const bareUsPerRequest = report.bare && serviceUsPerRequest(report.bare);
  for (const dialect of dialects) {
    const path = join(dir, `${report.date}-${dialect}${partial ? '-partial' : ''}.json`);
    const setups = report.setups
      .filter((s) => s.dialect === dialect)
      .map(({ profiles: _profiles, ...s }) => ({ ...s, cpuPerRequest: cpuPerRequest(s) }));
    writeFileSync(path, `${JSON.stringify({ ...report, bareUsPerRequest, setups }, null, 2)}\n`);
    paths.push(path);
    const profiled = report.setups.filter((s) => s.dialect === dialect && s.profiles);
    if (profiled.length === 0) continue;
    const profilePath = join(dir, `${report.date}-${dialect}-profile.json`);
    const profiles = profiled.map((s) => ({
      setup: s.setup,
      cpuPerRequest: cpuPerRequest(s),
      ...s.profiles,
    }));
    writeFileSync(
      profilePath,
      `${JSON.stringify({ date: report.date, machine: report.machine, settings: report.settings, profiles }, null, 2)}\n`,
    );
    paths.push(profilePath);
  }
  return paths;
}
