/**
 * A private installation of the current sources for tests that run `bin/` as an operator does: `bin/`,
 * `dist/` built now (with its manifest) and `package.json`, like an unpacked release without the browser
 * app. It sits inside the checkout, so its imports resolve from the checkout's node_modules, and it is
 * built once per test file, so other helpers' edits to src/ during a run cannot make it stale.
 */
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer } from '../../scripts/build-server.ts';

const ROOT = join(import.meta.dirname, '..', '..');

export interface Installation {
  readonly root: string;
  remove(): void;
}

export function buildInstallation(): Installation {
  const root = mkdtempSync(join(ROOT, '.dist-test-'));
  buildServer(join(root, 'dist'));
  cpSync(join(ROOT, 'bin'), join(root, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
