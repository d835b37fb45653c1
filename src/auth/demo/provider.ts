/**
 * The built-in demo identity provider (oidc-provider), used only when no OIDC_ISSUER is configured and
 * refused in production by config.ts. A real provider with a real code flow: PKCE required, signed ID
 * tokens with the claims Safe Share needs, no consent screen for its one first-party client, and our own
 * account picker (see `demo-login-routes.ts`) instead of the library's development pages.
 */
import Provider, { type Grant, type KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml } from '../html.ts';
import { demoAccountBySubject, demoClaims } from './accounts.ts';
import { createDemoAdapterFactory } from './adapter.ts';
import type { DemoKeys } from './keys.ts';
import { DEMO_LOGIN_PATH } from './paths.ts';

export { DEMO_ACCOUNT_ISSUER } from './accounts.ts';

const MINUTE_SECONDS = 60;

export interface DemoProviderOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly keys: DemoKeys;
  /** The scopes it serves, separated by spaces (`openid email profile groups`). */
  readonly scopes: string;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-Proto, so URLs say https and cookies are Secure. */
  readonly behindProxy: boolean;
}

export function createDemoProvider(options: DemoProviderOptions): Provider {
  const provider = new Provider(options.issuer, {
    adapter: createDemoAdapterFactory(),
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [options.keys.signingKey] },
    cookies: { keys: options.keys.cookieKeys },
    pkce: { required: () => true },
    scopes: options.scopes.split(' '),
    claims: { email: ['email', 'email_verified'], profile: ['name', 'locale'], groups: ['groups'] },
    // Put the scope's claims in the ID token too, so they arrive with or without userinfo.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: false },
    },
    interactions: { url: (_ctx, interaction) => `${DEMO_LOGIN_PATH}/${interaction.uid}` },
    findAccount: (_ctx, subject) => {
      const account = demoAccountBySubject(subject);
      if (!account) return undefined;
      return { accountId: subject, claims: () => demoClaims(account) as { sub: string } };
    },
    loadExistingGrant: (ctx) => loadExistingGrant(ctx, options.scopes),
    clientBasedCORS: () => false,
    renderError,
    ttl: {
      AccessToken: 10 * MINUTE_SECONDS,
      AuthorizationCode: MINUTE_SECONDS,
      IdToken: 10 * MINUTE_SECONDS,
      Interaction: 10 * MINUTE_SECONDS,
      Session: 60 * MINUTE_SECONDS,
      Grant: 60 * MINUTE_SECONDS,
    },
  });
  provider.proxy = options.behindProxy;
  return provider;
}

/** Safe Share is the demo's only, first-party client: its grant is given without a consent screen. */
async function loadExistingGrant(ctx: KoaContextWithOIDC, scopes: string): Promise<Grant | undefined> {
  const { client, session, result, provider } = ctx.oidc;
  const accountId = session?.accountId;
  if (!client || !session || !accountId) return undefined;
  const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  const existing = grantId ? await provider.Grant.find(grantId) : undefined;
  if (existing && existing.accountId === accountId && existing.clientId === client.clientId) return existing;
  const grant = new provider.Grant({ clientId: client.clientId, accountId });
  grant.addOIDCScope(scopes);
  await grant.save();
  return grant;
}

/** The provider's error page, without the library's inline style (blocked by our CSP) or its extra fields. */
function renderError(ctx: KoaContextWithOIDC, out: { error?: unknown; error_description?: unknown }): void {
  ctx.type = 'html';
  ctx.body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Demo sign-in error</title></head>
<body><main>
<h1>Demo sign-in error</h1>
<p>${escapeHtml(out.error ?? 'server_error')}: ${escapeHtml(out.error_description ?? '')}</p>
<p><a href="/">Back to Safe Share</a></p>
</main></body>
</html>`;
}
