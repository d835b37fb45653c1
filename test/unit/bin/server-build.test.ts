/**
 * R5: the entry runs a build only where it belongs. A build of other sources, or a release with files of
 * two versions, is refused with a message; it never runs, and the sources never run in its place.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BuildRefusedError, chooseServer, hashSources, MANIFEST_FILE } from '../../../bin/server-build.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** An installation: package.json, optionally src/ and a dist/ with a manifest. */
function installation(options: { version?: string; sources?: boolean; build?: 'matching' | 'none' }) {
  const root = mkdtempSync(join(tmpdir(), 'safe-share-entry-'));
  roots.push(root);
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'safe-share', version: '1.2.3' }));
  const src = join(root, 'src');
  if (options.sources !== false) {
    mkdirSync(join(src, 'store'), { recursive: true });
    writeFileSync(join(src, 'main.ts'), 'export const main = () => {};\n');
    writeFileSync(join(src, 'store', 'a.ts'), 'export const a = 1;\n');
  }
  if (options.build !== 'none') {
    mkdirSync(join(root, 'dist'));
    const sourceHash = options.sources === false ? 'f'.repeat(64) : hashSources(src);
    const manifest = { name: 'safe-share', version: options.version ?? '1.2.3', sourceHash };
    writeFileSync(join(root, 'dist', MANIFEST_FILE), JSON.stringify(manifest));
  }
  return { root, src };
}

function refusal(root: string): string {
  try {
    chooseServer(root);
  } catch (error) {
    if (error instanceof BuildRefusedError) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('chooseServer (bin/start.js, bin/safe-share.js)', () => {
  it('R5: runs dist/ when its manifest hashes the src/ beside it', () => {
    const { root } = installation({});
    expect(chooseServer(root)).toEqual({ kind: 'build', dir: join(root, 'dist') });
  });

  it('R5: refuses a build of other sources, naming the fix, instead of running the sources', () => {
    const { root, src } = installation({});
    writeFileSync(join(src, 'store', 'a.ts'), 'export const a = 2;\n');
    expect(refusal(root)).toMatch(/dist\/ was built from other sources than src\/.*npm run build/);
  });

  it.each([
    ['a file added', (src: string) => writeFileSync(join(src, 'b.ts'), '')],
    ['a file removed', (src: string) => rmSync(join(src, 'store', 'a.ts'))],
    ['a file renamed', (src: string) => renameSync(join(src, 'store', 'a.ts'), join(src, 'store', 'c.ts'))],
  ])('R5: %s in src/ after the build is refused too', (_what, change) => {
    const { root, src } = installation({});
    change(src);
    expect(refusal(root)).toContain('npm run build');
  });

  it('runs the sources in a fresh clone without any build', () => {
    const { root } = installation({ build: 'none' });
    expect(chooseServer(root)).toEqual({ kind: 'sources', dir: join(root, 'src') });
  });

  it('R5: a release (no src/) runs its build when the manifest version is the package version', () => {
    const { root } = installation({ sources: false });
    expect(chooseServer(root).kind).toBe('build');
  });

  it('R5: a release whose build is of another version is refused', () => {
    const { root } = installation({ sources: false, version: '1.2.2' });
    expect(refusal(root)).toMatch(/build of Safe Share 1\.2\.2, but package\.json says 1\.2\.3/);
  });

  it('R5: a release without a build manifest is refused, not started half', () => {
    const { root } = installation({ sources: false, build: 'none' });
    expect(refusal(root)).toContain(MANIFEST_FILE);
  });
});
