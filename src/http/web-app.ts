/**
 * Serves the built browser app (web/dist) from the same process: hashed assets cached for good,
 * `index.html` for each of the app's own paths and never cached. Opening a link (`GET /s/<id>`) returns
 * only this page, so link previews, mail scanners and crawlers burn and probe nothing (O4).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_DIST = join(import.meta.dirname, '..', '..', 'web', 'dist');

/** Paths the single-page app answers; anything else stays a 404. */
const APP_PATHS = ['/', '/secrets', '/s/:id'] as const;

export async function registerWebApp(app: FastifyInstance, root = WEB_DIST): Promise<void> {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) {
    app.log.warn({ root }, 'web app not built (npm run build); serving the API only');
    return;
  }
  const indexHtml = readFileSync(indexFile);
  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    index: false,
    immutable: true,
    maxAge: '365d',
  });
  for (const path of APP_PATHS) {
    app.get(path, async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        // Keep secret links out of search indexes even if one gets posted publicly.
        .header('x-robots-tag', 'noindex, nofollow')
        .send(indexHtml),
    );
  }
}
