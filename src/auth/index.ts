/**
 * Sign-in: OpenID Connect against the configured issuer, or the built-in demo provider (`demo/`) when
 * none is configured (never in production: config.ts refuses that). Registers, in order: the teams from
 * the config, the demo provider if needed, the session hook and the sign-in routes.
 *
 * Scopes and claim names are the configuration's for a configured issuer (docs/identity-providers.md);
 * the demo provider always speaks the standard claims with the demo's scopes.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { type ClaimMapping, STANDARD_CLAIMS } from '../domain/claim-mapping.ts';
import type { Clock } from '../domain/clock.ts';
import type { RolePolicy } from '../domain/roles.ts';
import { normaliseEmail } from '../protocol/email.ts';
import type { Store } from '../store/connection.ts';
import { seedTeams } from '../store/teams.ts';
import { DEMO_ACCOUNT_ISSUER } from './demo/accounts.ts';
import { CALLBACK_PATH, registerLoginRoutes } from './login-routes.ts';
import { createRelyingParty, type RelyingPartyOptions } from './relying-party.ts';
import { signInCookies } from './session-cookie.ts';
import { registerSessionHook } from './session-hook.ts';

/** The scopes the demo provider serves: its accounts' claims come with these. */
export const DEMO_SCOPES = 'openid email profile groups';

export function rolePolicyFrom(config: Config): RolePolicy {
  return {
    staffEmailDomains: config.staffEmailDomains,
    staffGroup: config.staffGroup,
    staffRole: config.staffRole,
    adminGroup: config.adminGroup,
    adminRole: config.adminRole,
    adminEmails: config.adminEmails.map(normaliseEmail),
    // Teams whose members admins set are not read from the groups claim (TEAMS_SET_BY_ADMINS).
    teams: config.teams.filter((team) => !config.teamsSetByAdmins.includes(team.id)),
    groupPrefix: config.oidcGroupPrefix,
    defaultClearance: config.defaultClearance as RolePolicy['defaultClearance'],
    clearanceFromClaim: config.oidcIssuer !== undefined && config.oidcClearanceClaim !== undefined,
  };
}

/** Which claim holds what, for the configured issuer (OIDC_*_CLAIM). */
export function claimMappingFrom(config: Config): ClaimMapping {
  return {
    email: config.oidcEmailClaim,
    emailVerified: config.oidcEmailVerifiedClaim,
    emailVerifiedIfAbsent: config.oidcEmailVerifiedIfAbsent,
    name: config.oidcNameClaim,
    groups: config.oidcGroupsClaim,
    roles: config.oidcRolesClaim,
    locale: config.oidcLocaleClaim,
    clearance: config.oidcClearanceClaim,
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
  const { oidcIssuer, oidcClientSecret } = config;
  if (oidcIssuer) {
    // config.ts refuses an issuer without a secret; this keeps the types honest.
    if (!oidcClientSecret) throw new Error('OIDC_CLIENT_SECRET is required with OIDC_ISSUER');
    return {
      issuer: () => oidcIssuer,
      redirectUri,
      clientId: config.oidcClientId,
      clientSecret: oidcClientSecret,
      allowHttp: config.oidcAllowHttp,
      scopes: config.oidcScopes,
      claims: claimMappingFrom(config),
      pushedAuthorization: config.oidcPushedAuthorization,
      logger: app.log,
    };
  }
  // Loaded only without a configured issuer. oidc-provider itself (about 12 MiB resident with its
  // dependencies) waits for the demo's first request (mount.ts), so an idle demo instance does without too.
  const [{ loadDemoKeys }, { mountDemoProvider }] = await Promise.all([
    import('./demo/keys.ts'),
    import('./demo/mount.ts'),
  ]);
  const keys = await loadDemoKeys(config.dataDir);
  const clientSecret = oidcClientSecret ?? keys.clientSecret;
  const demo = await mountDemoProvider(app, {
    keys,
    clientId: config.oidcClientId,
    clientSecret,
    redirectUri,
    behindProxy: config.trustProxy !== false,
    securityHeaders: deps.securityHeaders,
    scopes: DEMO_SCOPES,
  });
  // The demo shows its account picker at every sign-in, also right after a sign-out.
  return {
    issuer: demo.issuer,
    redirectUri,
    clientId: config.oidcClientId,
    clientSecret,
    allowHttp: true,
    scopes: DEMO_SCOPES,
    claims: STANDARD_CLAIMS,
    pushedAuthorization: false,
    extraParameters: { prompt: 'login' },
    logger: app.log,
  };
}

export async function registerAuth(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  const { config, store, clock } = deps;
  await seedTeams(store, config.teams, clock());
  const relyingParty = createRelyingParty(await relyingPartyOptions(app, deps));
  const cookies = signInCookies(config);
  registerSessionHook(app, { store, clock, cookies });
  registerLoginRoutes(app, {
    store,
    clock,
    relyingParty,
    cookies,
    policy: rolePolicyFrom(config),
    defaultClearance: async () => (await app.settings.current()).defaultClearance,
    sessionTtlSeconds: config.sessionTtlSeconds,
    signInFlowsPerAddress: config.signInFlowsPerAddress,
    accountIssuer: (tokenIssuer) => (config.oidcIssuer ? tokenIssuer : DEMO_ACCOUNT_ISSUER),
  });
}
