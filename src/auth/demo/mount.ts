/**
 * Mounts the demo provider in this Fastify process at `/demo-idp`, with its account picker beside it.
 * The provider is built at its first request: its issuer names the origin, which is known only once the
 * server listens. oidc-provider (provider.ts) is loaded then too, not at start: with its dependencies it
 * held about 9 MiB of an idle demo instance's resident memory (issue 22).
 *
 * Mounted by one onRequest hook that hands `/demo-idp`, `/demo-idp/...` and `/demo-idp?...` to the
 * provider as a connect-style mount would (the URL below the mount in `req.url`, the whole one in
 * `req.originalUrl`) and lets every other request pass with one string comparison. @fastify/middie did
 * this before, but prepared every request of the app for middleware first (query string, host, protocol
 * and address copied onto the raw request): 1.2-2.5% of the service's CPU in the bench (issue 22).
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import type { DemoKeys } from './keys.ts';
import { registerDemoLoginRoutes } from './login-routes.ts';
import { DEMO_IDP_PATH } from './paths.ts';

export interface DemoMountOptions {
  readonly keys: DemoKeys;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: () => string;
  readonly behindProxy: boolean;
  /** The scopes it serves, separated by spaces. */
  readonly scopes: string;
  /** The app's security headers (X5): the provider answers past Fastify's reply, so they are set here. */
  readonly securityHeaders: Readonly<Record<string, string>>;
}

export interface DemoMount {
  /** The demo issuer URL; only after listen (or with PUBLIC_URL). */
  issuer(): string;
}

export async function mountDemoProvider(app: FastifyInstance, options: DemoMountOptions): Promise<DemoMount> {
  const issuer = () => `${app.publicOrigin()}${DEMO_IDP_PATH}`;
  let built: Promise<{ provider: Provider; handle: ReturnType<Provider['callback']> }> | undefined;
  const demo = () => {
    built ??= import('./provider.ts').then(({ createDemoProvider }) => {
      const provider = createDemoProvider({
        issuer: issuer(),
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        redirectUri: options.redirectUri(),
        keys: options.keys,
        scopes: options.scopes,
        behindProxy: options.behindProxy,
      });
      // Type and message only: the provider's context holds cookies and codes.
      provider.on('server_error', (_ctx, error: Error) => {
        app.log.error({ err: { type: error.name, message: error.message } }, 'demo provider error');
      });
      return { provider, handle: provider.callback() };
    });
    return built;
  };

  // The provider answers on the raw response, past Fastify's reply, so the security headers go there.
  const headers = Object.entries(options.securityHeaders);
  app.addHook('onRequest', (request, reply, done) => {
    const req = request.raw as IncomingMessage & { originalUrl?: string };
    const url = req.url ?? '';
    const below = providerPath(url);
    if (below === undefined) return done();
    // The provider answers; the rest of Fastify's handling (body, routes, reply) never starts.
    reply.hijack();
    req.originalUrl = url;
    req.url = below;
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    demo().then(
      ({ handle }) => {
        void handle(req, reply.raw);
      },
      (error: Error) => {
        // Not built (a bug, not a visitor's doing): the next request tries again.
        built = undefined;
        app.log.error({ err: { type: error.name, message: error.message } }, 'demo provider not built');
        reply.raw.statusCode = 500;
        reply.raw.end();
      },
    );
  });
  registerDemoLoginRoutes(app, async () => (await demo()).provider);
  return { issuer };
}

/** The provider's part of a URL under its mount, with a leading slash; undefined for any other URL. */
export function providerPath(url: string): string | undefined {
  if (!url.startsWith(DEMO_IDP_PATH)) return undefined;
  const rest = url.slice(DEMO_IDP_PATH.length);
  if (rest === '') return '/';
  if (rest.startsWith('/')) return rest;
  if (rest.startsWith('?')) return `/${rest}`;
  return undefined;
}
