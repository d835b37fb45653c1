/**
 * R5: a release runs after `npm ci --omit=dev`, so every package the server imports at run time must be
 * in "dependencies", not "devDependencies". Read from the stripped build output (what dist/ holds), so a
 * type-only import does not count and a dynamic `import('x')` does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toJavaScript } from '../../../scripts/build-server.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Specifiers of `import … from 'x'`, `import 'x'`, `export … from 'x'` and `import('x')`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"]+)\1/g;

function bareImports(javaScript: string): string[] {
  return [...javaScript.matchAll(SPECIFIER)]
    .map((match) => match[2] as string)
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('/') && !isBuiltin(specifier));
}

/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

function runtimeFiles(): { file: string; javaScript: string }[] {
  const files: { file: string; javaScript: string }[] = [];
  for (const folder of ['src', 'bin']) {
    for (const entry of readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name.endsWith('.d.ts')) continue;
      const file = join(entry.parentPath, entry.name);
      const text = readFileSync(file, 'utf8');
      if (entry.name.endsWith('.ts')) files.push({ file, javaScript: toJavaScript(text) });
      else if (entry.name.endsWith('.js')) files.push({ file, javaScript: text });
    }
  }
  return files;
}

describe('runtime dependencies of the release', () => {
  it('the scan finds imports of every kind (a check that finds nothing proves nothing)', () => {
    expect(
      bareImports(
        toJavaScript(
          "import a from 'a';\nimport type { B } from 'b';\nexport { c } from '@c/c/sub';\nawait import('d');\nimport 'node:fs';",
        ),
      ),
    ).toEqual(['a', '@c/c/sub', 'd']);
  });

  it('R5: every package src/ and bin/ import at run time is in "dependencies"', () => {
    const missing: string[] = [];
    let imports = 0;
    for (const { file, javaScript } of runtimeFiles()) {
      for (const specifier of bareImports(javaScript)) {
        imports++;
        const name = packageName(specifier);
        if (!(name in manifest.dependencies)) missing.push(`${file.slice(ROOT.length + 1)}: ${name}`);
      }
    }
    expect(imports).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('R5: no package is both a run-time and a development dependency', () => {
    const both = Object.keys(manifest.dependencies).filter((name) => name in manifest.devDependencies);
    expect(both).toEqual([]);
  });
});
