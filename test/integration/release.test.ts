/**
 * R5: the release artefact as an administrator uses it. `npm run release` builds once and packs; the
 * archive, unpacked into an empty folder outside the checkout, installs with `npm ci --omit=dev` (no
 * TypeScript, Vite or test packages) and `node bin/start.js` serves on PostgreSQL: a secret is created
 * and opened exactly once through the demo provider's real code flow.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRelease, releaseFileName, SERVE_COMMAND } from '../../scripts/release.ts';
import { databaseUrlFor, withAdminClient } from '../support/databases.ts';
import {
  freePort,
  type RunningProcess,
  runToExit,
  startProcess,
  stopProcess,
  untilReady,
} from '../support/processes.ts';
import { openSecret, shareSecret, toCustomer } from '../support/secrets.ts';
import { signIn } from '../support/sign-in.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const checkout = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The build and test tools the issue names; none may be installed by `npm ci --omit=dev`. */
const TOOLS = ['typescript', 'vite', 'vitest', '@biomejs/biome', '@vitejs/plugin-react', 'playwright-core'];

function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

describe('the release artefact', () => {
  let work: string;
  let archive: string;
  const running: RunningProcess[] = [];
  const databases: string[] = [];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'safe-share-release-test-'));
    archive = buildRelease(join(work, 'out'));
  });
  afterAll(async () => {
    for (const server of running) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    for (const name of databases)
      await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    rmSync(work, { recursive: true, force: true });
  });

  it('R5: is named after the version and holds what production needs, without sources or tools', () => {
    expect(archive.endsWith(releaseFileName(checkout.version))).toBe(true);
    const entries = run('tar', ['-tzf', archive], work).split('\n').filter(Boolean);
    for (const needed of [
      'package.json',
      'package-lock.json',
      'bin/start.js',
      'dist/main.js',
      'dist/build.json',
      'dist/store/migrations/0001-initial.js',
      'web/dist/index.html',
    ]) {
      expect(entries).toContain(needed);
    }
    const unwanted = entries.filter(
      (entry) =>
        /\.tsx?$/.test(entry) ||
        /^(src|test|scripts|bench|node_modules|data)\//.test(entry) ||
        (entry.startsWith('web/') && entry !== 'web/' && !entry.startsWith('web/dist')),
    );
    expect(unwanted).toEqual([]);
  });

  it('R5: its package.json starts without building; the checkout serves the same way', () => {
    const install = join(work, 'inspect');
    mkdirSync(install);
    run('tar', ['-xzf', archive, 'package.json'], install);
    const released = JSON.parse(readFileSync(join(install, 'package.json'), 'utf8'));
    expect(released.scripts).toEqual({ start: SERVE_COMMAND, serve: SERVE_COMMAND });
    expect(checkout.scripts.serve).toBe(SERVE_COMMAND);
    expect(checkout.scripts.start).toBe(`npm run build && ${SERVE_COMMAND}`);
  });

  it('R5: unpacked, installed with production dependencies only, it serves on PostgreSQL; a secret opens once', async () => {
    const install = join(work, 'install');
    mkdirSync(install);
    run('tar', ['-xzf', archive], install);
    run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], install);
    for (const tool of TOOLS) expect(existsSync(join(install, 'node_modules', tool)), tool).toBe(false);
    expect(existsSync(join(install, 'src'))).toBe(false);

    // A new, empty database: the release's own migrations create the schema.
    const name = `ss_t_${process.pid}_release_${Math.random().toString(36).slice(2, 8)}`;
    await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
    databases.push(name);
    const env = {
      PORT: String(await freePort()),
      DATABASE_URL: databaseUrlFor(name),
      DATA_DIR: join(work, 'data'),
    };
    // The operator's command runs from the release too.
    const check = await runToExit({ cwd: install, env, args: ['bin/safe-share.js', 'check-config'] });
    expect(check.stderr).toBe('');
    expect(check.stdout).toContain('The configuration is valid.');
    const server = startProcess({ cwd: install, env });
    running.push(server);
    await untilReady(server);
    expect(server.lines().find((line) => line.msg === 'listening')).toMatchObject({ database: 'postgres' });

    const [sven, carla] = [await signIn(server.baseUrl, 'sven'), await signIn(server.baseUrl, 'carla')];
    const shared = await shareSecret(sven, 'from the release', toCustomer('carla@acme.test'));
    expect(shared.status).toBe(201);
    expect((await openSecret(carla, shared.id, shared.linkKey)).plaintext).toBe('from the release');
    expect((await openSecret(carla, shared.id, shared.linkKey)).body.error.code).toBe('secret.gone');
    // The web app is served from the release too.
    expect((await fetch(`${server.baseUrl}/`)).status).toBe(200);
    expect(await stopProcess(server)).toBe(0);
  }, 120_000);
});
