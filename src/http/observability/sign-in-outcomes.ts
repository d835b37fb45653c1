/**
 * Counts finished sign-ins by outcome (R3) from the callback's answer, whatever shape the answer takes (a
 * redirect into the app, a redirect to the page that explains a refusal, an error body): `signed_in` when
 * the answer opens a session, `failed` when the service failed (5xx), `refused` otherwise. Why a sign-in
 * was refused is in the log line of the refusal (auth/login-routes.ts), never in a label.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CALLBACK_PATH } from '../../auth/login-routes.ts';
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

export function registerSignInOutcomes(app: FastifyInstance, metrics: AppMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.url === CALLBACK_PATH) metrics.signIns.inc({ outcome: signInOutcome(reply) });
  });
}
