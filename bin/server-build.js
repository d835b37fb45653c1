// Which server code the `bin/` entries run, and the check that a build belongs to what it sits beside
// (R5, decision 0011). Plain JavaScript, so an older Node reaches the version check and its message.
//
// `npm run build` (scripts/build-server.ts) writes dist/build.json: the package version and a SHA-256 of
// every file in src/. An entry then runs:
// - dist/, when the manifest's source hash equals a hash of src/ now (a source checkout) or, where src/
//   is absent (an unpacked release), when its version equals package.json's;
// - src/ (TypeScript, through Node's type stripping), when there is no build at all: a fresh clone;
// - nothing otherwise: a build of other sources is refused with a message, never run and never skipped
//   in silence for the sources.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export const MINIMUM_NODE_MAJOR = 24;
/** Written last by the build, into dist/: its presence says the build completed. */
export const MANIFEST_FILE = 'build.json';

/** Stops the process with a clear message on a Node older than 24 (the machine's own may be 20). */
export function assertNodeVersion() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= MINIMUM_NODE_MAJOR) return;
  process.stderr.write(
    `Safe Share needs Node.js ${MINIMUM_NODE_MAJOR} or newer; this is ${process.version}. ` +
      'Start it through npm (npm start, npm run serve), which uses the Node 24 that npm ci installs, ' +
      'or with node_modules/.bin/node.\n',
  );
  process.exit(1);
}

/**
 * SHA-256 (hex) over every file below `sourceDir`, in path order: each file's path relative to it (with
 * `/`), its size and its bytes. Any added, removed, renamed or changed file changes it.
 */
export function hashSources(sourceDir) {
  const files = readdirSync(sourceDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(sourceDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const bytes = readFileSync(join(sourceDir, file));
    hash.update(`${file}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/** A build that must not run; the message says why and what to do. */
export class BuildRefusedError extends Error {
  name = 'BuildRefusedError';
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Decides what runs from the installation at `root`: `{ kind: 'build', dir }` (dist/, `.js`) or
 * `{ kind: 'sources', dir }` (src/, `.ts`). Throws {@link BuildRefusedError} for a build that does not
 * belong to the sources or the package beside it.
 */
export function chooseServer(root) {
  const dist = join(root, 'dist');
  const src = join(root, 'src');
  const manifestFile = join(dist, MANIFEST_FILE);
  const hasSources = existsSync(join(src, 'main.ts'));
  if (!existsSync(manifestFile)) {
    if (hasSources) return { kind: 'sources', dir: src };
    throw new BuildRefusedError(
      `No server build: ${manifestFile} is missing, and there are no sources to run instead. ` +
        'Unpack the release again into an empty folder, or run "npm run build" in a source checkout.',
    );
  }
  const manifest = readJson(manifestFile);
  const { version } = readJson(join(root, 'package.json'));
  if (hasSources) {
    const current = hashSources(src);
    if (manifest.sourceHash !== current) {
      throw new BuildRefusedError(
        `dist/ was built from other sources than src/ holds now (built from ${String(manifest.sourceHash).slice(0, 12)}, ` +
          `src/ is ${current.slice(0, 12)}). Run "npm run build" (npm start does), or delete dist/ to run the sources.`,
      );
    }
  }
  if (manifest.version !== version) {
    throw new BuildRefusedError(
      `dist/ is the build of Safe Share ${manifest.version}, but package.json says ${version}: ` +
        (hasSources
          ? 'run "npm run build" (npm start does).'
          : 'files of two releases are mixed. Unpack the release into an empty folder.'),
    );
  }
  return { kind: 'build', dir: dist };
}

/**
 * Imports `name` (e.g. `main`, `cli/index`) from what {@link chooseServer} picks, or stops the process
 * with the refusal's message (exit 1).
 */
export async function importServerModule(root, name) {
  let choice;
  try {
    choice = chooseServer(root);
  } catch (error) {
    if (!(error instanceof BuildRefusedError)) throw error;
    process.stderr.write(`Safe Share will not start: ${error.message}\n`);
    process.exit(1);
  }
  if (choice.kind === 'sources') {
    process.stderr.write(
      'No build in dist/: running the TypeScript sources in src/ (npm start builds first).\n',
    );
  }
  const file = join(choice.dir, `${name}${choice.kind === 'build' ? '.js' : '.ts'}`);
  return import(pathToFileURL(file).href);
}
