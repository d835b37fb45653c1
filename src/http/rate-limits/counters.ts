/**
 * The counters behind the rate limits (X4): fixed windows, counted in Redis when REDIS_URL is set, so
 * every instance sees one count, and in this process's memory otherwise.
 *
 * While Redis cannot be reached (down, refusing, slower than {@link REDIS_COMMAND_TIMEOUT_MS}), every
 * instance counts in its own memory instead: the limits still hold per instance, never not at all. The
 * switch is logged once each way and shown by the metrics (`rate-limits/index.ts`).
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** A count of one key in its window, and the milliseconds until the window ends. */
export interface Count {
  readonly current: number;
  readonly ttl: number;
}

/** A Redis command slower than this counts as Redis being unreachable: the request is not held up. */
export const REDIS_COMMAND_TIMEOUT_MS = 500;
/** How long an instance waits for Redis at start before it begins counting in memory. */
export const REDIS_START_TIMEOUT_MS = 2_000;
/** Keys kept in memory at most; beyond that, ended windows go first, then the oldest windows. */
export const MEMORY_KEYS_MAX = 100_000;

/** Fixed windows in a Map, bounded in size (an attacker's many addresses cannot grow it without end). */
export class MemoryCounters {
  readonly #windows = new Map<string, { count: number; endsAt: number }>();
  readonly #maxKeys: number;

  constructor(maxKeys = MEMORY_KEYS_MAX) {
    this.#maxKeys = maxKeys;
  }

  incr(key: string, windowMs: number, now = Date.now()): Count {
    const window = this.#windows.get(key);
    if (window && window.endsAt > now) {
      window.count += 1;
      return { current: window.count, ttl: window.endsAt - now };
    }
    // A new window goes to the end of the Map's order, so the oldest windows are the first ones.
    this.#windows.delete(key);
    if (this.#windows.size >= this.#maxKeys) this.#evict(now);
    this.#windows.set(key, { count: 1, endsAt: now + windowMs });
    return { current: 1, ttl: windowMs };
  }

  get size(): number {
    return this.#windows.size;
  }

  #evict(now: number): void {
    for (const [key, window] of this.#windows) if (window.endsAt <= now) this.#windows.delete(key);
    for (const key of this.#windows.keys()) {
      if (this.#windows.size < this.#maxKeys) break;
      this.#windows.delete(key);
    }
  }
}

/** INCR, and the window's expiry set by the request that opened it; one round trip, atomic. */
const INCR_SCRIPT = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return { current, ttl }
`;

type CountingRedis = Redis & {
  safeShareIncr(key: string, windowMs: number): Promise<[number, number]>;
};

export interface CounterEvents {
  /** Told when counting moves to memory (`true`, Redis unreachable) or back to Redis (`false`). */
  onFallback(active: boolean): void;
  /** Told for every request counted in memory because Redis could not be reached. */
  onFallbackCount(): void;
}

export interface CounterOptions {
  /** Unset: memory only (one instance). */
  readonly redisUrl?: string | undefined;
  /** Put before every key in Redis, so several installations (or test files) can share one Redis. */
  readonly keyPrefix: string;
  readonly logger: Logger;
  readonly events: CounterEvents;
}

/**
 * The rate-limit counters of one app: Redis when configured and reachable, memory otherwise.
 * @example const counters = new LimitCounters({ redisUrl, keyPrefix: 'safe-share:', logger, events });
 * await counters.open();
 */
export class LimitCounters {
  readonly #memory = new MemoryCounters();
  #redis: CountingRedis | undefined;
  readonly #options: CounterOptions;
  #fallback = false;

  constructor(options: CounterOptions) {
    this.#options = options;
  }

  /**
   * Connects to Redis when REDIS_URL is set, waiting at most {@link REDIS_START_TIMEOUT_MS}; counts in
   * memory until then. ioredis is imported here, not at start: an instance without Redis never loads it
   * (3.6 MiB of idle memory, issue 22).
   */
  async open(): Promise<void> {
    if (!this.#options.redisUrl || this.#redis) return;
    const { Redis } = await import('ioredis');
    const redis = new Redis(this.#options.redisUrl, {
      // Fail at once while disconnected instead of queueing: the request is counted in memory.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      connectTimeout: REDIS_START_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
      lazyConnect: true,
    }) as CountingRedis;
    redis.defineCommand('safeShareIncr', { numberOfKeys: 1, lua: INCR_SCRIPT });
    // The client reconnects by itself; errors are reported through the switch to memory, once.
    redis.on('error', (error: Error) => this.#unreachable(error));
    redis.on('ready', () => this.#reachable());
    this.#redis = redis;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, REDIS_START_TIMEOUT_MS).unref());
    await Promise.race([redis.connect().catch((error: Error) => this.#unreachable(error)), timeout]);
    if (redis.status !== 'ready') this.#unreachable(new Error(`Redis is ${redis.status}`));
  }

  /** Whether counts go to Redis now (false without Redis, or while it is unreachable). */
  get sharedAcrossInstances(): boolean {
    return this.#redis !== undefined && !this.#fallback && this.#redis.status === 'ready';
  }

  /**
   * Counts one request under `key`. In memory (no Redis, or Redis unreachable) the count is there at
   * once, with no promise: the check of every limited request runs synchronously (issue 22).
   */
  incr(key: string, windowMs: number): Count | Promise<Count> {
    const redis = this.#redis;
    if (redis && redis.status === 'ready') return this.#incrShared(redis, key, windowMs);
    return this.#incrInMemory(key, windowMs);
  }

  async #incrShared(redis: CountingRedis, key: string, windowMs: number): Promise<Count> {
    try {
      const [current, ttl] = await redis.safeShareIncr(`${this.#options.keyPrefix}${key}`, windowMs);
      return { current, ttl };
    } catch (error) {
      this.#unreachable(error as Error);
      return this.#incrInMemory(key, windowMs);
    }
  }

  #incrInMemory(key: string, windowMs: number): Count {
    const redis = this.#redis;
    if (redis) {
      if (!this.#fallback) this.#unreachable(new Error(`Redis is ${redis.status}`));
      this.#options.events.onFallbackCount();
    }
    return this.#memory.incr(key, windowMs);
  }

  async close(): Promise<void> {
    const redis = this.#redis;
    if (!redis) return;
    redis.removeAllListeners('ready');
    if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
    else redis.disconnect();
  }

  #unreachable(error: Error): void {
    if (this.#fallback) return;
    this.#fallback = true;
    // The message names host and port at most, never the URL (it may hold a password).
    this.#options.logger.warn(
      { rateLimits: { store: 'memory', cause: error.message } },
      'rate limits: Redis unreachable; this instance counts in its own memory until Redis is back',
    );
    this.#options.events.onFallback(true);
  }

  #reachable(): void {
    if (!this.#fallback) return;
    this.#fallback = false;
    this.#options.logger.info({ rateLimits: { store: 'redis' } }, 'rate limits: Redis reachable again');
    this.#options.events.onFallback(false);
  }
}
