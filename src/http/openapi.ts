/**
 * The OpenAPI 3.1 description of the HTTP API (issue 21), generated from the protocol's zod schemas with
 * zod's own JSON Schema output (`z.toJSONSchema`, JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
 * Served at `GET /api/openapi.json` (`routes/openapi.ts`) and written to `docs/openapi.json` by
 * `npm run docs:openapi`; `docs/api.md` keeps the prose.
 *
 * Each operation names its request and response schemas and the error codes it answers beyond the ones
 * its kind brings (see {@link errorCodesOf}). Not described: the built-in demo provider (`/demo-idp/`,
 * `/demo-login/`), the web app's pages (`/`, `/s/:id`, ...) and its assets (`/assets/`), which are HTML
 * and files for browsers, not API. `test/integration/openapi.test.ts` fails when a registered route is
 * missing here, or an answer does not match its schema.
 */
import { z } from 'zod';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '../auth/session-cookie.ts';
import { configResponse, meResponse, teamSchema, teamsResponse } from '../protocol/accounts.ts';
import { auditEntrySchema, auditExportQuery, auditQuery, auditResponse } from '../protocol/audit.ts';
import { ERRORS, type ErrorCode } from '../protocol/errors.ts';
import { errorBodySchema } from '../protocol/errors-schemas.ts';
import {
  createInvitationRequest,
  createInvitationResponse,
  invitationIdSchema,
  invitationListResponse,
  invitationSummarySchema,
  peekInvitationRequest,
  peekInvitationResponse,
  revokeInvitationResponse,
  submissionKeyResponse,
  submitInvitationRequest,
  submitInvitationResponse,
} from '../protocol/invitations.ts';
import {
  changeClearanceRequest,
  changeStatusRequest,
  changeTeamRequest,
  listMembersQuery,
  memberIdSchema,
  memberResponse,
  membersResponse,
  memberTeamSchema,
  memberViewSchema,
} from '../protocol/members.ts';
import {
  createSecretRequest,
  createSecretResponse,
  exclusionViewSchema,
  invitationRefSchema,
  openSecretRequest,
  openSecretResponse,
  peekSecretResponse,
  personViewSchema,
  recipientViewSchema,
  revokeSecretResponse,
  secretIdSchema,
  secretListResponse,
  secretSummarySchema,
  teamExclusionQuery,
  teamExclusionResponse,
} from '../protocol/secrets.ts';
import { settingsResponse, settingsValuesSchema, updateSettingsRequest } from '../protocol/settings.ts';
import { VERSION } from './observability/metrics.ts';

/** Where the path of a described operation names the schemas of its requests and answers. */
const COMPONENTS = '#/components/schemas/';

/** Request bodies and queries, described as a client may send them (zod's input side). */
const REQUESTS = {
  CreateSecretRequest: createSecretRequest,
  OpenSecretRequest: openSecretRequest,
  CreateInvitationRequest: createInvitationRequest,
  PeekInvitationRequest: peekInvitationRequest,
  SubmitInvitationRequest: submitInvitationRequest,
  UpdateSettingsRequest: updateSettingsRequest,
  ChangeClearanceRequest: changeClearanceRequest,
  ChangeStatusRequest: changeStatusRequest,
  ChangeTeamRequest: changeTeamRequest,
} as const;

/** Answers, and the parts several answers share, described as the server sends them (the output side). */
const RESPONSES = {
  Team: teamSchema,
  MeResponse: meResponse,
  TeamsResponse: teamsResponse,
  ConfigResponse: configResponse,
  PersonView: personViewSchema,
  RecipientView: recipientViewSchema,
  InvitationRef: invitationRefSchema,
  ExclusionView: exclusionViewSchema,
  TeamExclusionResponse: teamExclusionResponse,
  CreateSecretResponse: createSecretResponse,
  PeekSecretResponse: peekSecretResponse,
  OpenSecretResponse: openSecretResponse,
  SecretSummary: secretSummarySchema,
  SecretListResponse: secretListResponse,
  RevokeSecretResponse: revokeSecretResponse,
  CreateInvitationResponse: createInvitationResponse,
  PeekInvitationResponse: peekInvitationResponse,
  SubmitInvitationResponse: submitInvitationResponse,
  InvitationSummary: invitationSummarySchema,
  InvitationListResponse: invitationListResponse,
  RevokeInvitationResponse: revokeInvitationResponse,
  SubmissionKeyResponse: submissionKeyResponse,
  SettingsValues: settingsValuesSchema,
  SettingsResponse: settingsResponse,
  MemberTeam: memberTeamSchema,
  MemberView: memberViewSchema,
  MembersResponse: membersResponse,
  MemberResponse: memberResponse,
  AuditEntry: auditEntrySchema,
  AuditResponse: auditResponse,
  ErrorBody: errorBodySchema,
  Health: z.strictObject({ status: z.literal('ok') }),
  Readiness: z.strictObject({ status: z.literal('ready') }),
} as const;

type RequestName = keyof typeof REQUESTS;
type ResponseName = keyof typeof RESPONSES;

/** What a successful answer is. */
type Success =
  | { readonly status: 200 | 201; readonly json: ResponseName }
  | { readonly status: 200; readonly text: string | readonly string[]; readonly description: string }
  | { readonly status: 200; readonly document: true }
  | { readonly status: 204 | 302 | 303; readonly description: string };

/** One operation of the API: a method and a route pattern as Fastify registers it (`:id`). */
export interface Operation {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly tag: 'secrets' | 'invitations' | 'account' | 'admin' | 'sign-in' | 'operations';
  readonly summary: string;
  /** Who may call it: anyone, a signed-in account (S6), or an admin (C2). */
  readonly access: 'public' | 'signed-in' | 'admin';
  readonly body?: RequestName;
  readonly query?: z.ZodObject;
  /** The route's `:id` and the code an id that cannot exist answers (O5, S5). */
  readonly id?: { readonly schema: z.ZodType; readonly unknown: ErrorCode };
  /** Counted against a rate-limit budget (X4). */
  readonly rateLimited?: boolean;
  readonly success: readonly Success[];
  /** The codes of this operation's own refusals. */
  readonly errors?: readonly ErrorCode[];
}

/** Every code whose name starts with one of `prefixes` (so a new `share.*` code is described at once). */
const codesOf = (...prefixes: string[]) =>
  (Object.keys(ERRORS) as ErrorCode[]).filter((code) => prefixes.some((prefix) => code.startsWith(prefix)));

/** Every operation of the API. */
export const OPERATIONS: readonly Operation[] = [
  {
    method: 'post',
    path: '/api/secrets',
    tag: 'secrets',
    summary: 'Store a secret sealed in the browser (S1, S2, C3, O3)',
    access: 'signed-in',
    body: 'CreateSecretRequest',
    rateLimited: true,
    success: [{ status: 201, json: 'CreateSecretResponse' }],
    errors: codesOf('share.'),
  },
  {
    method: 'post',
    path: '/api/secrets/:id/peek',
    tag: 'secrets',
    summary: 'What the open page shows before the click: burns nothing (O4)',
    access: 'signed-in',
    body: 'OpenSecretRequest',
    id: { schema: secretIdSchema, unknown: 'secret.gone' },
    rateLimited: true,
    success: [{ status: 200, json: 'PeekSecretResponse' }],
    errors: codesOf('secret.'),
  },
  {
    method: 'post',
    path: '/api/secrets/:id/open',
    tag: 'secrets',
    summary: 'Hand out the content and delete it in one step (O1, O2, C4)',
    access: 'signed-in',
    body: 'OpenSecretRequest',
    id: { schema: secretIdSchema, unknown: 'secret.gone' },
    rateLimited: true,
    success: [{ status: 200, json: 'OpenSecretResponse' }],
    errors: codesOf('secret.'),
  },
  {
    method: 'get',
    path: '/api/secrets',
    tag: 'secrets',
    summary: 'My secrets, sent and received, with status; never content (O6)',
    access: 'signed-in',
    success: [{ status: 200, json: 'SecretListResponse' }],
  },
  {
    method: 'post',
    path: '/api/secrets/:id/revoke',
    tag: 'secrets',
    summary: 'The sender withdraws a waiting secret (O6)',
    access: 'signed-in',
    id: { schema: secretIdSchema, unknown: 'secret.gone' },
    rateLimited: true,
    success: [{ status: 200, json: 'RevokeSecretResponse' }],
  },
  {
    method: 'post',
    path: '/api/invitations',
    tag: 'invitations',
    summary: 'Invite a guest to send one secret (staff only, S4, X2)',
    access: 'signed-in',
    body: 'CreateInvitationRequest',
    success: [{ status: 201, json: 'CreateInvitationResponse' }],
    errors: [
      'invitation.staff_only',
      'share.classification_above_clearance',
      'share.expiry_out_of_range',
      'share.levels_off',
    ],
  },
  {
    method: 'get',
    path: '/api/invitations',
    tag: 'invitations',
    summary: 'My invitations with status (O6)',
    access: 'signed-in',
    success: [{ status: 200, json: 'InvitationListResponse' }],
  },
  {
    method: 'post',
    path: '/api/invitations/:id/revoke',
    tag: 'invitations',
    summary: 'The creator withdraws a waiting invitation (O6)',
    access: 'signed-in',
    id: { schema: invitationIdSchema, unknown: 'invitation.gone' },
    success: [{ status: 200, json: 'RevokeInvitationResponse' }],
  },
  {
    method: 'post',
    path: '/api/invitations/:id/peek',
    tag: 'invitations',
    summary: 'The guest page: who invites, for what, the key to seal to; uses nothing up (S6)',
    access: 'public',
    body: 'PeekInvitationRequest',
    id: { schema: invitationIdSchema, unknown: 'invitation.gone' },
    rateLimited: true,
    success: [{ status: 200, json: 'PeekInvitationResponse' }],
  },
  {
    method: 'post',
    path: '/api/invitations/:id/submit',
    tag: 'invitations',
    summary: "The guest's one submission, sealed with HPKE (S4, S5, S6)",
    access: 'public',
    body: 'SubmitInvitationRequest',
    id: { schema: invitationIdSchema, unknown: 'invitation.gone' },
    rateLimited: true,
    success: [{ status: 201, json: 'SubmitInvitationResponse' }],
  },
  {
    method: 'get',
    path: '/api/submissions/:id',
    tag: 'invitations',
    summary: "What the inviter's browser needs to prove possession of a submission",
    access: 'signed-in',
    id: { schema: secretIdSchema, unknown: 'secret.gone' },
    // Refused like an open, so it counts against the open budget (X4).
    rateLimited: true,
    success: [{ status: 200, json: 'SubmissionKeyResponse' }],
  },
  {
    method: 'get',
    path: '/api/me',
    tag: 'account',
    summary: 'The signed-in account and its teams',
    access: 'signed-in',
    success: [{ status: 200, json: 'MeResponse' }],
  },
  {
    method: 'get',
    path: '/api/teams',
    tag: 'account',
    summary: 'The teams a sender may choose (S2; staff too, issue 17)',
    access: 'signed-in',
    success: [{ status: 200, json: 'TeamsResponse' }],
  },
  {
    method: 'get',
    path: '/api/teams/:id/exclusion',
    tag: 'secrets',
    summary: 'Who of a team a share at this level leaves out, as the sender picks team and level (C6)',
    access: 'signed-in',
    query: teamExclusionQuery,
    id: { schema: z.string(), unknown: 'share.unknown_team' },
    success: [{ status: 200, json: 'TeamExclusionResponse' }],
  },
  {
    method: 'get',
    path: '/api/config',
    tag: 'account',
    summary: 'What the create forms offer: expiry choices, levels on or off, languages (O3, S5, C1)',
    access: 'public',
    success: [{ status: 200, json: 'ConfigResponse' }],
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    tag: 'operations',
    summary: 'This description',
    access: 'public',
    success: [{ status: 200, document: true }],
  },
  {
    method: 'get',
    path: '/api/admin/settings',
    tag: 'admin',
    summary: 'The run-time settings in force, and the configured ones (C1, C2, C7, O3, S5)',
    access: 'admin',
    success: [{ status: 200, json: 'SettingsResponse' }],
  },
  {
    method: 'post',
    path: '/api/admin/settings',
    tag: 'admin',
    summary: 'Change run-time settings; audited (X6)',
    access: 'admin',
    body: 'UpdateSettingsRequest',
    success: [{ status: 200, json: 'SettingsResponse' }],
    errors: codesOf('settings.'),
  },
  {
    method: 'get',
    path: '/api/admin/members',
    tag: 'admin',
    summary: 'Accounts by name, 50 a page, searched by name or e-mail',
    access: 'admin',
    query: listMembersQuery,
    success: [{ status: 200, json: 'MembersResponse' }],
  },
  {
    method: 'post',
    path: '/api/admin/members/:id/clearance',
    tag: 'admin',
    summary: "Set a member's clearance (C2); audited",
    access: 'admin',
    body: 'ChangeClearanceRequest',
    id: { schema: memberIdSchema, unknown: 'member.not_found' },
    success: [{ status: 200, json: 'MemberResponse' }],
    errors: codesOf('member.'),
  },
  {
    method: 'post',
    path: '/api/admin/members/:id/status',
    tag: 'admin',
    summary: 'Disable an account (its sessions end at once) or enable it again; audited',
    access: 'admin',
    body: 'ChangeStatusRequest',
    id: { schema: memberIdSchema, unknown: 'member.not_found' },
    success: [{ status: 200, json: 'MemberResponse' }],
    errors: codesOf('member.'),
  },
  {
    method: 'post',
    path: '/api/admin/members/:id/teams',
    tag: 'admin',
    summary: 'Add a staff member to, or remove them from, a team whose members admins set; audited',
    access: 'admin',
    body: 'ChangeTeamRequest',
    id: { schema: memberIdSchema, unknown: 'member.not_found' },
    success: [{ status: 200, json: 'MemberResponse' }],
    errors: codesOf('member.'),
  },
  {
    method: 'get',
    path: '/api/audit',
    tag: 'account',
    summary:
      'The activity history the viewer may see, filtered, a page at a time: an admin everything, anyone else their own items and acts (X6, C5, C8)',
    access: 'signed-in',
    query: auditQuery,
    success: [{ status: 200, json: 'AuditResponse' }],
  },
  {
    method: 'get',
    path: '/api/audit/export',
    tag: 'account',
    summary: 'Every entry the activity view would show for the filters, as a CSV or JSON lines download (X6)',
    access: 'signed-in',
    query: auditExportQuery,
    success: [
      {
        status: 200,
        text: ['text/csv', 'application/x-ndjson'],
        description:
          'format=csv: RFC 4180 with a header line; format=jsonl: one AuditEntry as JSON per line. An attachment.',
      },
    ],
  },
  {
    method: 'get',
    path: '/auth/login',
    tag: 'sign-in',
    summary: "Start a sign-in: a redirect to the identity provider (the query's returnTo: where to land)",
    access: 'public',
    query: z.strictObject({ returnTo: z.string().optional() }),
    rateLimited: true,
    success: [{ status: 302, description: "To the identity provider's authorization endpoint." }],
    errors: ['auth.provider_unavailable'],
  },
  {
    method: 'get',
    path: '/auth/callback',
    tag: 'sign-in',
    summary: 'Finish a sign-in and open a session',
    access: 'public',
    rateLimited: true,
    success: [
      { status: 302, description: 'Signed in: to the returnTo of the sign-in, with the session cookie set.' },
      {
        status: 303,
        description: "Refused, for a browser's navigation: to /sign-in-failed?reason=<reason>.",
      },
    ],
    errors: codesOf('auth.').filter((code) => code !== 'auth.required'),
  },
  {
    method: 'post',
    path: '/auth/logout',
    tag: 'sign-in',
    summary: 'End the session at the server (X5)',
    access: 'public',
    success: [{ status: 204, description: 'Signed out (also when no session was there).' }],
  },
  {
    method: 'get',
    path: '/healthz',
    tag: 'operations',
    summary: 'Liveness: the process answers (R3)',
    access: 'public',
    success: [{ status: 200, json: 'Health' }],
  },
  {
    method: 'get',
    path: '/readyz',
    tag: 'operations',
    summary: 'Readiness: the database answers and the instance is not shutting down (R3)',
    access: 'public',
    success: [{ status: 200, json: 'Readiness' }],
  },
  {
    method: 'get',
    path: '/metrics',
    tag: 'operations',
    summary: 'Prometheus metrics, here unless METRICS_PORT moves them to a port of their own (R3)',
    access: 'public',
    success: [{ status: 200, text: 'text/plain', description: 'The Prometheus text format.' }],
  },
];

/** The codes every request may get: an unexpected failure, or the database or instance unavailable. */
const ALWAYS: readonly ErrorCode[] = ['server.internal', 'server.unavailable'];
/** A request that may carry a body: Fastify reads any JSON body before the route runs. */
const BODY_READ: readonly ErrorCode[] = [
  'request.malformed_json',
  'request.too_large',
  'request.unsupported_media_type',
];
/** A body or query checked against a schema (X7). */
const VALIDATED: readonly ErrorCode[] = ['request.invalid', 'request.control_character'];

/**
 * Every error code `operation` can answer: its own, and those its kind brings: a change from another
 * origin (X5), a body or query that does not parse, no sign-in (S6), not an admin (C2), a rate limit
 * (X4), and the server's own failures.
 */
export function errorCodesOf(operation: Operation): ErrorCode[] {
  const codes = new Set<ErrorCode>(operation.errors ?? []);
  const add = (more: readonly ErrorCode[]) => {
    for (const code of more) codes.add(code);
  };
  if (operation.method !== 'get') add(['request.cross_origin', ...BODY_READ]);
  if (operation.body || operation.query) add(VALIDATED);
  if (operation.access !== 'public') add(['auth.required']);
  if (operation.access === 'admin') add(['admin.required']);
  if (operation.id) add([operation.id.unknown]);
  if (operation.rateLimited) add(['request.rate_limited']);
  add(ALWAYS);
  return [...codes].sort((a, b) => ERRORS[a] - ERRORS[b] || a.localeCompare(b));
}

type JsonSchema = Record<string, unknown>;

/**
 * Tidies zod's output: drops the safe-integer bounds it gives every `.int()`, and for a pipe read on its
 * input side (a text field checked, then parsed as base64url) adds the format and lengths of the
 * pipe's output, so the description says what the field must hold.
 */
function tidy(ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: JsonSchema }): void {
  const { zodSchema, jsonSchema } = ctx;
  if (jsonSchema.type === 'integer') {
    if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
    if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  }
  if (zodSchema._zod.def.type === 'pipe' && jsonSchema.type === 'string') {
    const out = zodSchema._zod.def.out;
    if (out._zod.def.type === 'string') {
      const { format, minLength, maxLength, pattern } = z.toJSONSchema(out, { io: 'output' }) as JsonSchema;
      Object.assign(jsonSchema, JSON.parse(JSON.stringify({ format, minLength, maxLength, pattern })));
    }
  }
}

/** The named schemas as components that refer to each other by `$ref`. */
function components(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: converted } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    uri: (id) => `${COMPONENTS}${id}`,
    override: tidy,
  });
  // Components live inside the document: no `$schema` or `$id` of their own.
  return Object.fromEntries(
    Object.entries(converted).map(([id, { $schema: _schema, $id: _id, ...schema }]) => [id, schema]),
  );
}

/** One schema inlined, for parameters and error bodies. */
function inline(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    override: tidy,
  });
  return rest;
}

/** `/api/secrets/:id/open` as OpenAPI writes it: `/api/secrets/{id}/open`. */
export function openApiPath(route: string): string {
  return route.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });

function successResponse(success: Success): JsonSchema {
  if ('json' in success) {
    return { description: success.json, content: json({ $ref: `${COMPONENTS}${success.json}` }) };
  }
  if ('text' in success) {
    const types = typeof success.text === 'string' ? [success.text] : success.text;
    const content = Object.fromEntries(types.map((type) => [type, { schema: { type: 'string' } }]));
    return { description: success.description, content };
  }
  if ('document' in success) {
    return { description: 'The OpenAPI 3.1 description.', content: json({ type: 'object' }) };
  }
  const location = { Location: { schema: { type: 'string' } } };
  return success.status === 204
    ? { description: success.description }
    : { description: success.description, headers: location };
}

/**
 * The error answers of an operation, one per status, each naming its codes: the one error body (X7,
 * component `ErrorBody`) with its code narrowed to those.
 */
function errorResponses(operation: Operation): Record<string, JsonSchema> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(operation)) {
    byStatus.set(ERRORS[code], [...(byStatus.get(ERRORS[code]) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => {
      const code = { type: 'string', enum: codes };
      const narrowed = { type: 'object', properties: { error: { type: 'object', properties: { code } } } };
      const schema = { allOf: [{ $ref: `${COMPONENTS}ErrorBody` }, narrowed] };
      return [String(status), { description: codes.join(', '), content: json(schema) }];
    }),
  );
}

function parameters(operation: Operation): JsonSchema[] {
  const found: JsonSchema[] = [];
  if (operation.id) {
    found.push({ name: 'id', in: 'path', required: true, schema: inline(operation.id.schema, 'input') });
  }
  if (operation.query) {
    const query = inline(operation.query, 'input') as {
      properties: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, schema] of Object.entries(query.properties)) {
      found.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema });
    }
  }
  return found;
}

function describeOperation(operation: Operation): JsonSchema {
  const described: JsonSchema = {
    operationId: `${operation.method} ${operation.path}`,
    tags: [operation.tag],
    summary: operation.summary,
  };
  const found = parameters(operation);
  if (found.length > 0) described.parameters = found;
  if (operation.body) {
    described.requestBody = { required: true, content: json({ $ref: `${COMPONENTS}${operation.body}` }) };
  }
  described.responses = {
    ...Object.fromEntries(
      operation.success.map((success) => [String(success.status), successResponse(success)]),
    ),
    ...errorResponses(operation),
  };
  // The session cookie is what signs a request in (S6); public operations need none.
  described.security = operation.access === 'public' ? [] : [{ session: [] }];
  return described;
}

/** The whole description, the same on every instance and in `docs/openapi.json`. */
export function buildOpenApiDocument(version: string = VERSION): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of OPERATIONS) {
    const path = openApiPath(operation.path);
    paths[path] = { ...paths[path], [operation.method]: describeOperation(operation) };
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Safe Share HTTP API',
      version,
      description: [
        'Generated from the protocol schemas in src/protocol/ (npm run docs:openapi); docs/api.md has the',
        'protocol, the crypto and what each error code means. Every error answers { error: { code, message,',
        'issues? } }. Besides the codes listed per operation, any request may get 400 request.invalid for a',
        'malformed HTTP request, 404 route.not_found for an unknown path, 408 request.timeout and 431',
        'request.headers_too_large. Not described: the built-in demo identity provider (/demo-idp/,',
        '/demo-login/), and the web app (its pages and /assets/).',
      ].join(' '),
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags: [
      { name: 'secrets', description: 'Sharing and opening secrets (S1-S3, O1-O6)' },
      { name: 'invitations', description: 'Guest invitations (S4-S6, X2)' },
      { name: 'account', description: 'The signed-in account and what the forms offer' },
      { name: 'admin', description: 'Settings and member management, for admins (C1, C2, X6)' },
      { name: 'sign-in', description: 'OpenID Connect sign-in and sign-out' },
      { name: 'operations', description: 'Health, readiness, metrics, this description (R3)' },
    ],
    paths,
    components: {
      schemas: { ...components(REQUESTS, 'input'), ...components(RESPONSES, 'output') },
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SECURE_SESSION_COOKIE,
          description: `The session cookie set by /auth/callback; ${SESSION_COOKIE} on plain http outside production.`,
        },
      },
    },
  };
}
