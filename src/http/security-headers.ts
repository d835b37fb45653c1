/**
 * Response headers for every reply (X5): a strict Content-Security-Policy (same origin only, no inline
 * script), no referrer (a link's path must not leak to other sites), no framing, HSTS, nosniff.
 *
 * Helmet computes the set once at start-up; every reply then gets the same header object. Running
 * helmet's middleware per request (what @fastify/helmet does) re-derived the identical CSP string and
 * set each header one by one: 2.6% of the service's CPU in the bench's profile (issue 10).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

const HELMET_OPTIONS: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
  },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  crossOriginEmbedderPolicy: false,
};

/** The headers helmet sets for these options; none depends on the request (no nonces, no functions). */
function computeSecurityHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader() {},
  };
  let finished = false;
  helmet(HELMET_OPTIONS)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not finish synchronously');
  return Object.freeze(headers);
}

let computed: Readonly<Record<string, string>> | undefined;

/** The security headers, computed on first use and shared by every reply (and the demo provider's). */
export function securityHeaders(): Readonly<Record<string, string>> {
  computed ??= computeSecurityHeaders();
  return computed;
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
