/**
 * DESIGN "Layout and dependency rules", checked on the sources: each rule fails this test when a file
 * breaks it. Imports are read as text (static `import`/`export ... from` and dynamic `import()`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

interface Import {
  /** Repository-relative path of the imported file, or the package name. */
  readonly target: string;
  /** Every specifier is a type (`import type`, or each name marked `type`), or the import is types only. */
  readonly typeOnly: boolean;
  /** The names imported, without `type` markers. */
  readonly names: readonly string[];
  /** `import()`: loaded when the code runs, not with the importing module. */
  readonly dynamic?: true;
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+'([^']+)'/g;
const DYNAMIC_IMPORT = /import\(\s*'([^']+)'\s*\)/g;

/** The imports of a source text, each resolved against `file` (a repository-relative path). */
function importsOf(file: string, text: string): Import[] {
  const resolveTarget = (specifier: string) =>
    specifier.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), specifier)) : specifier;
  const found: Import[] = [];
  for (const [, , typeKeyword, clause = '', specifier = ''] of text.matchAll(IMPORT)) {
    const braced = /\{([^}]*)\}/s.exec(clause)?.[1];
    const specifiers = (braced ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    const outside = clause
      .replace(/\{[^}]*\}/s, '')
      .replace(/,/g, ' ')
      .trim();
    const typeOnly =
      typeKeyword !== undefined ||
      (outside === '' && specifiers.length > 0 && specifiers.every((name) => name.startsWith('type ')));
    const names = specifiers.map((name) => name.replace(/^type\s+/, '').split(/\s+as\s+/)[0] ?? name);
    if (outside !== '' && outside !== '*') names.push(outside);
    found.push({ target: resolveTarget(specifier), typeOnly, names });
  }
  for (const [, specifier = ''] of text.matchAll(DYNAMIC_IMPORT)) {
    found.push({ target: resolveTarget(specifier), typeOnly: false, names: [], dynamic: true });
  }
  return found;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((file) => !file.includes('node_modules') && !file.startsWith('web/dist'));
}

const FILES = ['src', 'test', 'bench', 'scripts', 'web'].flatMap(sourceFiles);
const IMPORTS = new Map(FILES.map((file) => [file, importsOf(file, readFileSync(join(ROOT, file), 'utf8'))]));

/** `file -> target` for every import of a file matching `from` whose target matches `to` and `unless` allows. */
function violations(from: (file: string) => boolean, to: (imported: Import) => boolean): string[] {
  const found: string[] = [];
  for (const [file, imports] of IMPORTS) {
    if (!from(file)) continue;
    for (const imported of imports) if (to(imported)) found.push(`${file} -> ${imported.target}`);
  }
  return found;
}

/** Every import loop of a graph, each as `a -> b -> a`. */
function findLoops(edges: ReadonlyMap<string, readonly string[]>): string[] {
  const loops: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') {
      loops.push([...path.slice(path.indexOf(file)), file].join(' -> '));
      return;
    }
    state.set(file, 'visiting');
    for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of edges.keys()) visit(file, []);
  return loops;
}

const under = (folder: string) => (path: string) => path.startsWith(`${folder}/`);
const outside = (folder: string) => (path: string) => !path.startsWith(`${folder}/`);

describe('the import reader this test relies on', () => {
  it('tells value imports from type imports, and resolves relative paths', () => {
    const text = [
      "import { findSecret, type StoredSecret } from '../../store/secrets/index.ts';",
      "import type { Store } from '../../store/connection.ts';",
      "import { type QueryTarget } from '../../store/query-target.ts';",
      "import pg from 'pg';",
      "export { databaseOf } from '../../store/query-target.ts';",
      "const later = await import('../../store/testing.ts');",
    ].join('\n');
    expect(importsOf('src/http/routes/x.ts', text)).toEqual([
      { target: 'src/store/secrets/index.ts', typeOnly: false, names: ['findSecret', 'StoredSecret'] },
      { target: 'src/store/connection.ts', typeOnly: true, names: ['Store'] },
      { target: 'src/store/query-target.ts', typeOnly: true, names: ['QueryTarget'] },
      { target: 'pg', typeOnly: false, names: ['pg'] },
      { target: 'src/store/query-target.ts', typeOnly: false, names: ['databaseOf'] },
      { target: 'src/store/testing.ts', typeOnly: false, names: [], dynamic: true },
    ]);
  });

  it('finds an import loop', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(findLoops(graph)).toEqual(['a -> b -> c -> a']);
  });
});

describe('DESIGN: layout and dependency rules', () => {
  it('routes call use cases, not the store: http/routes/ imports only types from store/', () => {
    expect(violations(under('src/http/routes'), (i) => under('src/store')(i.target) && !i.typeOnly)).toEqual(
      [],
    );
  });

  it('http/ never builds SQL: it imports only types from store/, and no database driver', () => {
    expect(
      violations(
        under('src/http'),
        (i) => (under('src/store')(i.target) && !i.typeOnly) || ['kysely', 'pg'].includes(i.target),
      ),
    ).toEqual([]);
  });

  it("only store/ holds the database handle: nothing else reads the store's or imports a driver", () => {
    const handleNames = ['databaseOf', 'QueryTarget'];
    const handle = (i: Import) =>
      i.target === 'src/store/query-target.ts' && !i.typeOnly && i.names.some((n) => handleNames.includes(n));
    expect(violations(outside('src/store'), handle)).toEqual([]);
    const driver = (i: Import) => ['kysely', 'pg', 'node:sqlite'].includes(i.target) && !i.typeOnly;
    // The app's layers; operator tools (src/cli/, e.g. the backup of the SQLite file) open files of their own.
    const appLayer = (file: string) =>
      under('src')(file) && outside('src/store')(file) && outside('src/cli')(file);
    expect(violations(appLayer, driver)).toEqual([]);
  });

  it('the test-only door to the database (store/testing.ts) is used by tests only', () => {
    expect(violations(outside('test'), (i) => i.target === 'src/store/testing.ts')).toEqual([]);
  });

  it('no `.db` of a store anywhere outside store/ (the handle is private)', () => {
    const reaching = FILES.filter(
      (file) =>
        outside('src/store')(file) &&
        /\bstore\.db\b|\bQueryTarget\.handleOf\b/.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(reaching.filter((file) => file !== 'test/unit/architecture.test.ts')).toEqual([]);
  });

  it('store/ never imports http/, auth/ or usecases/', () => {
    const upward = (i: Import) =>
      ['src/http', 'src/auth', 'src/usecases'].some((folder) => under(folder)(i.target));
    expect(violations(under('src/store'), upward)).toEqual([]);
  });

  it('use cases know nothing of HTTP: usecases/ imports neither http/ nor auth/ nor fastify', () => {
    const web = (i: Import) =>
      under('src/http')(i.target) || under('src/auth')(i.target) || i.target === 'fastify';
    expect(violations(under('src/usecases'), web)).toEqual([]);
  });

  it('domain/ is pure: it imports nothing but protocol/ and itself, and no Node module', () => {
    const impure = (i: Import) => !under('src/protocol')(i.target) && !under('src/domain')(i.target);
    expect(violations(under('src/domain'), impure)).toEqual([]);
  });

  it('AppDeps lives in http/context.ts: only the composition roots import http/app.ts', () => {
    const roots = ['src/main.ts', 'test/support/app.ts'];
    expect(
      violations(
        (file) => !roots.includes(file),
        (i) => i.target === 'src/http/app.ts',
      ),
    ).toEqual([]);
  });

  it('no import loop in src/: auth/ and http/ (and every other pair) depend one way only', () => {
    const edges = new Map<string, string[]>();
    for (const [file, imports] of IMPORTS) {
      if (!under('src')(file)) continue;
      edges.set(
        file,
        imports.filter((i) => !i.typeOnly && under('src')(i.target)).map((i) => i.target),
      );
    }
    expect(findLoops(edges)).toEqual([]);
  });

  it('web/ imports only protocol/ from src/', () => {
    const server = (i: Import) => under('src')(i.target) && !under('src/protocol')(i.target);
    expect(violations(under('web'), server)).toEqual([]);
  });

  it('the browser app never loads zod: no value import from web/ leads, through protocol/, to a schema', () => {
    // zod is ~27 kB of the bundle (issue 19's budget), and its JIT probe trips the CSP (X5). The browser
    // takes plain values from protocol/values.ts and the like, and only types from the schema files.
    const reached = new Set<string>();
    const visit = (file: string, path: string[]): string[] => {
      if (reached.has(file)) return [];
      reached.add(file);
      const found: string[] = [];
      for (const imported of IMPORTS.get(file) ?? []) {
        if (imported.typeOnly) continue;
        if (imported.target === 'zod') found.push([...path, file, 'zod'].join(' -> '));
        else if (IMPORTS.has(imported.target)) found.push(...visit(imported.target, [...path, file]));
      }
      return found;
    };
    const webFiles = [...IMPORTS.keys()].filter((file) => under('web')(file) && !file.startsWith('web/dist'));
    expect(webFiles.flatMap((file) => visit(file, []))).toEqual([]);
  });
});

describe('idle memory (issue 22): what the start loads', () => {
  /** Packages and files that starting the service loads: value imports from main.ts, not `import()`. */
  const loadedAtStart = (): Set<string> => {
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const imported of IMPORTS.get(file) ?? []) {
        if (!imported.typeOnly && !imported.dynamic) visit(imported.target);
      }
    };
    visit('src/main.ts');
    return reached;
  };

  it('each database driver loads only when it is the one configured: neither pg nor node:sqlite at start', () => {
    const start = loadedAtStart();
    expect(start.has('src/store/connection.ts')).toBe(true);
    expect(['pg', 'node:sqlite'].filter((driver) => start.has(driver))).toEqual([]);
  });

  it('ioredis loads only when REDIS_URL is set (LimitCounters.open imports it)', () => {
    expect(loadedAtStart().has('src/http/rate-limits/counters.ts')).toBe(true);
    expect(loadedAtStart().has('ioredis')).toBe(false);
  });

  it('openid-client waits for the first sign-in', () => {
    expect(loadedAtStart().has('src/auth/relying-party.ts')).toBe(true);
    expect(loadedAtStart().has('openid-client')).toBe(false);
  });

  it('oidc-provider waits for the first demo request: only demo/provider.ts imports it, by import()', () => {
    expect(violations(under('src'), (i) => i.target === 'oidc-provider' && !i.typeOnly)).toEqual([
      'src/auth/demo/provider.ts -> oidc-provider',
    ]);
    const eager = (i: Import) => i.target === 'src/auth/demo/provider.ts' && !i.typeOnly && !i.dynamic;
    expect(violations(under('src'), eager)).toEqual([]);
  });

  it('no ES import of node:http: it loads the bundled undici, about 3 MiB resident', () => {
    expect(violations(under('src'), (i) => i.target === 'node:http' && !i.typeOnly)).toEqual([]);
  });
});
