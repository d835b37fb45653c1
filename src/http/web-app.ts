/**
 * Serves the built browser app (web/dist) from the same process: hashed assets cached for good,
 * `index.html` for each of the app's own paths and never cached. Opening a link (`GET /s/<id>`, or an
 * invitation's `GET /i/<id>`) returns only this page, so link previews, mail scanners and crawlers burn,
 * use up and probe nothing (O4, S5).
 * A browser's navigation to any other address gets the same page with 404, and the app shows its
 * not-found page in the visitor's language (`sendAppPage`, used by the error handlers).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SIGN_IN_FAILED_PATH } from '../protocol/sign-in.ts';
import type { WebAppLinks } from './context.ts';
import { registerWebAssets } from './web-assets.ts';

export const WEB_DIST = join(import.meta.dirname, '..', '..', 'web', 'dist');

/** Paths the single-page app answers; anything else stays a 404. */
const APP_PATHS = [
  '/',
  '/secrets',
  '/s/:id',
  '/invitations',
  '/invitations/new',
  '/i/:id',
  '/admin/settings',
  '/admin/members',
  '/activity',
  SIGN_IN_FAILED_PATH,
] as const;

/** The page of each app that serves one; apps built without the web app have none. */
const appPages = new WeakMap<FastifyInstance, Buffer>();

/**
 * Answers with the app's page and `status` when `app` serves the web app; returns undefined when it does
 * not (API-only), so the caller answers JSON instead.
 */
export function sendAppPage(
  app: FastifyInstance,
  reply: FastifyReply,
  status: number,
): FastifyReply | undefined {
  const page = appPages.get(app);
  if (!page) return undefined;
  return (
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      // Keep secret links out of search indexes even if one gets posted publicly.
      .header('x-robots-tag', 'noindex, nofollow')
      .send(page)
  );
}

/** The stylesheets and the icon Vite wrote into the built page (hashed file names under /assets/). */
function linksOf(page: string): WebAppLinks {
  const links = [...page.matchAll(/<link\b[^>]*>/g)].map((match) => match[0]);
  const href = (tag: string) => /\bhref="(\/[^"]*)"/.exec(tag)?.[1];
  const withRel = (rel: string) =>
    links.filter((tag) => new RegExp(`\\brel="${rel}"`).test(tag)).flatMap((tag) => href(tag) ?? []);
  return { stylesheets: withRel('stylesheet'), icon: withRel('icon')[0] ?? null };
}

export async function registerWebApp(app: FastifyInstance, root = WEB_DIST): Promise<void> {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) {
    app.log.warn({ root }, 'web app not built (npm run build); serving the API only');
    return;
  }
  const page = readFileSync(indexFile);
  appPages.set(app, page);
  app.decorate('webAppLinks', linksOf(page.toString('utf8')));
  registerWebAssets(app, join(root, 'assets'));
  for (const path of APP_PATHS) {
    app.get(path, async (_request, reply) => sendAppPage(app, reply, 200));
  }
}
