/**
 * X7: every failure a client can provoke in Fastify or Node is answered in the app's own shape,
 * `{ error: { code, message } }`, with a stable code, the message in the visitor's language (L3), the
 * security headers (X5), and nothing of the request: no part of the path, which can hold a secret id
 * (X3), in the reply or in the log.
 *
 * One app on SQLite only: these failures are answered by the router, the body parsers and Node's HTTP
 * parser, before any route runs or the database is asked, so the dialect cannot change them. (The
 * database is asked for a session only when the request carries a session cookie; none of these does.)
 */
import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { errorCodes } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '../../src/http/security-headers.ts';
import { MAX_BODY_BYTES } from '../../src/protocol/crypto.ts';
import { ERRORS, type ErrorCode } from '../../src/protocol/errors.ts';
import { type Locale, translate } from '../../src/protocol/i18n/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { type RawReply, rawExchange } from '../support/raw-http.ts';

/** Stands for a secret id in every path below; it must never come back or reach the log. */
const CANARY = 'Canary7rT3kQ9vX2mB8nL4pW';
const BAD_ESCAPE = '%E0%A4%A';
const TOO_LONG = `${CANARY}${'a'.repeat(100)}`; // over Fastify's default maxParamLength of 100

/**
 * Every FST_ERR_* code of Fastify's errors.js that a client can trigger against this app; each is sent
 * by a case below. The test fails when Fastify adds a code, so each new one is decided here.
 */
const CLIENT_TRIGGERED = [
  'FST_ERR_BAD_URL',
  'FST_ERR_MAX_PARAM_LENGTH',
  'FST_ERR_CTP_BODY_TOO_LARGE',
  'FST_ERR_CTP_INVALID_MEDIA_TYPE',
  'FST_ERR_CTP_EMPTY_JSON_BODY',
  'FST_ERR_CTP_INVALID_JSON_BODY',
  'FST_ERR_ROUTE_MISSING_CONTENT_TYPE',
] as const;

/** Every other code, and why no client can trigger it here. */
const NOT_CLIENT_TRIGGERED: Readonly<Record<string, string>> = {
  // Node's parser holds a body to its Content-Length (a short body is a parser error, tested below as
  // "a body shorter than its Content-Length"); only a preParsing stream that changes the length could
  // raise this, and the app has none.
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'no length-changing preParsing stream',
  FST_ERR_ASYNC_CONSTRAINT: 'no asynchronous route constraints',
  FST_ERR_NOT_FOUND: "thrown only by Fastify's default 404 handler, which the app replaces",
  FST_ERR_VALIDATION: 'no Fastify schemas: bodies are validated with zod in the routes',
  FST_ERR_HANDLER_TIMEOUT: 'no handlerTimeout is set',
  FST_ERR_ROUTE_MISSING_CONTENT: 'no longer thrown by Fastify 5',
  FST_ERR_BAD_TRAILER_NAME: 'the app sends no trailers',
  FST_ERR_BAD_TRAILER_VALUE: 'the app sends no trailers',
  // Misuse of a reply or request by the app's own code: a bug, answered server.internal.
  FST_ERR_REP_INVALID_PAYLOAD_TYPE: 'app bug',
  FST_ERR_REP_RESPONSE_BODY_CONSUMED: 'app bug',
  FST_ERR_REP_READABLE_STREAM_LOCKED: 'app bug',
  FST_ERR_REP_ALREADY_SENT: 'app bug',
  FST_ERR_REP_SENT_VALUE: 'app bug',
  FST_ERR_SEND_INSIDE_ONERR: 'app bug',
  FST_ERR_SEND_UNDEFINED_ERR: 'app bug',
  FST_ERR_BAD_STATUS_CODE: 'app bug',
  FST_ERR_FAILED_ERROR_SERIALIZATION: 'app bug',
  FST_ERR_MISSING_SERIALIZATION_FN: 'app bug',
  FST_ERR_MISSING_CONTENTTYPE_SERIALIZATION_FN: 'app bug',
  FST_ERR_REQ_INVALID_VALIDATION_INVOCATION: 'app bug',
  FST_ERR_DEC_UNDECLARED: 'app bug',
};

/**
 * Start-up errors: thrown while the app is built or starts listening, before any client can connect.
 * Matched by prefix or name.
 */
const START_UP = [
  /^FST_ERR_(OPTIONS|QSP|SCHEMA_CONTROLLER|SCHEMA_ERROR_FORMATTER|AJV|LISTEN_OPTIONS|ERROR_HANDLER)_/,
  /^FST_ERR_CTP_(ALREADY_PRESENT|INVALID_TYPE|EMPTY_TYPE|INVALID_HANDLER|INVALID_PARSE_TYPE|INSTANCE_ALREADY_STARTED)$/,
  /^FST_ERR_(DEC|HOOK|LOG|SCH|PLUGIN|ROUTE|INIT_OPTS|REOPENED)_/,
  /^FST_ERR_(MISSING_MIDDLEWARE|FORCE_CLOSE_CONNECTIONS_IDLE_NOT_AVAILABLE|DUPLICATED_ROUTE|INVALID_URL|INSTANCE_ALREADY_LISTENING|ROOT_PLG_BOOTED|PARENT_PLUGIN_BOOTED)$/,
];

interface Variant {
  readonly locale: Locale;
  readonly headers: Readonly<Record<string, string>>;
}

/** L3: the language cookie first, then Accept-Language. */
const VARIANTS: readonly Variant[] = [
  { locale: 'de', headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' } },
  { locale: 'nl', headers: { cookie: 'lang=nl', 'accept-language': 'de-DE' } },
];

interface Case {
  readonly name: string;
  readonly code: ErrorCode;
  /** The FST_ERR_* code it provokes, if it is one of Fastify's. */
  readonly fastify?: (typeof CLIENT_TRIGGERED)[number];
  readonly send: (t: TestApp, language: Readonly<Record<string, string>>) => Promise<RawReply>;
}

async function viaFetch(
  t: TestApp,
  path: string,
  init: RequestInit & { headers: Record<string, string> },
): Promise<RawReply> {
  // State-changing requests come from the app's own origin, so a CSRF check cannot answer first.
  const response = await fetch(`${t.baseUrl}${path}`, {
    ...init,
    headers: { origin: t.baseUrl, ...init.headers },
    redirect: 'manual',
  });
  const body = await response.text();
  const headers = Object.fromEntries(response.headers);
  return { status: response.status, headers, body, text: `${JSON.stringify(headers)}\n${body}` };
}

/** A raw request: `head` is the request line and headers before the language headers and the blank line. */
async function viaSocket(
  t: TestApp,
  head: string,
  language: Readonly<Record<string, string>>,
  body = '',
  options: { halfClose?: boolean } = {},
): Promise<RawReply> {
  const languageLines = Object.entries(language)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  // Every method but GET from the app's own origin, so a CSRF check (X5) cannot answer first.
  const origin = head.startsWith('GET') ? '' : `Origin: ${t.baseUrl}\r\n`;
  const replies = await rawExchange(
    t.baseUrl,
    [`${head}${languageLines}${origin}Connection: close\r\n\r\n${body}`],
    options,
  );
  expect(replies).toHaveLength(1);
  return replies[0] as RawReply;
}

const json = (language: Readonly<Record<string, string>>) => ({
  ...language,
  'content-type': 'application/json',
});

const CASES: readonly Case[] = [
  {
    name: 'a secret path that cannot be percent-decoded is answered like an unknown id (O5)',
    fastify: 'FST_ERR_BAD_URL',
    code: 'secret.gone',
    send: (t, language) =>
      viaFetch(t, `/api/secrets/${CANARY}${BAD_ESCAPE}/open`, { method: 'POST', headers: language }),
  },
  {
    name: 'any other path that cannot be percent-decoded names nothing',
    fastify: 'FST_ERR_BAD_URL',
    code: 'route.not_found',
    send: (t, language) => viaFetch(t, `/${CANARY}${BAD_ESCAPE}`, { headers: language }),
  },
  {
    name: 'an id longer than any id is answered like an unknown id (O5)',
    fastify: 'FST_ERR_MAX_PARAM_LENGTH',
    code: 'secret.gone',
    send: (t, language) =>
      viaFetch(t, `/api/secrets/${TOO_LONG}/open`, { method: 'POST', headers: language }),
  },
  {
    name: 'an overlong parameter elsewhere names nothing',
    fastify: 'FST_ERR_MAX_PARAM_LENGTH',
    code: 'route.not_found',
    send: (t, language) => viaFetch(t, `/demo-login/${TOO_LONG}`, { headers: language }),
  },
  {
    name: 'a body over the limit, announced by Content-Length',
    fastify: 'FST_ERR_CTP_BODY_TOO_LARGE',
    code: 'request.too_large',
    send: (t, language) =>
      viaFetch(t, '/api/secrets', {
        method: 'POST',
        headers: json(language),
        body: `"${'A'.repeat(MAX_BODY_BYTES)}"`,
      }),
  },
  {
    name: 'a body over the limit, sent in chunks without a length',
    fastify: 'FST_ERR_CTP_BODY_TOO_LARGE',
    code: 'request.too_large',
    send: (t, language) => {
      const chunk = 'A'.repeat(64 * 1024);
      const chunks = Array.from({ length: Math.ceil(MAX_BODY_BYTES / chunk.length) + 1 }, () => chunk);
      const body = `${chunks.map((c) => `${c.length.toString(16)}\r\n${c}\r\n`).join('')}0\r\n\r\n`;
      return viaSocket(
        t,
        'POST /api/secrets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n',
        language,
        body,
      );
    },
  },
  {
    name: 'a body that is not JSON (text/plain)',
    fastify: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
    code: 'request.unsupported_media_type',
    send: (t, language) =>
      viaFetch(t, '/api/secrets', {
        method: 'POST',
        headers: { ...language, 'content-type': 'text/plain' },
        body: '{}',
      }),
  },
  {
    name: 'a Content-Type that does not parse',
    fastify: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
    code: 'request.unsupported_media_type',
    send: (t, language) =>
      viaFetch(t, '/api/secrets', {
        method: 'POST',
        headers: { ...language, 'content-type': ';;;' },
        body: '{}',
      }),
  },
  {
    name: 'two Content-Type headers (Node keeps the first)',
    fastify: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
    code: 'request.unsupported_media_type',
    send: (t, language) =>
      viaSocket(
        t,
        'POST /api/secrets HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Type: application/json\r\nContent-Length: 2\r\n',
        language,
        '{}',
      ),
  },
  {
    name: 'a body without a Content-Type',
    fastify: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
    code: 'request.unsupported_media_type',
    send: (t, language) =>
      viaSocket(t, 'POST /api/secrets HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n', language, '{}'),
  },
  {
    name: 'an empty JSON body',
    fastify: 'FST_ERR_CTP_EMPTY_JSON_BODY',
    code: 'request.malformed_json',
    send: (t, language) => viaFetch(t, '/api/secrets', { method: 'POST', headers: json(language), body: '' }),
  },
  {
    name: 'a JSON body that does not parse',
    fastify: 'FST_ERR_CTP_INVALID_JSON_BODY',
    code: 'request.malformed_json',
    send: (t, language) =>
      viaFetch(t, '/api/secrets', { method: 'POST', headers: json(language), body: `{"id":"${CANARY}",` }),
  },
  {
    name: 'a JSON body with __proto__ (prototype poisoning)',
    fastify: 'FST_ERR_CTP_INVALID_JSON_BODY',
    code: 'request.malformed_json',
    send: (t, language) =>
      viaFetch(t, '/api/secrets', { method: 'POST', headers: json(language), body: '{"__proto__":{"x":1}}' }),
  },
  {
    name: 'a QUERY request without a Content-Type',
    fastify: 'FST_ERR_ROUTE_MISSING_CONTENT_TYPE',
    code: 'request.unsupported_media_type',
    send: (t, language) =>
      viaSocket(
        t,
        `QUERY /api/secrets/${CANARY} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n`,
        language,
        '{}',
      ),
  },
  {
    name: 'an unknown path',
    code: 'route.not_found',
    send: (t, language) => viaFetch(t, `/api/${CANARY}`, { headers: language }),
  },
  {
    name: 'a method no route has (PROPFIND)',
    code: 'route.not_found',
    send: (t, language) => viaFetch(t, `/api/secrets/${CANARY}`, { method: 'PROPFIND', headers: language }),
  },
  {
    name: 'a method Node does not know',
    code: 'request.invalid',
    send: (t, language) => viaSocket(t, `BREW /api/secrets/${CANARY} HTTP/1.1\r\nHost: x\r\n`, language),
  },
  {
    name: 'a malformed header name',
    code: 'request.invalid',
    send: (t, language) =>
      viaSocket(t, `GET /api/secrets/${CANARY} HTTP/1.1\r\nHost: x\r\n`, {
        ...language,
        'Bad Header': 'x',
      }),
  },
  {
    name: 'a header folded over two lines (obsolete line folding)',
    code: 'request.invalid',
    send: (t, language) =>
      viaSocket(t, `GET /api/secrets/${CANARY} HTTP/1.1\r\nHost: x\r\n`, {
        ...language,
        'X-Folded': 'a\r\n b',
      }),
  },
  {
    name: 'a space in the path',
    code: 'request.invalid',
    send: (t, language) => viaSocket(t, `GET /s/${CANARY} x HTTP/1.1\r\nHost: x\r\n`, language),
  },
  {
    name: 'an unknown HTTP version',
    code: 'request.invalid',
    send: (t, language) => viaSocket(t, `GET /s/${CANARY} HTTP/9.9\r\nHost: x\r\n`, language),
  },
  {
    name: 'two different Content-Length headers',
    code: 'request.invalid',
    send: (t, language) =>
      viaSocket(
        t,
        'POST /api/secrets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n',
        language,
        '{}',
      ),
  },
  {
    name: 'Content-Length beside Transfer-Encoding (request smuggling)',
    code: 'request.invalid',
    send: (t, language) =>
      viaSocket(
        t,
        'POST /api/secrets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n',
        language,
        '0\r\n\r\n',
      ),
  },
  {
    name: 'a Content-Length that is not a number',
    code: 'request.invalid',
    send: (t, language) =>
      viaSocket(
        t,
        'POST /api/secrets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: two\r\n',
        language,
        '{}',
      ),
  },
  {
    name: 'a chunk size that is not hexadecimal',
    code: 'request.invalid',
    send: (t, language) =>
      viaSocket(
        t,
        'POST /api/secrets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n',
        language,
        'zz\r\n{}\r\n0\r\n\r\n',
      ),
  },
  {
    name: 'a body shorter than its Content-Length, then the client stops sending',
    code: 'request.invalid',
    send: (t, language) =>
      viaSocket(
        t,
        'POST /api/secrets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n',
        language,
        '{}',
        { halfClose: true },
      ),
  },
  {
    name: 'a request line and headers over 16 KiB (a very long address)',
    code: 'request.headers_too_large',
    send: (t, language) =>
      viaSocket(t, `GET /s/${CANARY}${'b'.repeat(17 * 1024)} HTTP/1.1\r\nHost: x\r\n`, language),
  },
  {
    name: 'an HTTP/1.1 request without Host',
    code: 'request.invalid',
    send: (t, language) => viaSocket(t, `GET /api/secrets/${CANARY} HTTP/1.1\r\n`, language),
  },
  {
    name: 'an expectation other than 100-continue',
    code: 'request.invalid',
    send: (t, language) =>
      viaSocket(
        t,
        `POST /api/secrets/${CANARY}/open HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nContent-Length: 0\r\n`,
        language,
      ),
  },
  {
    name: 'CONNECT (this is no proxy)',
    code: 'route.not_found',
    send: (t, language) => viaSocket(t, `CONNECT ${CANARY}.test:443 HTTP/1.1\r\nHost: x\r\n`, language),
  },
];

/** The reply is exactly the app's error shape for `code`, in `locale`, with nothing of the request. */
function expectAppError(reply: RawReply, code: ErrorCode, locale: Locale): void {
  expect(reply.status).toBe(ERRORS[code]);
  expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(JSON.parse(reply.body)).toEqual({ error: { code, message: translate(locale, `errors.${code}`) } });
  expect(reply.text).not.toContain(CANARY);
  expect(reply.text).not.toContain(BAD_ESCAPE);
  for (const [name, value] of Object.entries(securityHeaders()))
    expect(reply.headers[name], name).toBe(value);
}

describe('X7: framework errors in the app shape', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ dialect: 'sqlite' });
  });
  afterAll(() => t?.close());

  it('every FST_ERR_* code of Fastify is either sent below or named with the reason no client can send it', () => {
    const undecided = Object.keys(errorCodes).filter(
      (code) =>
        !(CLIENT_TRIGGERED as readonly string[]).includes(code) &&
        !Object.hasOwn(NOT_CLIENT_TRIGGERED, code) &&
        !START_UP.some((pattern) => pattern.test(code)),
    );
    expect(undecided).toEqual([]);
    const sent = new Set(CASES.map((c) => c.fastify).filter(Boolean));
    expect([...sent].sort()).toEqual([...CLIENT_TRIGGERED].sort());
  });

  describe.each(VARIANTS)('in $locale', ({ locale, headers }) => {
    it.each(CASES)('$name: $code', async ({ code, send }) => {
      expectAppError(await send(t, headers), code, locale);
    });
  });

  it('headers that never finish: request.timeout (408), in English, for the language was never read', async () => {
    // Node raises ERR_HTTP_REQUEST_TIMEOUT after headersTimeout (60 s); the test hands the same error to
    // the same handler at once, on a real connection whose headers are still incomplete.
    const accepted = new Promise<Socket>((resolve) => t.app.server.once('connection', resolve));
    const exchange = rawExchange(t.baseUrl, [
      `GET /s/${CANARY} HTTP/1.1\r\nHost: x\r\nAccept-Language: de\r\n`,
    ]);
    const timeout = Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' });
    t.app.server.emit('clientError', timeout, await accepted);
    const replies = await exchange;
    expect(replies).toHaveLength(1);
    expectAppError(replies[0] as RawReply, 'request.timeout', 'en');
  });

  it('X3: no path of these requests reached the log', async () => {
    const log = await readFile(t.logFile, 'utf8');
    expect(log).not.toContain(CANARY);
    expect(log).not.toContain(BAD_ESCAPE);
  });
});

describe('X7: a request that arrives while the app closes', () => {
  it('is answered server.unavailable (503) in the app shape, in its language', async () => {
    const t = await startTestApp({ dialect: 'sqlite' });
    let closing: Promise<void> | undefined;
    try {
      // One write: a whole request, then the start of a second, so the connection is busy (not idle,
      // which closing would cut) when the first answer arrives. Then the app starts closing, and the
      // second request is finished.
      const replies = await rawExchange(
        t.baseUrl,
        [
          `GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /api/secrets/${CANARY} HTTP/1.1\r\nHost: x\r\nAccept-Language: nl\r\n`,
        ],
        {
          afterFirstReply: async (socket) => {
            closing = t.stop();
            await expect.poll(() => t.app.readiness.isShuttingDown()).toBe(true);
            socket.write('\r\n');
          },
        },
      );
      expect(replies.map((reply) => reply.status)).toEqual([200, 503]);
      expectAppError(replies[1] as RawReply, 'server.unavailable', 'nl');
    } finally {
      await (closing ?? t.stop());
      await t.database.drop();
    }
  });
});
