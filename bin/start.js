#!/usr/bin/env node
// Entry point. Plain JavaScript so that an older Node gets a clear message instead of a syntax or
// loader error.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Safe Share needs Node.js 24 or newer; this is ${process.version}. ` +
      'Start it through npm (npm start), which uses the Node 24 that npm ci installs.',
  );
  process.exit(1);
}

// `npm start` builds dist/, the server with its types already stripped (decision 0007): running the
// TypeScript sources directly keeps Node's type stripper resident, about 17 MiB. dist/ is used only when
// it was built after the last change to src/, so a stale build never runs; otherwise the sources run.
function builtIsCurrent(root) {
  let built;
  try {
    built = statSync(join(root, 'dist', '.built')).mtimeMs;
  } catch {
    return false;
  }
  const sources = join(root, 'src');
  return readdirSync(sources, { recursive: true }).every(
    (file) => statSync(join(sources, file)).mtimeMs <= built,
  );
}

const root = join(import.meta.dirname, '..');
const { main } = builtIsCurrent(root) ? await import('../dist/main.js') : await import('../src/main.ts');
await main(process.env);
