/**
 * Request ids (R3): every request gets one, it is logged with each line of that request (`reqId`) and sent
 * back in `X-Request-Id`, so a report from a user, the proxy's access log and our log meet.
 *
 * Behind a trusted reverse proxy (TRUST_PROXY) the proxy's `X-Request-Id` is taken, when it has the form of
 * an id (letters, digits and `._:-`, up to 128 characters): the proxy overwrites whatever the client sent
 * (deploy/ examples). Without TRUST_PROXY the header comes from the client itself and is never taken, so
 * nobody can put text of their choosing into our logs or collide with another request's id. A header in
 * any other form is ignored, and the request gets a random id (a UUID) instead.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { proxyTrust, type TrustProxy } from '../client-address.ts';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What a proxy's id may look like: a UUID, nginx's 32 hex characters, Caddy's, a trace id ... */
const REQUEST_ID_FORM = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID_FORM.test(value);
}

/**
 * Fastify's `genReqId`: the proxy's id when it is trusted and well-formed, else a new random one.
 * @example Fastify({ genReqId: requestIdGenerator(config.trustProxy) })
 */
export function requestIdGenerator(trustProxy: TrustProxy): (request: IncomingMessage) => string {
  const trusted = proxyTrust(trustProxy);
  if (trusted === false) return () => randomUUID();
  return (request) => {
    const given = request.headers[REQUEST_ID_HEADER];
    // With a list of proxies (TRUST_PROXY), only a request that came from one of them.
    const fromProxy = trusted === true || trusted(request.socket.remoteAddress ?? '');
    return fromProxy && isRequestId(given) ? given : randomUUID();
  };
}
