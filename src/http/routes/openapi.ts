/**
 * `GET /api/openapi.json`: the OpenAPI 3.1 description of this API (`../openapi.ts`); public, no secrets,
 * the same as `docs/openapi.json`. Built once, at its first request: built at start, the document and
 * zod's JSON Schema conversion on the way to it held about 2.5 MiB of an idle instance's resident memory
 * (issue 22), for a document few instances are ever asked for.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../context.ts';
import { buildOpenApiDocument } from '../openapi.ts';

export const OPENAPI_PATH = '/api/openapi.json';

export async function registerOpenApiRoute(app: FastifyInstance, _deps: AppDeps): Promise<void> {
  let document: string | undefined;
  app.get(OPENAPI_PATH, async (_request, reply) => {
    document ??= JSON.stringify(buildOpenApiDocument());
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(document);
  });
}
