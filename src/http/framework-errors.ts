/**
 * The app's error shape (X7) for every failure that Fastify or Node would otherwise answer on their own,
 * before the app's error handler could run:
 *
 * - Fastify's router (`frameworkErrors`): a path that cannot be percent-decoded (`FST_ERR_BAD_URL`), a
 *   path parameter longer than `maxParamLength` (`FST_ERR_MAX_PARAM_LENGTH`). Such a path names nothing,
 *   so it is answered like any unknown path: `route.not_found`, and `secret.gone` under `/api/secrets/`
 *   (O5: an id that cannot exist is answered like one that no longer does). Both are 404. A browser's
 *   navigation gets the app's page with 404 instead, which shows its not-found page.
 * - Node's HTTP parser (`clientErrorHandler`): a malformed request line or header, a bad or duplicate
 *   Content-Length, a bad chunk (`request.invalid`), a request line and headers over 16 KiB
 *   (`request.headers_too_large`), headers that never finish (`request.timeout`).
 * - Node's own refusals, which have no Fastify hook: an HTTP/1.1 request without Host, an `Expect` other
 *   than `100-continue` (both `request.invalid`), `CONNECT` (`route.not_found`).
 * - A request that arrives while the app closes (Fastify's `return503OnClosing`): `server.unavailable`.
 *
 * None of these replies or log lines holds the path or any other part of the request: a path can carry
 * a secret id (X3). The message is in the visitor's language (L3) as far as the request can be read.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS, type ErrorBody, type ErrorCode } from '../protocol/errors.ts';
import { type Locale, translate } from '../protocol/i18n/index.ts';
import { LOCALE_COOKIE, visitorLocale } from './locale.ts';
import { isNavigation } from './navigation.ts';
import { securityHeaders } from './security-headers.ts';
import { sendAppPage } from './web-app.ts';

// Not `import { STATUS_CODES } from 'node:http'`: an ES import of node:http reads all its exports,
// whose lazy WebSocket getters load Node's bundled undici (about 3 MiB of idle resident memory, issue 22).
const { STATUS_CODES } = process.getBuiltinModule('node:http');

/** Paths whose parameter is a secret id (O5). */
const SECRET_PATH_PREFIX = '/api/secrets/';

/** Node's parser error codes that have their own status; every other parser error is `request.invalid`. */
const CLIENT_ERROR_CODES: Readonly<Record<string, ErrorCode>> = Object.freeze({
  HPE_HEADER_OVERFLOW: 'request.headers_too_large',
  ERR_HTTP_REQUEST_TIMEOUT: 'request.timeout',
});

/** The body of every error reply. `issues` names bad fields, never their values. */
export function errorBody(code: ErrorCode, locale: Locale, issues?: ErrorBody['error']['issues']): ErrorBody {
  const body: ErrorBody = { error: { code, message: translate(locale, `errors.${code}`) } };
  if (issues) body.error.issues = issues;
  return body;
}

/** Status, headers and body of an error reply written without Fastify (on a socket or a raw response). */
function rawError(code: ErrorCode, locale: Locale) {
  const body = JSON.stringify(errorBody(code, locale));
  const headers: Record<string, string> = {
    ...securityHeaders(),
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    connection: 'close',
  };
  return { status: ERRORS[code], headers, body };
}

/** The same reply as a whole HTTP/1.1 message, for a socket that has no response object. */
function rawErrorMessage(code: ErrorCode, locale: Locale): string {
  const { status, headers, body } = rawError(code, locale);
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join('')}\r\n${body}`;
}

/** The language of a request Fastify has not parsed: the `lang` cookie, then Accept-Language (L3). */
function localeOfHeaders(cookie: string | undefined, acceptLanguage: string | undefined): Locale {
  const lang = cookie
    ?.split(';')
    .map((pair) => pair.trim().split('='))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  // The same rule as every other request's: visitorLocale reads just these two.
  const request = {
    cookies: lang ? { [LOCALE_COOKIE]: lang } : {},
    headers: { 'accept-language': acceptLanguage },
  };
  return visitorLocale(request as unknown as FastifyRequest);
}

/**
 * The two headers that name a language, read from the bytes Node could not parse. Best effort: the
 * packet may be cut anywhere; it is read for nothing else and never kept.
 */
function localeOfRawPacket(packet: unknown): Locale {
  if (!Buffer.isBuffer(packet)) return localeOfHeaders(undefined, undefined);
  const head = packet.toString('latin1').split(/\r?\n\r?\n/, 1)[0] ?? '';
  const header = (name: string) =>
    head
      .split(/\r?\n/)
      .find((line) => line.toLowerCase().startsWith(`${name}:`))
      ?.slice(name.length + 1)
      .trim();
  return localeOfHeaders(header('cookie'), header('accept-language'));
}

function localeOfRequest(request: IncomingMessage | FastifyRequest): Locale {
  return localeOfHeaders(request.headers.cookie, request.headers['accept-language']);
}

/** Answers on a raw response, as Node's own refusals need. */
function writeRawError(response: ServerResponse, code: ErrorCode, request: IncomingMessage): void {
  const { status, headers, body } = rawError(code, localeOfRequest(request));
  response.writeHead(status, headers).end(body);
}

/** Sets the request's language where Fastify's hooks (the cookie parser among them) have not run. */
function settleLocale(request: FastifyRequest): void {
  request.locale = localeOfRequest(request);
}

/**
 * Fastify's `frameworkErrors` option: the router's own failures, answered before any hook runs (so the
 * security headers are set here too).
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  settleLocale(request);
  reply.headers(securityHeaders());
  let code: ErrorCode;
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    // A browser gets the app's page, which shows not-found (or, for a link, that the secret is gone).
    if (isNavigation(request.headers) && sendAppPage(request.server, reply, 404)) return;
    code = request.url.startsWith(SECRET_PATH_PREFIX) ? 'secret.gone' : 'route.not_found';
  } else {
    // FST_ERR_ASYNC_CONSTRAINT: the app has no asynchronous route constraints, so this is a bug of ours.
    request.log.error({ err: { type: error.name, reason: error.code } }, 'router failed');
    code = 'server.internal';
  }
  void reply.code(ERRORS[code]).header('cache-control', 'no-store').send(errorBody(code, request.locale));
}

/**
 * Fastify's `clientErrorHandler` option: a request Node's parser refused. There is no request object, so
 * the reply is written to the socket, unless a response on it has already begun (writing then would
 * corrupt what the client reads).
 */
export function answerClientError(this: FastifyInstance, error: ConnectionError, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code = CLIENT_ERROR_CODES[error.code] ?? 'request.invalid';
  const pending = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (socket.writable && !pending?.headersSent) {
    // A request whose headers were read (its body was cut short) has them at hand.
    const locale = pending ? localeOfRequest(pending.req) : localeOfRawPacket(error.rawPacket);
    socket.write(rawErrorMessage(code, locale));
  }
  // The parser's error code only: its message and packet can quote the request line.
  this.log.debug({ reason: error.code }, 'client error');
  socket.destroy();
}

/**
 * Node's refusals that bypass Fastify, and requests that arrive while the app closes. Registered first,
 * so these hooks run before any other.
 */
export function registerNodeRefusals(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    const hostMissing = request.raw.httpVersion === '1.1' && request.headers.host === undefined;
    if (!closing && !hostMissing) return;
    settleLocale(request);
    const code: ErrorCode = closing ? 'server.unavailable' : 'request.invalid';
    // Before the hook that sets the security headers: they are set here.
    return reply
      .headers(securityHeaders())
      .code(ERRORS[code])
      .header('cache-control', 'no-store')
      .header('connection', 'close')
      .send(errorBody(code, request.locale));
  });
  // RFC 9110 allows refusing an expectation the server does not know; Node would send a bare 417.
  app.server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) =>
    writeRawError(response, 'request.invalid', request),
  );
  // This is no proxy: CONNECT names nothing here. Node would close the connection without a word.
  app.server.on('connect', (request: IncomingMessage, socket: Duplex) =>
    socket.end(rawErrorMessage('route.not_found', localeOfRequest(request))),
  );
}
