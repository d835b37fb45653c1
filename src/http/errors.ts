/**
 * Maps every failure to one reply shape: `{ error: { code, message, issues? } }` with the code's status
 * (X7). Messages come from the catalogues in the request's language. Unexpected errors answer
 * `server.internal` and are logged without request bodies, so no secret reaches a log.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { AppError, ERRORS, type ErrorBody, type ErrorCode } from '../protocol/errors.ts';
import { translate } from '../protocol/i18n/index.ts';

/** Fastify's own error codes for bad requests, mapped to ours. */
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = Object.freeze({
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid',
  FST_ERR_VALIDATION: 'request.invalid',
});

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const body: ErrorBody = {
    error: { code: error.code, message: translate(request.locale ?? 'en', `errors.${error.code}`) },
  };
  if (error.issues) body.error.issues = error.issues;
  return reply.code(ERRORS[error.code]).header('cache-control', 'no-store').send(body);
}

export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    // Paths and problems only: a message could quote the rejected value, which may be secret.
    const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), problem: issue.code }));
    return new AppError('request.invalid', 'validation failed', issues);
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
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new AppError('route.not_found')));
}
