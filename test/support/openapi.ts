/**
 * Checks answers against the OpenAPI description (`src/http/openapi.ts`) with Ajv's JSON Schema 2020-12
 * validator, the one Fastify itself is built on (decision 0015). Components are referred to as
 * `#/components/schemas/X` in the description; each schema compiled here carries them as `$defs`, so Ajv
 * resolves them without knowing OpenAPI's document layout, and compiles in strict mode: a keyword or
 * format it does not know fails the compile instead of being ignored.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { BASE64URL_ALPHABET } from '../../src/protocol/values.ts';

export type JsonSchema = Record<string, unknown>;

/** The parts of the description the checks read. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, DescribedOperation>>;
  readonly components: { readonly schemas: Record<string, JsonSchema> };
}

export interface DescribedOperation {
  readonly operationId: string;
  readonly parameters?: { name: string; in: string; required: boolean; schema: JsonSchema }[];
  readonly requestBody?: { content: Record<string, { schema: JsonSchema }> };
  readonly responses: Record<
    string,
    { description: string; content?: Record<string, { schema: JsonSchema }> }
  >;
}

const COMPONENTS = '#/components/schemas/';

/** A schema of the description, standing alone: its `$ref`s point at `$defs` it carries. */
function standalone(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  const text = JSON.stringify({ ...schema, $defs: components }).replaceAll(`"${COMPONENTS}`, '"#/$defs/');
  return JSON.parse(text) as JsonSchema;
}

/** A strict JSON Schema 2020-12 compiler that knows the formats zod emits for the protocol. */
export function schemaCompiler(document: OpenApiDocument): (schema: JsonSchema) => ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addFormat('base64url', BASE64URL_ALPHABET);
  return (schema) => ajv.compile(standalone(schema, document.components.schemas));
}

/** Ajv's complaints as lines, e.g. `/account: must NOT have additional properties (leaked)`. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (error) =>
      `${error.instancePath || '/'}: ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`,
  );
}
