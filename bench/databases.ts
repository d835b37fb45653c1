/**
 * Bench databases: a fresh SQLite folder per setup, or a PostgreSQL database dropped and created anew on
 * the server of DATABASE_URL. Names the test suite uses (`test`, `ss_*`) are refused.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export interface BenchDatabase {
  /** Data folder (SQLite file, demo provider keys). */
  readonly dataDir: string;
  /** Set for PostgreSQL. */
  readonly databaseUrl?: string;
}

export function sqliteDatabase(root: string, name: string): BenchDatabase {
  const dataDir = join(root, name);
  mkdirSync(dataDir, { recursive: true });
  return { dataDir };
}

/** Drops and creates the database `name` on the server of `baseUrl`; returns its URL. */
export async function postgresDatabase(baseUrl: string, root: string, name: string): Promise<BenchDatabase> {
  if (name === 'test' || name.startsWith('ss_') || !/^[a-z_][a-z0-9_]*$/.test(name)) {
    throw new Error(`refusing to recreate database ${name}`);
  }
  const admin = parsedUrl(baseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = parsedUrl(baseUrl);
  url.pathname = `/${name}`;
  const dataDir = join(root, name);
  mkdirSync(dataDir, { recursive: true });
  return { dataDir, databaseUrl: url.href };
}

/**
 * A PostgreSQL URL as a WHATWG URL. The Unix-socket form without a host before the database
 * (`postgres://user@/db?host=/var/run/postgresql`, docs/operations.md) is not one, so it gets
 * `localhost` there: the driver connects to the `host` parameter's socket folder all the same.
 */
function parsedUrl(url: string): URL {
  return new URL(url.replace(/^(postgres(?:ql)?:\/\/[^/?#@]*@)\//, '$1localhost/'));
}

/** The database name in a PostgreSQL URL. */
export function databaseName(url: string): string {
  return decodeURIComponent(parsedUrl(url).pathname.slice(1)) || 'safe_share_bench';
}

/** How the bench reaches PostgreSQL: recorded with the results, since a Unix socket saves CPU on both sides. */
export function postgresTransport(url: string): 'unix socket' | 'tcp' {
  return parsedUrl(url).searchParams.get('host')?.startsWith('/') ? 'unix socket' : 'tcp';
}
