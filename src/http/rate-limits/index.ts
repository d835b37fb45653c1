/**
 * Rate limits (X4) on sign-in, creating, opening, revoking and invitation use: per client address
 * (`client-address.ts`, proxy-aware), and per account where one is signed in. A route opts in with one
 * spread in its options:
 *
 *   app.post('/api/secrets/:id/open', rateLimited('open'), handler)
 *
 * Each action has its own budget per window (RATE_LIMIT_* settings); routes of one action share it, so a
 * guesser cannot split guesses between peek and open. The check runs in the route's onRequest hook, after
 * the app's own (same-origin check, session lookup) and before the body is read: a refused request costs
 * no parsing and changes nothing. It answers 429 `request.rate_limited` with `Retry-After`.
 *
 * Counting is ours, straight over the counters of `counters.ts`: in memory the check is synchronous (no
 * promise, no microtask), and only a count in Redis waits. `@fastify/rate-limit` did the same counting
 * through two promises, an async key function and a result object per limit: with our counters beside it
 * 1.3% of the service's samples in the bench's profile (issue 22).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { Counter, Gauge } from 'prom-client';
import type { Config } from '../../config.ts';
import { AppError } from '../../protocol/errors.ts';
import { clientKey } from '../client-address.ts';
import type { AppDeps } from '../context.ts';
import { METRIC_PREFIX } from '../observability/metrics.ts';
import { type Count, LimitCounters } from './counters.ts';

/** The actions with a budget of their own. */
export const RATE_LIMITED_ACTIONS = ['sign_in', 'create', 'open', 'revoke', 'invitation'] as const;
export type RateLimitedAction = (typeof RATE_LIMITED_ACTIONS)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by {@link rateLimited}: the budget this route's requests count against. */
    rateLimitedAction?: RateLimitedAction;
  }
}

/**
 * Route options that put the route under the limits of `action`: spread them into the route's options.
 * @example app.get('/auth/login', { errorHandler, ...rateLimited('sign_in') }, handler)
 */
export function rateLimited(action: RateLimitedAction): { config: { rateLimitedAction: RateLimitedAction } } {
  return { config: { rateLimitedAction: action } };
}

/** A budget: requests per window, per client address and (undefined: not counted) per account. */
export interface Budget {
  readonly perAddress: number;
  readonly perAccount: number | undefined;
}

/** The budgets as configured. Sign-in has none per account: whoever signs in is not signed in yet. */
export function budgetsFrom(config: Config): Readonly<Record<RateLimitedAction, Budget>> {
  return Object.freeze({
    sign_in: { perAddress: config.rateLimitSignInPerAddress, perAccount: undefined },
    create: { perAddress: config.rateLimitCreatePerAddress, perAccount: config.rateLimitCreatePerAccount },
    open: { perAddress: config.rateLimitOpenPerAddress, perAccount: config.rateLimitOpenPerAccount },
    revoke: { perAddress: config.rateLimitRevokePerAddress, perAccount: config.rateLimitRevokePerAccount },
    invitation: {
      perAddress: config.rateLimitInvitationPerAddress,
      perAccount: config.rateLimitInvitationPerAccount,
    },
  });
}

type Scope = 'address' | 'account';
type HookDone = Parameters<onRequestHookHandler>[2];

/** One limit of an action: its budget in one scope and the key it counts a request under. */
interface Limit {
  readonly action: RateLimitedAction;
  readonly scope: Scope;
  readonly max: number;
  /** Undefined when this limit does not apply (the account limit of a request without an account). */
  key(request: FastifyRequest): string | undefined;
}

export async function registerRateLimits(app: FastifyInstance, { config, logger }: AppDeps): Promise<void> {
  const metrics = rateLimitMetrics(app);
  const counters = new LimitCounters({
    redisUrl: config.redisUrl,
    keyPrefix: config.redisKeyPrefix,
    logger,
    events: {
      onFallback: (active) => metrics.fallback.set(active ? 1 : 0),
      onFallbackCount: () => metrics.fallbackCounts.inc(),
    },
  });
  metrics.fallback.set(0);
  await counters.open();
  app.addHook('onClose', () => counters.close());

  const windowMs = config.rateLimitWindowSeconds * 1000;
  /** A count over `limit.max` refuses: counted, `Retry-After` set, and the error the hook fails with. */
  const refusal = (limit: Limit, count: Count, reply: FastifyReply): AppError | undefined => {
    if (count.current <= limit.max) return undefined;
    metrics.refused.inc({ action: limit.action, scope: limit.scope });
    reply.header('retry-after', String(Math.max(1, Math.ceil(count.ttl / 1000))));
    return new AppError('request.rate_limited', `${limit.action} per ${limit.scope}`);
  };
  /**
   * Counts the request against `limits` from `first` on, in order, and stops at the first refusal (a
   * refused request is not counted further). Synchronous while the counts are in memory; a count in
   * Redis continues from the next limit once it is back.
   */
  const countFrom = (
    limits: readonly Limit[],
    first: number,
    request: FastifyRequest,
    reply: FastifyReply,
    done: HookDone,
  ): void => {
    for (let index = first; index < limits.length; index += 1) {
      const limit = limits[index] as Limit;
      const key = limit.key(request);
      if (key === undefined) continue;
      const counted = counters.incr(key, windowMs);
      if (counted instanceof Promise) {
        counted.then((count) => {
          const refused = refusal(limit, count, reply);
          if (refused) done(refused);
          else countFrom(limits, index + 1, request, reply, done);
        }, done);
        return;
      }
      const refused = refusal(limit, counted, reply);
      if (refused) {
        done(refused);
        return;
      }
    }
    done();
  };

  const checks = new Map<RateLimitedAction, onRequestHookHandler>();
  for (const [action, budget] of Object.entries(budgetsFrom(config)) as [RateLimitedAction, Budget][]) {
    const limits: Limit[] = [
      {
        action,
        scope: 'address',
        max: budget.perAddress,
        key: (request) => `${action}:address:${clientKey(request.ip)}`,
      },
    ];
    if (budget.perAccount !== undefined) {
      limits.push({
        action,
        scope: 'account',
        max: budget.perAccount,
        key: (request) => (request.account ? `${action}:account:${request.account.id}` : undefined),
      });
    }
    checks.set(action, (request, reply, done) => countFrom(limits, 0, request, reply, done));
  }

  // Every route registered after this point that asks for a budget gets its check, last of its onRequest hooks.
  app.addHook('onRoute', (route) => {
    const action = route.config?.rateLimitedAction;
    if (!action) return;
    const check = checks.get(action);
    if (!check) throw new Error(`no rate limit named ${action}`);
    const own = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [...own, check];
  });
}

function rateLimitMetrics(app: FastifyInstance) {
  const registers = [app.metrics.registry];
  return {
    refused: new Counter({
      name: `${METRIC_PREFIX}rate_limited_total`,
      help: 'Requests refused by a rate limit (429), by action and by what counted: address or account.',
      labelNames: ['action', 'scope'] as const,
      registers,
    }),
    fallback: new Gauge({
      name: `${METRIC_PREFIX}rate_limit_memory_fallback`,
      help: '1 while REDIS_URL is set but Redis cannot be reached, so this instance counts rate limits in its own memory; else 0.',
      registers,
    }),
    fallbackCounts: new Counter({
      name: `${METRIC_PREFIX}rate_limit_memory_fallback_requests_total`,
      help: 'Requests counted in memory because Redis could not be reached (REDIS_URL set).',
      registers,
    }),
  };
}
