/**
 * The OpenAPI description (issue 21): `docs/openapi.json` is what `npm run docs:openapi` writes, every
 * schema in it is valid JSON Schema 2020-12 that a strict validator compiles, every reference resolves,
 * and the error answers of each operation carry the one error body (X7) with the codes it can answer.
 * That every registered route is described, and that the answers match, is
 * `test/integration/openapi.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_DOCS_FILE, renderOpenApiDocs } from '../../../scripts/openapi-docs.ts';
import { buildOpenApiDocument, errorCodesOf, OPERATIONS, openApiPath } from '../../../src/http/openapi.ts';
import { ERRORS, type ErrorCode } from '../../../src/protocol/errors.ts';
import { type JsonSchema, type OpenApiDocument, schemaCompiler } from '../../support/openapi.ts';

const document = buildOpenApiDocument() as unknown as OpenApiDocument;
const compile = schemaCompiler(document);

/** Every object in `value` with a `$ref`, as its reference. */
function references(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(references);
  if (value === null || typeof value !== 'object') return [];
  const own = '$ref' in value && typeof value.$ref === 'string' ? [value.$ref] : [];
  return [...own, ...Object.values(value).flatMap(references)];
}

const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
);

describe('the OpenAPI description (issue 21)', () => {
  it('docs/openapi.json is what `npm run docs:openapi` generates', () => {
    expect(readFileSync(OPENAPI_DOCS_FILE, 'utf8')).toBe(renderOpenApiDocs());
  });

  it('is OpenAPI 3.1 with JSON Schema 2020-12, and describes every operation once', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(operations.map(({ operation }) => operation.operationId).sort()).toEqual(
      OPERATIONS.map((operation) => `${operation.method} ${operation.path}`).sort(),
    );
  });

  it('every reference names a component that exists', () => {
    const missing = references(document)
      .map((reference) => reference.replace('#/components/schemas/', ''))
      .filter((name) => !(name in document.components.schemas));
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(document.components.schemas))('component %s compiles in a strict validator', (name) => {
    expect(() => compile({ $ref: `#/components/schemas/${name}` })).not.toThrow();
  });

  it.each(operations)('$method $path: its parameters, body and answers compile', ({ path, operation }) => {
    const schemas: JsonSchema[] = [
      ...(operation.parameters ?? []).map((parameter) => parameter.schema),
      ...Object.values(operation.requestBody?.content ?? {}).map((media) => media.schema),
      ...Object.values(operation.responses).flatMap((response) =>
        Object.values(response.content ?? {}).map((media) => media.schema),
      ),
    ];
    for (const schema of schemas) expect(() => compile(schema)).not.toThrow();
    const named = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
    const inPath = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
    expect(inPath.map((parameter) => parameter.name)).toEqual(named);
  });

  it.each(OPERATIONS.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
    'X7: %s answers each error code with its status, in the one error body',
    (_, operation) => {
      const responses = document.paths[openApiPath(operation.path)]?.[operation.method]?.responses ?? {};
      for (const code of errorCodesOf(operation)) {
        const response = responses[String(ERRORS[code])];
        expect(response?.description.split(', ')).toContain(code);
        const validate = compile(response?.content?.['application/json']?.schema ?? {});
        expect(validate({ error: { code, message: 'm' } })).toBe(true);
        expect(validate({ error: { code, message: 'm', issues: [{ path: 'a', problem: 'b' }] } })).toBe(true);
        // Nothing else: no other code, no field beside the three.
        expect(validate({ error: { code, message: 'm', detail: 'x' } })).toBe(false);
        expect(validate({ error: { code: 'no.such_code', message: 'm' } })).toBe(false);
      }
      const errorStatuses = Object.keys(responses).filter((status) => Number(status) >= 400);
      expect(errorStatuses.sort()).toEqual(
        [...new Set(errorCodesOf(operation).map((code) => String(ERRORS[code])))].sort(),
      );
    },
  );

  it('lists the codes each kind of operation brings (S6, C2, X4, X5, O5)', () => {
    const byRoute = (method: string, path: string) => {
      const operation = OPERATIONS.find((o) => o.method === method && o.path === path);
      if (!operation) throw new Error(`${method} ${path} is not described`);
      return errorCodesOf(operation);
    };
    const open: ErrorCode[] = byRoute('post', '/api/secrets/:id/open');
    expect(open).toEqual(
      expect.arrayContaining([
        'request.cross_origin',
        'request.invalid',
        'request.rate_limited',
        'auth.required',
        'secret.gone',
        'secret.not_for_you',
        'secret.above_clearance',
        'server.unavailable',
      ]),
    );
    expect(byRoute('get', '/api/admin/settings')).toEqual(
      expect.arrayContaining(['auth.required', 'admin.required']),
    );
    const config = byRoute('get', '/api/config');
    expect(config).not.toContain('auth.required');
    expect(config).not.toContain('request.cross_origin');
    expect(byRoute('post', '/api/secrets')).toEqual(
      expect.arrayContaining(Object.keys(ERRORS).filter((code) => code.startsWith('share.'))),
    );
  });

  it('a success answer that leaks a field more, or lacks one, does not match', () => {
    const validate = compile({ $ref: '#/components/schemas/PeekSecretResponse' });
    const peeked = {
      id: 'i',
      version: 2,
      recipient: { kind: 'customer', email: 'carla@acme.test' },
      classification: 1,
      senderId: 's',
      sender: { name: 'Sven', email: 'sven.service@example.com' },
      createdAt: 1,
      expiresAt: 2,
    };
    expect(validate(peeked)).toBe(true);
    expect(validate({ ...peeked, ciphertext: 'AAAA' })).toBe(false);
    expect(validate({ ...peeked, expiresAt: undefined })).toBe(false);
    expect(validate({ ...peeked, classification: 4 })).toBe(false);
  });
});
