/**
 * Maps every failure to one reply shape: `{ error: { code, message, issues? } }` with the code's status
 * (X7). Messages come from the catalogues in the request's language. Unexpected errors answer
 * `server.internal` and are logged without request bodies, so no secret reaches a log. Failures that
 * Fastify or Node answer before this handler could run are mapped in `framework-errors.ts`.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { AppError, ERRORS, type ErrorCode, isErrorCode } from '../protocol/errors.ts';
import { DEFAULT_LOCALE } from '../protocol/i18n/index.ts';
import { errorBody, registerNodeRefusals } from './framework-errors.ts';
import { isNavigation } from './navigation.ts';
import { isDatabaseUnavailable } from './observability/database-unavailable.ts';
import { sendAppPage } from './web-app.ts';

/**
 * Fastify's own error codes that reach this handler, mapped to ours. Of these a client can trigger the
 * body errors (CTP_*; INVALID_CONTENT_LENGTH only if a parser stream changed the length, which none
 * does: Node's parser already holds a body to its Content-Length) and a QUERY request without
 * Content-Type. NOT_FOUND, VALIDATION and HANDLER_TIMEOUT are here for safety: the app sets its own 404
 * handler, validates with zod and sets no handler timeout.
 */
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = Object.freeze({
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_ROUTE_MISSING_CONTENT_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid',
  FST_ERR_VALIDATION: 'request.invalid',
  FST_ERR_NOT_FOUND: 'route.not_found',
  FST_ERR_HANDLER_TIMEOUT: 'server.unavailable',
});

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const body = errorBody(error.code, request.locale ?? DEFAULT_LOCALE, error.issues);
  return reply.code(ERRORS[error.code]).header('cache-control', 'no-store').send(body);
}

/** The error code a schema's custom issue names in `params.code`, if any. */
function namedCode(issue: ZodError['issues'][number]): ErrorCode | undefined {
  const named = issue.code === 'custom' ? issue.params?.code : undefined;
  return typeof named === 'string' && isErrorCode(named) ? named : undefined;
}

export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  // The database cannot be reached: try again later (R3), not a bug of ours.
  if (isDatabaseUnavailable(error)) return new AppError('server.unavailable', 'database unavailable');
  if (error instanceof ZodError) {
    // Paths and problems only: a message could quote the rejected value, which may be secret.
    const issues = error.issues.map((issue) => ({
      path: issue.path.join('.'),
      problem: namedCode(issue) ?? issue.code,
    }));
    // A schema can name the code to answer (protocol/secrets.ts); issues go only with a 400, so a
    // proof that cannot be right answers secret.gone exactly as a wrong one does (O5).
    const code = error.issues.map(namedCode).find((named) => named !== undefined) ?? 'request.invalid';
    return new AppError(code, 'validation failed', ERRORS[code] === 400 ? issues : undefined);
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.code && FASTIFY_CODES[fastifyError.code])
    return new AppError(FASTIFY_CODES[fastifyError.code] as ErrorCode);
  // JSON.parse failures surface as SyntaxError with status 400.
  if (error instanceof SyntaxError && fastifyError.statusCode === 400)
    return new AppError('request.malformed_json');
  return undefined;
}

export function registerErrorHandling(app: FastifyInstance): void {
  registerNodeRefusals(app);
  app.setErrorHandler((error, request, reply) => {
    const known = toAppError(error);
    if (known) return sendError(request, reply, known);
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500)
      return sendError(request, reply, new AppError('request.invalid'));
    request.log.error(
      { err: { type: (error as Error).name, message: (error as Error).message } },
      'request failed',
    );
    return sendError(request, reply, new AppError('server.internal'));
  });
  // A browser navigating to an unknown address gets the app's not-found page, in its language; the rest JSON.
  app.setNotFoundHandler((request, reply) => {
    const page = isNavigation(request.headers) ? sendAppPage(app, reply, 404) : undefined;
    return page ?? sendError(request, reply, new AppError('route.not_found'));
  });
}
