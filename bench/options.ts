/**
 * What a bench run measures (issue 22). Without arguments: everything, as `npm run bench` always did.
 * With them, a part, so a change can be measured in a minute:
 *
 *   npm run bench -- --only sqlite --phase create --seconds 5
 *   npm run bench -- --only postgres --phase open --profile
 *
 * --only     comma-separated setups: sqlite, postgres (one instance), postgres2 (two), bare, idle
 *            (the production configuration's idle RSS). PostgreSQL setups need DATABASE_URL.
 * --phase    comma-separated phases: create, open.
 * --seconds  measured seconds per phase (else BENCH_SECONDS, else 10);
 * --warmup   warm-up seconds (else BENCH_WARMUP_SECONDS, else 3).
 * --no-store skips the store-alone reference (then no HTTP overhead is reported).
 * --rate     requests per second in all, instead of as many as 32 connections get answered. On a shared
 *            machine the CPU per request at full load moves with the other work (a slower database means
 *            fewer requests per event-loop turn, so more turns per request); at a fixed rate below what
 *            the service manages, two builds compare on the same footing.
 * --profile  samples the service's CPU over each measured HTTP phase (profile.ts) and writes the top
 *            self-time entries to bench/results/<date>-<dialect>-profile.json. The sampling costs the
 *            service some CPU of its own, so compare CPU figures of profiled runs only with each other.
 *            BENCH_PROFILE_DIR=<dir> also keeps the raw .cpuprofile files (Chrome DevTools opens them).
 */
import { parseArgs } from 'node:util';

export const SETUPS = ['sqlite', 'postgres', 'postgres2', 'bare', 'idle'] as const;
export type SetupName = (typeof SETUPS)[number];
export const PHASES = ['create', 'open'] as const;
export type Phase = (typeof PHASES)[number];

export interface BenchOptions {
  readonly setups: ReadonlySet<SetupName>;
  readonly phases: ReadonlySet<Phase>;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly storeAlone: boolean;
  readonly profile: boolean;
  /** Fixed request rate in all (autocannon's overallRate); undefined: as fast as answered. */
  readonly rate: number | undefined;
  /** True when every setup and phase runs: the full bench. */
  readonly full: boolean;
}

function list<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): Set<T> {
  if (value === undefined) return new Set(allowed);
  const items = value.split(',').map((item) => item.trim());
  for (const item of items) {
    if (!allowed.includes(item as T)) throw new Error(`${flag}: ${item} is not one of ${allowed.join(', ')}`);
  }
  return new Set(items as T[]);
}

function seconds(value: string | undefined, fallback: string | undefined, byDefault: number): number {
  const parsed = Number(value ?? fallback ?? byDefault);
  if (!Number.isFinite(parsed) || parsed <= 0)
    throw new Error(`not a number of seconds: ${value ?? fallback}`);
  return parsed;
}

export function benchOptions(args: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      only: { type: 'string' },
      phase: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      'no-store': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      rate: { type: 'string' },
    },
    strict: true,
  });
  const setups = list(values.only, SETUPS, '--only');
  const phases = list(values.phase, PHASES, '--phase');
  if (!env.DATABASE_URL) {
    const needs = [...setups].filter((setup) => setup.startsWith('postgres'));
    if (values.only !== undefined && needs.length > 0)
      throw new Error(`${needs.join(', ')} need DATABASE_URL`);
    setups.delete('postgres');
    setups.delete('postgres2');
  }
  return {
    setups,
    phases,
    seconds: seconds(values.seconds, env.BENCH_SECONDS, 10),
    warmupSeconds: seconds(values.warmup, env.BENCH_WARMUP_SECONDS, 3),
    storeAlone: !values['no-store'],
    profile: values.profile,
    rate: values.rate === undefined ? undefined : seconds(values.rate, undefined, 0),
    full:
      values.only === undefined &&
      values.phase === undefined &&
      !values['no-store'] &&
      values.rate === undefined,
  };
}
