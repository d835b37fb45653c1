/**
 * Writes `docs/openapi.json`, the OpenAPI 3.1 description that `GET /api/openapi.json` serves, from the
 * protocol's schemas (`src/http/openapi.ts`): `npm run docs:openapi`. `test/unit/http/openapi.test.ts`
 * compares the file with what this renders, so the committed description cannot drift from the code.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../src/http/openapi.ts';

export const OPENAPI_DOCS_FILE = join(import.meta.dirname, '..', 'docs', 'openapi.json');

/** The file's text: the description with two-space indentation and a final newline. */
export function renderOpenApiDocs(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}

if (import.meta.main) {
  writeFileSync(OPENAPI_DOCS_FILE, renderOpenApiDocs());
  process.stdout.write(`wrote ${OPENAPI_DOCS_FILE}\n`);
}
