/**
 * Sign-in: OpenID Connect against the configured issuer, or the built-in demo provider (`demo/`) when
 * none is configured (never in production: config.ts refuses that). Registers, in order: the teams from
 * the config, the demo provider if needed, the session hook and the sign-in routes.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Clock } from '../domain/clock.ts';
import type { RolePolicy } from '../domain/roles.ts';
import { normaliseEmail } from '../protocol/secrets.ts';
import type { Store } from '../store/connection.ts';
import { seedTeams, type Team, teamsFromNames } from '../store/teams.ts';
import { DEMO_ACCOUNT_ISSUER } from './demo/accounts.ts';
import { CALLBACK_PATH, registerLoginRoutes } from './login-routes.ts';
import { createRelyingParty, type RelyingPartyOptions } from './relying-party.ts';
import { signInCookies } from './session-cookie.ts';
import { registerSessionHook } from './session-hook.ts';

export function rolePolicyFrom(config: Config, teams: readonly Team[]): RolePolicy {
  return {
    staffEmailDomains: config.staffEmailDomains,
    staffGroup: config.staffGroup,
    adminGroup: config.adminGroup,
    adminEmails: config.adminEmails.map(normaliseEmail),
    teams,
    defaultClearance: config.defaultClearance as RolePolicy['defaultClearance'],
  };
}

/** What sign-in needs from the app: its config, store and clock, and the security headers (X5). */
export interface AuthDeps {
  readonly config: Config;
  readonly store: Store;
  readonly clock: Clock;
  /** Set on the demo provider's raw replies, which bypass the app's header hook. */
  readonly securityHeaders: Readonly<Record<string, string>>;
}

async function relyingPartyOptions(app: FastifyInstance, deps: AuthDeps): Promise<RelyingPartyOptions> {
  const { config } = deps;
  const redirectUri = () => `${app.publicOrigin()}${CALLBACK_PATH}`;
  const { oidcIssuer } = config;
  if (oidcIssuer) {
    if (!config.oidcClientSecret) throw new Error('OIDC_CLIENT_SECRET is required with OIDC_ISSUER');
    const clientSecret = config.oidcClientSecret;
    return {
      issuer: () => oidcIssuer,
      redirectUri,
      clientId: config.oidcClientId,
      clientSecret,
      allowHttp: false,
    };
  }
  // Loaded only without a configured issuer: oidc-provider and its dependencies cost about 14 MiB of
  // resident memory that a production instance does not need.
  const [{ loadDemoKeys }, { mountDemoProvider }] = await Promise.all([
    import('./demo/keys.ts'),
    import('./demo/mount.ts'),
  ]);
  const keys = await loadDemoKeys(config.dataDir);
  const clientSecret = config.oidcClientSecret ?? keys.clientSecret;
  const demo = await mountDemoProvider(app, {
    keys,
    clientId: config.oidcClientId,
    clientSecret,
    redirectUri,
    behindProxy: config.trustProxy,
    securityHeaders: deps.securityHeaders,
  });
  // The demo shows its account picker at every sign-in, also right after a sign-out.
  return {
    issuer: demo.issuer,
    redirectUri,
    clientId: config.oidcClientId,
    clientSecret,
    allowHttp: true,
    extraParameters: { prompt: 'login' },
  };
}

export async function registerAuth(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  const { config, store, clock } = deps;
  const teams = teamsFromNames(config.teams);
  await seedTeams(store, teams, clock());
  const relyingParty = createRelyingParty(await relyingPartyOptions(app, deps));
  const cookies = signInCookies(config);
  registerSessionHook(app, { store, clock, cookies });
  registerLoginRoutes(app, {
    store,
    clock,
    relyingParty,
    cookies,
    policy: rolePolicyFrom(config, teams),
    sessionTtlSeconds: config.sessionTtlSeconds,
    accountIssuer: (tokenIssuer) => (config.oidcIssuer ? tokenIssuer : DEMO_ACCOUNT_ISSUER),
  });
}
