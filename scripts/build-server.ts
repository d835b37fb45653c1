/**
 * `npm run build:server`: writes `dist/`, the server as plain JavaScript, for `npm start` (decision 0007).
 *
 * Why: running the TypeScript sources directly loads Node's type stripper (amaro, a WebAssembly build of
 * swc), which keeps about 17 MiB resident for the life of the process. Stripping ahead of time removes it
 * from the running service. The output mirrors `src/` at the same depth, so `import.meta.dirname`-relative
 * paths (the web app's `web/dist`) resolve the same from both.
 *
 * Types are replaced by whitespace ("strip" mode), so line and column numbers in stack traces match the
 * sources without a source map. Relative `.ts` specifiers become `.js`; JSON files are copied as they are.
 * Last it writes `dist/build.json`, the manifest: the package version and a hash of `src/`. `bin/start.js`
 * runs `dist/` only when the manifest matches what sits beside it (decision 0011).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { dirname, join } from 'node:path';
import { type BuildManifest, hashSources, MANIFEST_FILE } from '../bin/server-build.js';

const ROOT = join(import.meta.dirname, '..');
const SOURCE = join(ROOT, 'src');
const OUTPUT = join(ROOT, 'dist');

/** `from './x.ts'`, `import './x.ts'` and `import('./x.ts')`, relative specifiers only. */
const RELATIVE_TS_SPECIFIER = /((?:\bfrom|\bimport)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+)\.ts\2/g;

export function toJavaScript(source: string): string {
  return stripTypeScriptTypes(source, { mode: 'strip' }).replace(
    RELATIVE_TS_SPECIFIER,
    (_match, lead: string, quote: string, path: string) => `${lead}${quote}${path}.js${quote}`,
  );
}

/** What `dist/build.json` says: which package and which sources this build is of. */
export function buildManifest(): BuildManifest {
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as BuildManifest;
  return {
    name,
    version,
    sourceHash: hashSources(SOURCE),
    builtAt: new Date().toISOString(),
    node: process.version,
  };
}

/** Writes the stripped server to `output` (emptied first); returns how many files it wrote. */
export function buildServer(output = OUTPUT): number {
  // Hashed before the files are read: a source changed during the build then fails the check at start.
  const manifest = buildManifest();
  rmSync(output, { recursive: true, force: true });
  let files = 0;
  for (const entry of readdirSync(SOURCE, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const from = join(entry.parentPath, entry.name);
    const relative = from.slice(SOURCE.length + 1);
    const typeScript = entry.name.endsWith('.ts');
    const to = join(output, typeScript ? relative.replace(/\.ts$/, '.js') : relative);
    mkdirSync(dirname(to), { recursive: true });
    if (typeScript) writeFileSync(to, toJavaScript(readFileSync(from, 'utf8')));
    else copyFileSync(from, to);
    files++;
  }
  writeFileSync(join(output, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}

if (import.meta.main) {
  const files = buildServer();
  process.stdout.write(`dist/: ${files} files from src/\n`);
}
