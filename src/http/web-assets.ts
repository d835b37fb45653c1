/**
 * The web app's built assets (`web/dist/assets`) at `/assets/<file>`: Vite's hashed file names, so each
 * file is cached for a year as immutable, with an ETag and Last-Modified for a revalidation (304). No
 * byte ranges: scripts, styles and icons are fetched whole.
 *
 * In place of @fastify/static (issue 22): for this one folder of files fixed at build time it loaded
 * glob, minimatch, send and more, about 2 MiB of every instance's idle resident memory. The folder is
 * listed once, at start; a request names one of those files or gets the app's 404 (`callNotFound`, as
 * before). No part of a request's path reaches the file system, so there is nothing to traverse.
 */
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';

const PREFIX = '/assets/';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** What Vite writes there, typed as @fastify/static typed it; anything else goes out as bytes. */
const CONTENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
});

interface Asset {
  readonly file: string;
  readonly type: string;
  readonly size: number;
  readonly etag: string;
  /** The ETag without its weak marker, as If-None-Match is compared (weakly). */
  readonly opaqueTag: string;
  readonly lastModified: string;
  /** `lastModified` as epoch milliseconds (whole seconds, as the header says it). */
  readonly lastModifiedMs: number;
}

/**
 * Every file under `folder` by its path below it with `/` separators; hidden files left out. A build
 * without the folder serves no assets (and the start goes on, as with @fastify/static).
 */
function listAssets(folder: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(folder)) return assets;
  for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    const path = name.split(sep).join('/');
    if (path.split('/').some((part) => part.startsWith('.'))) continue;
    const file = join(folder, name);
    const stats = statSync(file);
    if (!stats.isFile()) continue;
    // The form @fastify/static (send) gave, so browsers' cached copies still revalidate as unchanged.
    const opaqueTag = `"${stats.size.toString(16)}-${stats.mtime.getTime().toString(16)}"`;
    const lastModified = stats.mtime.toUTCString();
    assets.set(path, {
      file,
      type: CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      size: stats.size,
      etag: `W/${opaqueTag}`,
      opaqueTag,
      lastModified,
      lastModifiedMs: Date.parse(lastModified),
    });
  }
  return assets;
}

/** A revalidation of the version we have (If-None-Match first, as HTTP says, else If-Modified-Since). */
function unchanged(
  asset: Asset,
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
): boolean {
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .some((tag) => tag === '*' || tag === asset.opaqueTag);
  }
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && asset.lastModifiedMs <= since;
}

/** Registers `GET` (and Fastify's `HEAD`) `/assets/*` for the files in `folder` now. */
export function registerWebAssets(app: FastifyInstance, folder: string): void {
  const assets = listAssets(folder);
  app.get(`${PREFIX}*`, async (request, reply) => {
    const asset = assets.get((request.params as { '*': string })['*']);
    if (!asset) return reply.callNotFound();
    reply
      .header('cache-control', `public, max-age=${ONE_YEAR_SECONDS}, immutable`)
      .header('etag', asset.etag)
      .header('last-modified', asset.lastModified);
    const { 'if-none-match': ifNoneMatch, 'if-modified-since': ifModifiedSince } = request.headers;
    if (unchanged(asset, ifNoneMatch, ifModifiedSince)) return reply.code(304).send();
    return reply
      .type(asset.type)
      .header('content-length', String(asset.size))
      .send(createReadStream(asset.file));
  });
}
