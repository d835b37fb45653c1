/**
 * Counts sign-ins by outcome (R3) from the callback's answer, whatever shape the answer takes (a
 * redirect into the app, a redirect to the page that explains a refusal, an error body): `signed_in` when
 * the answer opens a session, `failed` when the service failed (5xx), `refused` otherwise; and by reason,
 * the fixed code the sign-in routes recorded for a failure (R4, auth/sign-in-failure.ts), `none` for a
 * success. A start (/auth/login) is counted only when it fails: the provider could not be used.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CALLBACK_PATH, signInFailureOf } from '../../auth/login-routes.ts';
import { SESSION_COOKIE } from '../../auth/session-cookie.ts';
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
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    const failure = signInFailureOf(request);
    if (route === LOGIN_PATH && failure) metrics.signIns.inc({ outcome: 'failed', reason: failure });
    if (route !== CALLBACK_PATH) return;
    const outcome = signInOutcome(reply);
    metrics.signIns.inc({ outcome, reason: failure ?? (outcome === 'signed_in' ? 'none' : 'internal') });
  });
}
