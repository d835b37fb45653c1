/**
 * `GET /api/openapi.json`: the OpenAPI 3.1 description of this API (`../openapi.ts`); public, no secrets,
 * the same as `docs/openapi.json`. Built once, when the app is built.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../context.ts';
import { buildOpenApiDocument } from '../openapi.ts';

export const OPENAPI_PATH = '/api/openapi.json';

export async function registerOpenApiRoute(app: FastifyInstance, _deps: AppDeps): Promise<void> {
  const document = JSON.stringify(buildOpenApiDocument());
  app.get(OPENAPI_PATH, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(document),
  );
}
