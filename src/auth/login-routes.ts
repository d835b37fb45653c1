/**
 * Sign-in and sign-out over HTTP: `GET /auth/login` starts a code flow, `GET /auth/callback` finishes it
 * and opens a session, `POST /auth/logout` ends the session at the server (X5).
 * Every failure of the flow answers 400 `auth.login_failed` and nothing more: no code, token, state or
 * provider message reaches the reply or the log.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../domain/clock.ts';
import type { RolePolicy } from '../domain/roles.ts';
import { isNavigation } from '../http/navigation.ts';
import { AppError } from '../protocol/errors.ts';
import { signInFailedHref, signInFailureReason } from '../protocol/sign-in.ts';
import type { Store } from '../store/connection.ts';
import { insertLoginFlow, takeLoginFlow } from '../store/login-flows.ts';
import { deleteSession, insertSession } from '../store/sessions.ts';
import { provisionAccount } from './provision-account.ts';
import type { RelyingParty } from './relying-party.ts';
import { safeReturnTo } from './return-to.ts';
import { LOGIN_FLOW_SECONDS, newToken, type SignInCookies, tokenHash } from './session-cookie.ts';

export const CALLBACK_PATH = '/auth/callback';

export interface LoginRouteDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly relyingParty: RelyingParty;
  readonly cookies: SignInCookies;
  readonly policy: RolePolicy;
  readonly sessionTtlSeconds: number;
  /** The issuer accounts are keyed by, given the one the ID token named. */
  readonly accountIssuer: (tokenIssuer: string) => string;
}

/**
 * The error's kind for the log: its class and, for protocol errors, their error code (`invalid_grant`,
 * `OAUTH_INVALID_RESPONSE`). Never its message, which may quote a response. Named `reason`, because the
 * logger censors every `code` field (OIDC codes).
 */
function failureKind(error: unknown): { type: string; reason?: string } {
  const { name, code, error: oauthError } = error as { name?: string; code?: unknown; error?: unknown };
  const reason = typeof oauthError === 'string' ? oauthError : typeof code === 'string' ? code : undefined;
  return reason ? { type: String(name), reason } : { type: String(name) };
}

/**
 * A refused sign-in, for a browser that navigated to the callback: 303 to the app's page that says why in
 * the visitor's language, so no sign-in code or state stays in the address bar. Everything else (and
 * every API client) goes on to the app's error handler and its JSON.
 */
function redirectRefusedSignIn(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const reason = error instanceof AppError ? signInFailureReason(error.code) : undefined;
  if (!reason || !isNavigation(request.headers)) throw error;
  return reply.redirect(signInFailedHref(reason), 303);
}

export function registerLoginRoutes(app: FastifyInstance, deps: LoginRouteDeps): void {
  const { store, clock, relyingParty, cookies } = deps;
  const callbackUrl = (request: FastifyRequest) => new URL(request.url, app.publicOrigin());

  app.get('/auth/login', async (request, reply) => {
    const returnTo = safeReturnTo((request.query as { returnTo?: unknown }).returnTo, app.publicOrigin());
    const checks = relyingParty.newChecks();
    let destination: URL;
    try {
      destination = await relyingParty.authorizationUrl(checks);
    } catch (error) {
      request.log.error({ err: failureKind(error) }, 'sign-in provider unreachable');
      throw new AppError('server.unavailable');
    }
    const token = newToken();
    await insertLoginFlow(store, {
      idHash: tokenHash(token),
      ...checks,
      returnTo,
      expiresAt: clock() + LOGIN_FLOW_SECONDS * 1000,
    });
    cookies.setLogin(reply, token);
    return reply.header('cache-control', 'no-store').redirect(destination.href, 302);
  });

  app.get(CALLBACK_PATH, { errorHandler: redirectRefusedSignIn }, async (request, reply) => {
    const token = cookies.readLogin(request);
    cookies.clearLogin(reply);
    reply.header('cache-control', 'no-store');
    const now = clock();
    const flow = token ? await takeLoginFlow(store, tokenHash(token), now) : undefined;
    if (!flow) throw new AppError('auth.login_failed', 'no sign-in in progress');

    let signedIn: Awaited<ReturnType<RelyingParty['finish']>>;
    try {
      signedIn = await relyingParty.finish(callbackUrl(request), flow);
    } catch (error) {
      request.log.warn({ err: failureKind(error) }, 'sign-in callback refused');
      throw new AppError('auth.login_failed', 'callback refused');
    }

    const accountId = await provisionAccount(
      store,
      { issuer: deps.accountIssuer(signedIn.issuer), claims: signedIn, now },
      deps.policy,
    );
    // A new session never continues an old one: the one this browser had (if any) ends here.
    const previousToken = cookies.readSession(request);
    if (previousToken) await deleteSession(store, tokenHash(previousToken));
    const sessionToken = newToken();
    await insertSession(store, {
      idHash: tokenHash(sessionToken),
      accountId,
      createdAt: now,
      expiresAt: now + deps.sessionTtlSeconds * 1000,
    });
    cookies.setSession(reply, sessionToken, deps.sessionTtlSeconds);
    return reply.redirect(flow.returnTo, 302);
  });

  app.post('/auth/logout', async (request, reply) => {
    const token = cookies.readSession(request);
    if (token) await deleteSession(store, tokenHash(token));
    cookies.clearSession(reply);
    return reply.code(204).header('cache-control', 'no-store').send();
  });
}
