/**
 * R5: the release artefact as an administrator uses it. `npm run release` builds once and packs; the
 * archive, unpacked into an empty folder outside the checkout, installs with `npm ci --omit=dev` (no
 * TypeScript, Vite or test packages) and `node bin/start.js` serves on PostgreSQL: a secret is created
 * and opened exactly once through the demo provider's real code flow.
 *
 * The container image: no container engine runs here, so its install steps (scripts/container-build.sh,
 * which the Dockerfile runs) are run in a clean folder with the same Node, and the result is started as
 * the image starts it; the Dockerfile's settings are checked as text.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The build and test tools the issue names; none may be installed by `npm ci --omit=dev`. */
const TOOLS = ['typescript', 'vite', 'vitest', '@biomejs/biome', '@vitejs/plugin-react', 'playwright-core'];

function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** Every file below `folder` with its size and modification time: what a read-only file system keeps. */
function snapshot(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .map((entry) => join(entry.parentPath, entry.name))
    .map((file) => {
      const stat = statSync(file);
      return `${file.slice(folder.length)} ${stat.size} ${stat.mtimeMs}`;
    })
    .sort();
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
      'bin/safe-share.js',
      'bin/healthcheck.js',
      'deploy/safe-share.service',
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

  describe('the container image', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

    it('R5: the Dockerfile: Node slim pinned as package.json pins it, non-root, health check, SIGTERM', () => {
      expect(dockerfile).toContain(`ARG NODE_VERSION=${checkout.dependencies.node}\n`);
      const stages = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]);
      expect(stages.length).toBeGreaterThanOrEqual(2);
      // The official Node image, slim, at the version of the ARG above.
      expect(stages.every((image) => /^node:\$\{NODE_VERSION\}-slim$/.test(image ?? ''))).toBe(true);
      const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
      expect(runtime).toMatch(/^USER node$/m);
      expect(runtime).toMatch(/^STOPSIGNAL SIGTERM$/m);
      expect(runtime).toMatch(/^HEALTHCHECK .*CMD \["node", "bin\/healthcheck\.js"\]$/m);
      expect(runtime).toMatch(/^VOLUME \["\/data"\]$/m);
      const command = /^CMD (\[.*\])$/m.exec(runtime)?.[1] ?? '[]';
      expect((JSON.parse(command) as string[]).join(' ')).toBe(SERVE_COMMAND);
      expect(dockerfile).toContain('RUN sh /tmp/container-build.sh /tmp/release/safe-share-*.tgz /app');
      expect(dockerfile).toContain('RUN npm run release');
    });

    it('R5: its install steps, run in a clean folder, give an app that serves, never writes its own files, and stops on SIGTERM', async () => {
      const app = join(work, 'container', 'app');
      const output = run('sh', [join(ROOT, 'scripts', 'container-build.sh'), archive, app], work, {
        npm_config_prefer_offline: 'true',
      });
      expect(output).toContain(`installed ${checkout.version} in ${app}`);
      // The image brings Node; the pinned runtime package and every build tool stay out.
      for (const absent of [
        'node_modules/node',
        'node_modules/.bin/node',
        'src',
        ...TOOLS.map((t) => `node_modules/${t}`),
      ])
        expect(existsSync(join(app, absent)), absent).toBe(false);

      const before = snapshot(app);
      const env = { PORT: String(await freePort()), DATA_DIR: join(work, 'container', 'data') };
      const server = startProcess({
        cwd: app,
        env,
        args: SERVE_COMMAND.split(' ').slice(1), // the image's CMD without "node"
      });
      running.push(server);
      await untilReady(server);
      const healthcheck = () => runToExit({ cwd: app, env, args: ['bin/healthcheck.js'] });
      expect((await healthcheck()).code).toBe(0);
      const [sven, carla] = [await signIn(server.baseUrl, 'sven'), await signIn(server.baseUrl, 'carla')];
      const shared = await shareSecret(sven, 'from the image', toCustomer('carla@acme.test'));
      expect((await openSecret(carla, shared.id, shared.linkKey)).plaintext).toBe('from the image');
      expect(await stopProcess(server)).toBe(0);
      expect((await healthcheck()).code).toBe(1);
      // A read-only root file system would have refused any write outside the data folder: there was none.
      expect(snapshot(app)).toEqual(before);
    }, 120_000);
  });
});
