/**
 * The OpenID Connect relying party (openid-client): authorization code flow with PKCE (S256), state and
 * nonce, against the configured issuer or the built-in demo provider. Discovery runs lazily at the first
 * sign-in, because the demo issuer's origin is known only once the server listens. Where the provider
 * offers pushed authorization requests (RFC 9126: Keycloak does), the request goes to it server to server
 * first, so a redirect URI or client the provider refuses is known here, not only on the provider's page.
 *
 * Every failure is thrown as a {@link SignInError} that says why (`sign-in-failure.ts`).
 */
import { randomBytes } from 'node:crypto';
import type * as Oidc from 'openid-client';
import type { Logger } from 'pino';
import { type ClaimMapping, readSignInClaims, type SignInClaims } from '../domain/claim-mapping.ts';
import { diagnoseSignInError, SignInError, type SignInFailure, type SignInStep } from './sign-in-failure.ts';

/** How long one request to the provider may take before the sign-in fails as unreachable. */
export const PROVIDER_TIMEOUT_SECONDS = 10;

export interface RelyingPartyOptions {
  /** The issuer URL; called at the first sign-in. */
  readonly issuer: () => string;
  /** Where the provider sends the browser back to; called per sign-in. */
  readonly redirectUri: () => string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Plain http to the issuer: the built-in demo provider, or OIDC_ALLOW_HTTP. */
  readonly allowHttp: boolean;
  /** The scopes asked for, separated by spaces. */
  readonly scopes: string;
  /** Which claim holds what. */
  readonly claims: ClaimMapping;
  /** Use pushed authorization requests when the provider offers them. */
  readonly pushedAuthorization: boolean;
  /** Extra authorization request parameters (the demo asks for the account picker every time). */
  readonly extraParameters?: Readonly<Record<string, string>>;
  /** Told once what discovery found, for the operator (the redirect URI to register, the scopes). */
  readonly logger?: Pick<Logger, 'info' | 'warn'>;
}

/** The secrets of one sign-in attempt, kept server-side between the redirect and the callback. */
export interface FlowChecks {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export interface RelyingParty {
  /** Fresh random checks for a new sign-in. */
  newChecks(): FlowChecks;
  /** The provider's authorization URL for these checks. Throws {@link SignInError}. */
  authorizationUrl(checks: FlowChecks): Promise<URL>;
  /**
   * Verifies the callback, redeems the code and returns the person's claims. Throws {@link SignInError}
   * on any failure or mismatch.
   */
  finish(callbackUrl: URL, checks: FlowChecks): Promise<SignInClaims & { issuer: string }>;
}

/** Runs one step of the flow; whatever it throws comes out diagnosed. */
async function step<T>(name: SignInStep, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new SignInError(diagnoseSignInError(error, name));
  }
}

const refuse = (reason: SignInFailure, fields: { providerError?: string } = {}): never => {
  throw new SignInError({ reason, step: 'callback', ...fields });
};

/**
 * openid-client (with oauth4webapi and jose) is loaded at the first sign-in, not at start: an idle
 * instance does not need it (issue 22). Discovery waits for the first sign-in anyway.
 */
let library: Promise<typeof Oidc> | undefined;
const openidClient = () => {
  library ??= import('openid-client');
  return library;
};

/**
 * 32 random bytes, base64url: a state, nonce or PKCE code verifier exactly as openid-client makes them
 * (oauth4webapi's randomBytes), here so that a new sign-in's checks need no library loaded.
 */
const randomCheck = () => randomBytes(32).toString('base64url');

export function createRelyingParty(options: RelyingPartyOptions): RelyingParty {
  let discovered: Promise<{ oidc: typeof Oidc; config: Oidc.Configuration }> | undefined;
  const discover = async () => {
    const oidc = await openidClient();
    const config = await oidc.discovery(
      new URL(options.issuer()),
      options.clientId,
      options.clientSecret,
      oidc.ClientSecretBasic(options.clientSecret),
      {
        // The ID token's signature is checked against the provider's keys too, not only trusted because
        // it came over TLS from the token endpoint.
        execute: [
          ...(options.allowHttp ? [oidc.allowInsecureRequests] : []),
          oidc.enableNonRepudiationChecks,
        ],
        timeout: PROVIDER_TIMEOUT_SECONDS,
      },
    );
    describeDiscovery(config, options);
    return { oidc, config };
  };
  const configuration = () => {
    discovered ??= step('discovery', discover).catch((error: unknown) => {
      discovered = undefined; // try again at the next sign-in
      throw error;
    });
    return discovered;
  };
  const pushed = (config: Oidc.Configuration) =>
    options.pushedAuthorization &&
    config.serverMetadata().pushed_authorization_request_endpoint !== undefined;

  return {
    newChecks: () => ({
      state: randomCheck(),
      nonce: randomCheck(),
      codeVerifier: randomCheck(),
    }),

    async authorizationUrl(checks) {
      const { oidc, config } = await configuration();
      const parameters = {
        redirect_uri: options.redirectUri(),
        scope: options.scopes,
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
        ...options.extraParameters,
      };
      if (!pushed(config)) return oidc.buildAuthorizationUrl(config, parameters);
      return step('authorization', () => oidc.buildAuthorizationUrlWithPAR(config, parameters));
    },

    async finish(callbackUrl, checks) {
      const { oidc, config } = await configuration();
      // The provider's own refusal, and a callback of another sign-in, are told apart before any request.
      const providerError = callbackUrl.searchParams.get('error');
      if (providerError !== null) {
        const diagnosis = diagnoseSignInError(
          { error: providerError, error_description: callbackUrl.searchParams.get('error_description') },
          'callback',
        );
        throw new SignInError(diagnosis);
      }
      if (callbackUrl.searchParams.get('state') !== checks.state) refuse('state_mismatch');
      const tokens = await step('token', () =>
        oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
        }),
      );
      const idToken = tokens.claims();
      if (!idToken) throw new SignInError({ reason: 'id_token_invalid', step: 'token' });
      // Userinfo as well: some providers put locale or groups only there.
      const userinfo = config.serverMetadata().userinfo_endpoint
        ? await step('userinfo', () => oidc.fetchUserInfo(config, tokens.access_token, idToken.sub))
        : {};
      return { issuer: idToken.iss, ...readSignInClaims(idToken, userinfo, options.claims) };
    },
  };
}

/**
 * One line at the first discovery with what the operator registers at the provider (the redirect URI)
 * and asks of it (the scopes); a warning when the provider does not list a scope asked for (Google and
 * Entra ID refuse `groups`).
 */
function describeDiscovery(config: Oidc.Configuration, options: RelyingPartyOptions): void {
  const metadata = config.serverMetadata();
  const usesPar = options.pushedAuthorization && metadata.pushed_authorization_request_endpoint !== undefined;
  options.logger?.info(
    {
      issuer: metadata.issuer,
      redirectUri: options.redirectUri(),
      scopes: options.scopes,
      pushedAuthorization: usesPar,
    },
    'sign-in provider discovered',
  );
  const supported = metadata.scopes_supported;
  const unlisted = supported ? options.scopes.split(' ').filter((scope) => !supported.includes(scope)) : [];
  if (unlisted.length > 0) {
    options.logger?.warn(
      { issuer: metadata.issuer, unlistedScopes: unlisted },
      'OIDC_SCOPES asks for scopes the provider does not list; it may refuse the sign-in (invalid_scope)',
    );
  }
}
