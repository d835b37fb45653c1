/**
 * How the machine's cores are shared during a measured phase: CPU time of the service processes, of all
 * PostgreSQL processes and of this bench process (the load generator, or the store-alone driver), read
 * from /proc. It shows what bounds a rate: on 2 cores, a phase whose processes use ~2 cores in all is
 * CPU-bound, whoever the slowest part is.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;

export interface CpuUse {
  /** Cores used on average over the phase, summed over the service instances. */
  readonly service: number;
  readonly postgres: number;
  /** This process: autocannon for HTTP phases, the store calls for store-alone phases. */
  readonly bench: number;
  /** Length of the metered time in seconds: cores x seconds = CPU seconds. */
  readonly seconds: number;
}

/** User plus system time of a process in seconds; 0 once it has gone. */
function cpuSeconds(pid: number | 'self'): number {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces: utime is the 12th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return pids;
}

function sample(servicePids: readonly number[]) {
  const postgres = new Map(postgresPids().map((pid) => [pid, cpuSeconds(pid)]));
  return {
    at: performance.now(),
    service: servicePids.reduce((sum, pid) => sum + cpuSeconds(pid), 0),
    postgres,
    bench: cpuSeconds('self'),
  };
}

/** Starts measuring; `stop()` returns the average cores each side used since. */
export function startCpuMeter(servicePids: readonly number[]): { stop(): CpuUse } {
  const start = sample(servicePids);
  return {
    stop() {
      const end = sample(servicePids);
      const seconds = (end.at - start.at) / 1000;
      // A PostgreSQL backend started during the phase counts from zero.
      let postgres = 0;
      for (const [pid, used] of end.postgres) postgres += used - (start.postgres.get(pid) ?? 0);
      return {
        service: (end.service - start.service) / seconds,
        postgres: postgres / seconds,
        bench: (end.bench - start.bench) / seconds,
        seconds,
      };
    },
  };
}
