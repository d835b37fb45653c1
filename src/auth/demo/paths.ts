/**
 * Where the demo provider is mounted, and where its account picker lives (outside the mount). Apart from
 * provider.ts so that mounting the demo does not load oidc-provider: that waits for the first request.
 */
export const DEMO_IDP_PATH = '/demo-idp';
export const DEMO_LOGIN_PATH = '/demo-login';
