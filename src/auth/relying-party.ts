/**
 * The OpenID Connect relying party (openid-client): authorization code flow with PKCE (S256), state and
 * nonce, against the configured issuer or the built-in demo provider. Discovery runs lazily at the first
 * sign-in, because the demo issuer's origin is known only once the server listens.
 */
import * as oidc from 'openid-client';
import { readSignInClaims, type SignInClaims } from './sign-in-claims.ts';

/** The scopes Safe Share asks for; `groups` carries staff, admin and team membership. */
export const SIGN_IN_SCOPES = 'openid email profile groups';

export interface RelyingPartyOptions {
  /** The issuer URL; called at the first sign-in. */
  readonly issuer: () => string;
  /** Where the provider sends the browser back to; called per sign-in. */
  readonly redirectUri: () => string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Plain http to the issuer: only for the built-in demo provider. */
  readonly allowHttp: boolean;
  /** Extra authorization request parameters (the demo asks for the account picker every time). */
  readonly extraParameters?: Readonly<Record<string, string>>;
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
  /** The provider's authorization URL for these checks. */
  authorizationUrl(checks: FlowChecks): Promise<URL>;
  /** Verifies the callback, redeems the code and returns the person's claims. Throws on any mismatch. */
  finish(callbackUrl: URL, checks: FlowChecks): Promise<SignInClaims & { issuer: string }>;
}

export function createRelyingParty(options: RelyingPartyOptions): RelyingParty {
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= oidc
      .discovery(
        new URL(options.issuer()),
        options.clientId,
        options.clientSecret,
        oidc.ClientSecretBasic(options.clientSecret),
        { execute: options.allowHttp ? [oidc.allowInsecureRequests] : [] },
      )
      .catch((error: unknown) => {
        discovered = undefined; // try again at the next sign-in
        throw error;
      });
    return discovered;
  };

  return {
    newChecks: () => ({
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    }),

    async authorizationUrl(checks) {
      const config = await configuration();
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri(),
        scope: SIGN_IN_SCOPES,
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
        ...options.extraParameters,
      });
    },

    async finish(callbackUrl, checks) {
      const config = await configuration();
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new Error('the provider returned no ID token');
      // Userinfo as well: some providers put locale or groups only there.
      const userinfo = config.serverMetadata().userinfo_endpoint
        ? await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)
        : {};
      return { issuer: idToken.iss, ...readSignInClaims(idToken, userinfo) };
    },
  };
}
