/**
 * The load generator: autocannon at a fixed number of connections, either for a duration after a
 * warm-up (create, bare route), or for an exact list of distinct requests (open-and-burn: each id once).
 */
import autocannon from 'autocannon';
import type { CpuUse } from './cpu.ts';

export interface Figures {
  /** Completed requests per second over the measured phase. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Answers other than the expected status, plus connection errors and timeouts. */
  readonly failures: number;
  /** Cores used during the measured phase, when a meter was given. */
  readonly cpu?: CpuUse;
}

/** Starts a CPU meter at the beginning of the measured phase (see cpu.ts). */
export type Meter = () => { stop(): CpuUse };

/**
 * Runs around the measured phase only, outside the meter: starts something (the profiler, profile.ts)
 * and returns what stops it.
 */
export type Bracket = () => Promise<() => Promise<void>>;

export interface Target {
  /** One base URL, or several: autocannon then spreads the connections over them round-robin. */
  readonly urls: readonly string[];
  readonly path: string;
  readonly headers: Record<string, string>;
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** `seconds`: the measured time, when the caller knows it better than autocannon's own. */
function figures(result: autocannon.Result, failures: number, seconds = result.duration): Figures {
  const requests = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    rps: requests / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests,
    failures: failures + result.errors + result.timeouts,
  };
}

function baseOptions(target: Target, connections: number, rate?: number): autocannon.Options {
  const urls = target.urls.map((url) => new URL(target.path, url).href);
  return {
    ...(rate === undefined ? {} : { overallRate: rate }),
    // autocannon accepts several URLs (connection i goes to url i mod n); its types say one.
    url: (urls.length === 1 ? urls[0] : urls) as string,
    connections,
    method: 'POST',
    // The app refuses changes that do not come from its own origin (X5). One header must fit every
    // instance, and two instances without PUBLIC_URL have two origins, so the bench says what a
    // browser says of a same-origin request instead of naming one origin.
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', ...target.headers },
  };
}

/** The same body POSTed for `warmupSeconds`, then measured for `seconds`; every answer must be `status`. */
export async function measureRepeated(
  target: Target,
  body: string,
  options: {
    connections: number;
    warmupSeconds: number;
    seconds: number;
    status: number;
    meter?: Meter;
    bracket?: Bracket;
    /** Requests per second in all; unset: as fast as answered. */
    rate?: number;
  },
): Promise<Figures> {
  const common = { ...baseOptions(target, options.connections, options.rate), body };
  await run({ ...common, duration: options.warmupSeconds });
  const end = await options.bracket?.();
  const meter = options.meter?.();
  const result = await run({ ...common, duration: options.seconds });
  const cpu = meter?.stop();
  await end?.();
  const wrong = result.statusCodeStats
    ? Object.entries(result.statusCodeStats)
        .filter(([code]) => Number(code) !== options.status)
        .reduce((sum, [, stat]) => sum + (stat.count ?? 0), 0)
    : result.non2xx;
  return { ...figures(result, wrong), ...(cpu ? { cpu } : {}) };
}

export interface DistinctRequest {
  readonly path: string;
  readonly body: string;
  /** Checks the answer; returns false when it is wrong. */
  check(status: number, body: string): boolean;
}

/**
 * Sends every request of the list exactly once, `connections` at a time, and checks each answer. Each
 * connection has one request in flight, so the answer autocannon reports belongs to the request that
 * connection set up last.
 */
export async function measureDistinct(
  target: Target,
  list: readonly DistinctRequest[],
  options: { connections: number; meter?: Meter; bracket?: Bracket; rate?: number },
): Promise<Figures> {
  let next = 0;
  let wrong = 0;
  let sent = 0;
  // autocannon notices that `amount` is reached only on its one-second tick, so its duration (and its
  // finish time) round up to whole seconds: up to 10% off at ~10 s. Time the answers here instead.
  const end = await options.bracket?.();
  const meter = options.meter?.();
  const started = performance.now();
  let lastAnswer = started;
  const result = await run({
    ...baseOptions(target, options.connections, options.rate),
    amount: list.length,
    requests: [
      {
        setupRequest: (request, context) => {
          const item = list[next++];
          if (!item) throw new Error('open-and-burn: more requests than secrets');
          sent++;
          (context as { item?: DistinctRequest }).item = item;
          return { ...request, path: item.path, body: item.body };
        },
        onResponse: (status, body, context) => {
          const item = (context as { item?: DistinctRequest }).item;
          if (!item?.check(status, body)) wrong++;
          lastAnswer = performance.now();
        },
      },
    ],
  });
  const cpu = meter?.stop();
  await end?.();
  if (sent !== list.length) throw new Error(`open-and-burn: sent ${sent} of ${list.length}`);
  return { ...figures(result, wrong, (lastAnswer - started) / 1000), ...(cpu ? { cpu } : {}) };
}
