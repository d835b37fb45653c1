/**
 * Sign-in and sign-out over HTTP: `GET /auth/login` starts a code flow, `GET /auth/callback` finishes it
 * and opens a session, `POST /auth/logout` ends the session at the server (X5).
 *
 * A sign-in that fails says why in the log (R4): one warning with a reason code and its cause
 * (`sign-in-failure.ts`), never a code, token, state or provider message. The person is told only what
 * they can act on: `auth.provider_unavailable` (503) when the provider cannot be used right now,
 * `auth.login_failed` (400) when their own round trip did not complete, `auth.email_unverified` and
 * `auth.account_disabled` (403); a browser is sent to the page that says so in its language.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../domain/clock.ts';
import type { RolePolicy } from '../domain/roles.ts';
import { clientKey } from '../http/client-address.ts';
import { isNavigation } from '../http/navigation.ts';
import { rateLimited } from '../http/rate-limits/index.ts';
import { AppError } from '../protocol/errors.ts';
import { signInFailedHref, signInFailureReason } from '../protocol/sign-in.ts';
import type { Store } from '../store/connection.ts';
import { insertLoginFlow, takeLoginFlow } from '../store/login-flows.ts';
import { deleteSession, insertSession } from '../store/sessions.ts';
import { provisionAccount } from './provision-account.ts';
import type { RelyingParty } from './relying-party.ts';
import { safeReturnTo } from './return-to.ts';
import { LOGIN_FLOW_SECONDS, newToken, type SignInCookies, tokenHash } from './session-cookie.ts';
import {
  diagnoseSignInError,
  isProviderFault,
  type SignInDiagnosis,
  type SignInFailure,
} from './sign-in-failure.ts';

export const CALLBACK_PATH = '/auth/callback';

export interface LoginRouteDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly relyingParty: RelyingParty;
  readonly cookies: SignInCookies;
  readonly policy: RolePolicy;
  /** C2: the level new accounts get now (an admin setting), read at each sign-in. */
  readonly defaultClearance: () => Promise<RolePolicy['defaultClearance']>;
  readonly sessionTtlSeconds: number;
  /** Unfinished sign-ins kept per client address (SIGN_IN_FLOWS_PER_ADDRESS). */
  readonly signInFlowsPerAddress: number;
  /** The issuer accounts are keyed by, given the one the ID token named. */
  readonly accountIssuer: (tokenIssuer: string) => string;
}

/** Why each failed sign-in request failed, for the sign-in metric (`http/observability/sign-in-outcomes.ts`). */
const failures = new WeakMap<FastifyRequest, SignInFailure>();

/** The reason the sign-in of this request failed, if it did. */
export function signInFailureOf(request: FastifyRequest): SignInFailure | undefined {
  return failures.get(request);
}

/** Logs the failure at warn and records it; returns the error the person gets. */
function failed(request: FastifyRequest, diagnosis: SignInDiagnosis, details: object = {}): AppError {
  failures.set(request, diagnosis.reason);
  request.log.warn({ signIn: { ...diagnosis, ...details } }, `sign-in failed: ${diagnosis.reason}`);
  if (isProviderFault(diagnosis.reason)) return new AppError('auth.provider_unavailable', diagnosis.reason);
  switch (diagnosis.reason) {
    case 'email_missing':
    case 'email_unverified':
      return new AppError('auth.email_unverified');
    case 'account_disabled':
      return new AppError('auth.account_disabled');
    default:
      return new AppError('auth.login_failed', diagnosis.reason);
  }
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
  // A refused sign-in as a page for a browser, and sign-in's budget per client address (X4).
  const signInRoute = { errorHandler: redirectRefusedSignIn, ...rateLimited('sign_in') };

  app.get('/auth/login', signInRoute, async (request, reply) => {
    const returnTo = safeReturnTo((request.query as { returnTo?: unknown }).returnTo, app.publicOrigin());
    const checks = relyingParty.newChecks();
    let destination: URL;
    try {
      destination = await relyingParty.authorizationUrl(checks);
    } catch (error) {
      throw failed(request, diagnoseSignInError(error, 'authorization'));
    }
    const token = newToken();
    const client = { key: clientKey(request.ip), maxFlows: deps.signInFlowsPerAddress };
    await insertLoginFlow(store, client, {
      idHash: tokenHash(token),
      ...checks,
      returnTo,
      expiresAt: clock() + LOGIN_FLOW_SECONDS * 1000,
    });
    cookies.setLogin(reply, token);
    return reply.header('cache-control', 'no-store').redirect(destination.href, 302);
  });

  app.get(CALLBACK_PATH, signInRoute, async (request, reply) => {
    const token = cookies.readLogin(request);
    cookies.clearLogin(reply);
    reply.header('cache-control', 'no-store');
    const now = clock();
    const flow = token ? await takeLoginFlow(store, tokenHash(token), now) : undefined;
    // A reload, a link from another browser, or a sign-in left longer than LOGIN_FLOW_SECONDS.
    if (!flow) throw failed(request, { reason: 'no_flow', step: 'callback' });

    let signedIn: Awaited<ReturnType<RelyingParty['finish']>>;
    try {
      signedIn = await relyingParty.finish(callbackUrl(request), flow);
    } catch (error) {
      throw failed(request, diagnoseSignInError(error, 'token'));
    }
    if (signedIn.groupsOmitted) {
      request.log.warn(
        { signIn: { subject: signedIn.subject } },
        'the provider left the groups claim out (too many groups: Entra ID sends at most 200); staff, admin and team membership from groups is incomplete',
      );
    }

    const provisioned = await provisionAccount(
      store,
      { issuer: deps.accountIssuer(signedIn.issuer), claims: signedIn, now },
      { ...deps.policy, defaultClearance: await deps.defaultClearance() },
    );
    if (!provisioned.ok) {
      // Who, and what the verified claim held: an administrator can tell a missing mapping from a person.
      throw failed(
        request,
        { reason: provisioned.reason, step: 'account' },
        { subject: signedIn.subject, emailVerifiedClaim: signedIn.emailVerifiedClaim },
      );
    }
    const { accountId } = provisioned;
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
