/**
 * Only the app's own origin may change anything (X5, CSRF beyond SameSite=Lax). The session cookie is
 * SameSite=Lax, which a sibling subdomain or another port on the same host does not count as another
 * site: its pages could revoke a secret with a body-less POST and log a person out with `sendBeacon`
 * (issue 14). So every state-changing request, on every path, must show that it comes from the app's
 * origin, checked in an onRequest hook: before the session is looked up, the body is read or a handler
 * runs, so a refused request changes nothing.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { AppError } from '../protocol/errors.ts';

/**
 * Methods that are safe by their definition (RFC 9110 section 9.2.1; QUERY in the IETF's safe method
 * with a body). Every other method is checked, not only POST, PUT, PATCH and DELETE (fail closed).
 */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'QUERY']);

/**
 * The built-in demo provider's two exceptions, active only when it is mounted (no OIDC_ISSUER). Named
 * here rather than imported from auth/demo/, which would load oidc-provider in every instance; a test
 * keeps them in step with the provider's own paths.
 */
export const DEMO_EXCEPTIONS = Object.freeze({
  /**
   * The token endpoint: the app's relying party calls it server to server, with no browser and no
   * cookie, authenticated by the client secret and the PKCE verifier. No ambient credential of a victim
   * can be used there, and Node's fetch sends neither `Origin` nor `Sec-Fetch-Site`.
   */
  tokenPath: '/demo-idp/token',
  /**
   * The account picker's form (route pattern). A browser posts it from the picker page on the app's
   * own origin, but under the app's `Referrer-Policy: no-referrer` Chromium sends `Origin: null` for
   * a form post (Fetch: "serializing a request origin"). There, and only there, `Origin: null` is
   * accepted when the browser also says `Sec-Fetch-Site: same-origin`, which a page cannot forge.
   */
  loginRoute: '/demo-login/:uid',
});

export interface OriginHeaders {
  readonly origin?: string | undefined;
  readonly 'sec-fetch-site'?: string | undefined;
}

/**
 * True when a browser's request comes from `publicOrigin`: its `Origin` is exactly that, or it has no
 * `Origin` and says `Sec-Fetch-Site: same-origin`. A sibling subdomain, another port, another scheme,
 * `Origin: null`, and a request with neither header are not.
 * @example isFromOrigin({ origin: 'https://share.example.com' }, 'https://share.example.com') // true
 * @example isFromOrigin({ 'sec-fetch-site': 'same-site' }, 'https://share.example.com') // false
 */
export function isFromOrigin(headers: OriginHeaders, publicOrigin: string): boolean {
  if (headers.origin !== undefined) return headers.origin === publicOrigin;
  return headers['sec-fetch-site'] === 'same-origin';
}

/** Whether the demo provider's exception (see {@link DEMO_EXCEPTIONS}) lets this request through. */
function isDemoException(request: FastifyRequest): boolean {
  const path = request.url.split('?', 1)[0];
  if (path === DEMO_EXCEPTIONS.tokenPath) return true;
  return (
    request.routeOptions.url === DEMO_EXCEPTIONS.loginRoute &&
    request.headers.origin === 'null' &&
    request.headers['sec-fetch-site'] === 'same-origin'
  );
}

export function registerSameOriginCheck(app: FastifyInstance, config: Pick<Config, 'oidcIssuer'>): void {
  const demoMounted = !config.oidcIssuer;
  // Synchronous: it runs for every request, and an async hook costs a promise and a microtask turn.
  app.addHook('onRequest', (request, _reply, done) => {
    if (SAFE_METHODS.has(request.method)) return done();
    const headers = { origin: request.headers.origin, 'sec-fetch-site': request.headers['sec-fetch-site'] };
    if (isFromOrigin(headers, app.publicOrigin())) return done();
    if (demoMounted && isDemoException(request)) return done();
    // The route pattern, never the URL (it can hold a secret's id); the headers are the sender's own.
    // Whether cookies came along tells a browser attack on a signed-in person from a misconfigured client.
    request.log.warn(
      {
        method: request.method,
        route: request.routeOptions.url,
        origin: headers.origin,
        secFetchSite: headers['sec-fetch-site'],
        withCookie: request.headers.cookie !== undefined,
        expected: app.publicOrigin(),
      },
      'cross-origin request refused',
    );
    done(new AppError('request.cross_origin'));
  });
}
