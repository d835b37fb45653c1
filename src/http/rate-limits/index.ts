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
 * Counting is `@fastify/rate-limit`'s (`createRateLimit`) over the counters of `counters.ts`.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import { Counter, Gauge } from 'prom-client';
import type { Config } from '../../config.ts';
import { AppError } from '../../protocol/errors.ts';
import { clientKey } from '../client-address.ts';
import type { AppDeps } from '../context.ts';
import { METRIC_PREFIX } from '../observability/metrics.ts';
import { LimitCounters } from './counters.ts';

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
type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

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
  const store = counters.asStore();
  await app.register(rateLimit, {
    global: false,
    // The plugin builds its store with `new`; a class that hands back ours.
    store: class {
      constructor() {
        // biome-ignore lint/correctness/noConstructorReturn: the plugin constructs; the store is shared.
        return store;
      }
    } as never,
  });

  const windowMs = config.rateLimitWindowSeconds * 1000;
  const limiter = (action: RateLimitedAction, scope: Scope, max: number): Limiter =>
    app.createRateLimit({
      max,
      timeWindow: windowMs,
      keyGenerator: (request) =>
        scope === 'account'
          ? `${action}:account:${request.account?.id}`
          : `${action}:address:${clientKey(request.ip)}`,
    });
  const checks = new Map<RateLimitedAction, onRequestAsyncHookHandler>();
  for (const [action, budget] of Object.entries(budgetsFrom(config)) as [RateLimitedAction, Budget][]) {
    const byAddress = limiter(action, 'address', budget.perAddress);
    const byAccount =
      budget.perAccount === undefined ? undefined : limiter(action, 'account', budget.perAccount);
    checks.set(action, async (request, reply) => {
      const scopes: [Scope, Limiter][] = [['address', byAddress]];
      if (byAccount && request.account) scopes.push(['account', byAccount]);
      for (const [scope, limit] of scopes) {
        const result = await limit(request);
        if (result.isAllowed || !result.isExceeded) continue;
        metrics.refused.inc({ action, scope });
        reply.header('retry-after', String(Math.max(1, result.ttlInSeconds)));
        throw new AppError('request.rate_limited', `${action} per ${scope}`);
      }
    });
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
