/**
 * Counts sign-ins by outcome and reason (R3, R4). A failure the sign-in routes recorded counts by its
 * reason code (auth/sign-in-failure.ts): `failed` when the provider could not be used, `refused` when the
 * person's own sign-in did not count, whatever shape the answer took (a page for a browser, JSON for the
 * API). Otherwise the callback's answer decides: `signed_in` (reason `none`) when it opens a session,
 * `failed` for a 5xx, `refused` otherwise (reason `internal`). A start (/auth/login) is counted only when it
 * fails.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CALLBACK_PATH, signInFailureOf } from '../../auth/login-routes.ts';
import { SESSION_COOKIE } from '../../auth/session-cookie.ts';
import { isProviderFault } from '../../auth/sign-in-failure.ts';
import type { AppMetrics } from './metrics.ts';

export type SignInOutcome = 'signed_in' | 'refused' | 'failed';

/** A Set-Cookie that gives the session cookie a value (clearing it sets an empty one). */
const SETS_SESSION = new RegExp(`^(__Host-)?${SESSION_COOKIE}=[^;]`);

function opensSession(reply: FastifyReply): boolean {
  const header = reply.getHeader('set-cookie');
  const cookies = Array.isArray(header) ? header : header === undefined ? [] : [String(header)];
  return cookies.some((cookie) => SETS_SESSION.test(cookie));
}

export function signInOutcome(reply: FastifyReply): SignInOutcome {
  if (reply.statusCode >= 500) return 'failed';
  return opensSession(reply) ? 'signed_in' : 'refused';
}

const LOGIN_PATH = '/auth/login';

export function registerSignInOutcomes(app: FastifyInstance, metrics: AppMetrics): void {
  // Synchronous, as it runs for every request (issue 22): see `count` for the sign-in routes' work.
  const count = (request: FastifyRequest, reply: FastifyReply, route: string) => {
    const failure = signInFailureOf(request);
    if (failure) {
      // Whatever the answer's shape (a page for a browser, JSON for the API), one failure counts alike.
      metrics.signIns.inc({ outcome: isProviderFault(failure) ? 'failed' : 'refused', reason: failure });
      return;
    }
    if (route !== CALLBACK_PATH) return;
    const outcome = signInOutcome(reply);
    metrics.signIns.inc({ outcome, reason: outcome === 'signed_in' ? 'none' : 'internal' });
  };
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url;
    if (route === LOGIN_PATH || route === CALLBACK_PATH) count(request, reply, route);
    done();
  });
}
