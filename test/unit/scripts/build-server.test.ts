/** The server build for `npm start` (decision 0007): types stripped, relative `.ts` specifiers rewritten. */
import { describe, expect, it } from 'vitest';
import { toJavaScript } from '../../../scripts/build-server.ts';

describe('toJavaScript', () => {
  it('strips types in place, so line numbers in stack traces match the sources', () => {
    const source = ['const a: number = 1;', 'type T = { b: string };', 'export const c = a as number;'].join(
      '\n',
    );
    const output = toJavaScript(source);
    expect(output.split('\n')).toHaveLength(3);
    expect(output).not.toMatch(/number|string|type T/);
    expect(output.split('\n')[2]).toMatch(/^export const c = a\s*;$/);
  });

  it('rewrites relative .ts specifiers in static and dynamic imports and re-exports', () => {
    const output = toJavaScript(
      [
        "import { a } from './a.ts';",
        "import type { B } from '../b.ts';",
        "export { c } from './dir/c.ts';",
        "const d = await import('./d.ts');",
        'import "./side-effect.ts";',
      ].join('\n'),
    );
    expect(output).toContain("from './a.js'");
    expect(output).toContain("from './dir/c.js'");
    expect(output).toContain("import('./d.js')");
    expect(output).toContain('import "./side-effect.js"');
    expect(output).not.toContain('.ts');
  });

  it('leaves package and JSON specifiers alone', () => {
    const output = toJavaScript(
      ["import pino from 'pino';", "import en from './i18n/en.json' with { type: 'json' };"].join('\n'),
    );
    expect(output).toContain("from 'pino'");
    expect(output).toContain("from './i18n/en.json'");
  });
});
