/**
 * `npm run release`: builds once and writes `release/safe-share-<version>.tgz`, what production needs and
 * nothing else (R5, decision 0011). Unpacked into an empty folder it runs with production dependencies
 * only:
 *
 *     tar -xzf safe-share-<version>.tgz && npm ci --omit=dev && node bin/start.js
 *
 * Inside: `dist/` (the server, types stripped, with its build manifest and the migrations), `web/dist/`
 * (the browser app), `bin/` (start.js, safe-share.js, healthcheck.js), `package.json` with `start` and
 * `serve` scripts that run without building, `package-lock.json`, and the operator's documents (README,
 * CHANGELOG, `.env.example`, `deploy/`). No TypeScript source, test, or build tool.
 *
 * The build happens in a staging folder, never in the checkout's own `dist/` and `web/dist/`, so a test
 * that builds a release does not pull the build from under other tests.
 *
 * Options: `--out <folder>` (default `release/`).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildServer } from './build-server.ts';

const ROOT = join(import.meta.dirname, '..');

/** How the release starts: what `npm start` runs after its build, without the build (docs/operations.md). */
export const SERVE_COMMAND = 'node --max-semi-space-size=4 --max-old-space-size=512 bin/start.js';

/** Copied as they are, beside the built `dist/` and `web/dist/`. */
const COPIED = ['bin', 'package-lock.json', 'README.md', 'CHANGELOG.md', '.env.example', 'deploy'] as const;

export function releaseFileName(version: string): string {
  return `safe-share-${version}.tgz`;
}

/** The checkout's package.json with scripts that only start: a release has nothing to build or test. */
function releasePackageJson(): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  manifest.scripts = { start: SERVE_COMMAND, serve: SERVE_COMMAND };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

function buildWebApp(outDir: string): void {
  const require = createRequire(import.meta.url);
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  run(process.execPath, [vite, 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir']);
}

/** Builds and packs the release into `outDir`; returns the archive's path. */
export function buildRelease(outDir = join(ROOT, 'release')): string {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const stage = mkdtempSync(join(tmpdir(), 'safe-share-release-'));
  try {
    buildServer(join(stage, 'dist'));
    buildWebApp(join(stage, 'web', 'dist'));
    for (const entry of COPIED) {
      cpSync(join(ROOT, entry), join(stage, entry), {
        recursive: true,
        // The type declarations in bin/ serve the checkout's TypeScript only.
        filter: (source) => !source.endsWith('.d.ts'),
      });
    }
    writeFileSync(join(stage, 'package.json'), releasePackageJson());
    mkdirSync(outDir, { recursive: true });
    const archive = join(resolve(outDir), releaseFileName(version));
    rmSync(archive, { force: true });
    // Entries at the top level (no folder prefix): `tar -xzf` in an empty folder gives the installation.
    run('tar', ['-czf', archive, '-C', stage, 'package.json', 'dist', 'web', ...COPIED]);
    return archive;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const archive = buildRelease(values.out);
  process.stdout.write(`${archive} (${Math.round(statSync(archive).size / 1024)} KiB)\n`);
}
