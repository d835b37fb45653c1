/**
 * The Fastify app factory: wires config, store and clock into plugins and routes. It opens nothing and
 * listens nowhere, so tests build as many apps as they need on the databases they choose.
 */
import type { AddressInfo } from 'node:net';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { registerAuth } from '../auth/index.ts';
import { MAX_BODY_BYTES } from '../protocol/crypto.ts';
import { DEFAULT_LOCALE } from '../protocol/i18n/index.ts';
import { configuredSettings, StoredSettings } from '../usecases/settings.ts';
import { proxyTrust } from './client-address.ts';
import type { AppDeps } from './context.ts';
import { registerErrorHandling } from './errors.ts';
import { answerClientError, answerFrameworkError } from './framework-errors.ts';
import { visitorLocale } from './locale.ts';
import { registerObservability, requestIdGenerator } from './observability/index.ts';
import { registerRateLimits } from './rate-limits/index.ts';
import { registerAccountRoutes } from './routes/accounts.ts';
import { registerAuditRoutes } from './routes/audit.ts';
import { registerConfigRoutes } from './routes/config.ts';
import { registerInvitationRoutes } from './routes/invitations.ts';
import { registerMemberRoutes } from './routes/members.ts';
import { registerOpenApiRoute } from './routes/openapi.ts';
import { registerSecretRoutes } from './routes/secrets.ts';
import { registerSettingsRoutes } from './routes/settings.ts';
import { registerTeamShareRoutes } from './routes/team-shares.ts';
import { registerSameOriginCheck } from './same-origin.ts';
import { registerSecurityHeaders, securityHeaders } from './security-headers.ts';
import { registerWebApp } from './web-app.ts';

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: deps.logger,
    // Requests are logged by our own hook with the route pattern, never the raw URL (ids, OIDC codes).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: MAX_BODY_BYTES,
    // TRUST_PROXY: X-Forwarded-* only from the configured proxies (client-address.ts).
    trustProxy: proxyTrust(config.trustProxy),
    // A trusted proxy's X-Request-Id, else a random one; never a client's own (observability/request-id.ts).
    genReqId: requestIdGenerator(config.trustProxy),
    // Every failure Fastify or Node would answer in their own shape is answered in ours (X7), without
    // echoing the path: see framework-errors.ts. Closing and a missing Host are answered by its hook.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    return503OnClosing: false,
    http: { requireHostHeader: false },
  }) as unknown as FastifyInstance;

  // Asked for by every state-changing request (same-origin.ts): worked out once, not per request (a URL
  // parse, or a getsockname call without PUBLIC_URL; issue 22). A server listens once in its life.
  let origin: string | undefined = config.publicUrl ? new URL(config.publicUrl).origin : undefined;
  app.decorate('publicOrigin', () => {
    if (origin !== undefined) return origin;
    const address = app.server.address() as AddressInfo | null;
    if (!address) throw new Error('publicOrigin() needs a listening server or PUBLIC_URL');
    origin = `http://127.0.0.1:${address.port}`;
    return origin;
  });
  app.decorate('settings', new StoredSettings({ ...deps, configured: configuredSettings(config) }));
  app.decorateRequest('account', null);
  app.decorateRequest('locale', DEFAULT_LOCALE);
  registerErrorHandling(app);
  await app.register(cookie);
  // The API speaks JSON only; any other body type is refused with 415 (X7) rather than parsed.
  app.removeContentTypeParser('text/plain');
  // After the cookie parser's own onRequest hook, so the language cookie is readable.
  // Synchronous, as are the other hooks every request runs that need not wait (issue 22).
  app.addHook('onRequest', (request, _reply, done) => {
    request.locale = visitorLocale(request);
    done();
  });
  registerSecurityHeaders(app);
  await registerObservability(app, deps);
  // Before the demo provider's mount and the session lookup: a cross-origin change is refused first (X5).
  registerSameOriginCheck(app, config);
  // Before every route that asks for a budget (rateLimited() in its options), sign-in's included (X4).
  await registerRateLimits(app, deps);
  await registerAuth(app, { ...deps, securityHeaders: securityHeaders() });
  await registerAccountRoutes(app, deps);
  await registerSecretRoutes(app, deps);
  await registerInvitationRoutes(app, deps);
  await registerConfigRoutes(app, deps);
  await registerOpenApiRoute(app, deps);
  await registerSettingsRoutes(app, deps);
  await registerMemberRoutes(app, deps);
  await registerTeamShareRoutes(app, deps);
  await registerAuditRoutes(app, deps);
  if (deps.webRoot !== null) await registerWebApp(app, deps.webRoot);
  return app;
}
