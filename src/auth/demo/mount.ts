/**
 * Mounts the demo provider in this Fastify process at `/demo-idp` (through @fastify/middie), with its
 * account picker beside it. The provider is built at its first request: its issuer names the origin,
 * which is known only once the server listens.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import middie from '@fastify/middie';
import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import type { DemoKeys } from './keys.ts';
import { registerDemoLoginRoutes } from './login-routes.ts';
import { createDemoProvider, DEMO_IDP_PATH } from './provider.ts';

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
  let built: { provider: Provider; handle: ReturnType<Provider['callback']> } | undefined;
  const demo = () => {
    if (!built) {
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
      built = { provider, handle: provider.callback() };
    }
    return built;
  };

  await app.register(middie);
  // The provider answers on the raw response, past Fastify's reply, so the security headers go there.
  const headers = Object.entries(options.securityHeaders);
  app.use(DEMO_IDP_PATH, (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    void demo().handle(req, res);
  });
  registerDemoLoginRoutes(app, () => demo().provider);
  return { issuer };
}
