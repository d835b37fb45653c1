/**
 * The OpenAPI description against the running app (issue 21), on both databases:
 *
 * - Route coverage: every route the app registers (read with Fastify's `onRoute` hook, from an app built
 *   by `test/support/app.ts` with a web app to serve) is described, and every described operation is
 *   registered. Not described, by design: the demo provider's mount (`/demo-idp/`, `/demo-login/:uid`),
 *   the web app's pages (each shown here to answer the app's HTML page) and its assets (`/assets/*`),
 *   and the HEAD twin Fastify adds to every GET. Routes another change registers before this description
 *   names them are listed in `NOT_YET_DESCRIBED`, by name, never dropped silently.
 * - Answers: each operation is driven through the integration helpers, and every JSON answer, success or
 *   error, is validated against the description's schema for its status; a status the description does
 *   not list fails as well.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OPERATIONS, openApiPath } from '../../src/http/openapi.ts';
import { proofFor } from '../../web/crypto/secret-crypto.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { inviteGuest, peekInvitation, submitAsGuest } from '../support/invitations.ts';
import { describeErrors, type JsonSchema, type OpenApiDocument, schemaCompiler } from '../support/openapi.ts';
import { shareSecret, toCustomer, toTeam } from '../support/secrets.ts';
import {
  type ApiResult,
  anonymousClient,
  attemptSignIn,
  reachCallback,
  type SignedInClient,
  signIn,
  signInAll,
  type TestClient,
} from '../support/sign-in.ts';

/** The routes each app registered, as its `onRoute` hook saw them (added before any route exists). */
const registeredRoutes = vi.hoisted(() => new WeakMap<object, RouteOptions[]>());

vi.mock('fastify', async (importOriginal) => {
  const actual = await importOriginal<typeof import('fastify')>();
  const recording = ((options?: Parameters<typeof actual.default>[0]) => {
    const app = actual.default(options);
    const routes: RouteOptions[] = [];
    registeredRoutes.set(app, routes);
    app.addHook('onRoute', (route) => {
      routes.push(route);
    });
    return app;
  }) as typeof actual.default;
  return { ...actual, default: recording };
});

/**
 * Registered by changes this description does not cover yet, each named with why; the test fails for any
 * other route missing from the description.
 */
const NOT_YET_DESCRIBED: readonly string[] = [];

/** The demo identity provider: its own OpenID Connect endpoints and account picker, not Safe Share's API. */
const isDemoProvider = (url: string) => url.startsWith('/demo-idp') || url.startsWith('/demo-login/');
/** The web app's files (hashed scripts and styles). */
const isAsset = (url: string) => url.startsWith('/assets/');

const PAGE = '<!doctype html><html><body><div id="root"></div></body></html>';

/** A built web app's stand-in: its page and one asset, so its routes are registered. */
function fakeWebRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'safe-share-openapi-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), PAGE);
  writeFileSync(join(root, 'assets', 'app-0000.js'), 'export {};');
  return root;
}

const methodsOf = (route: RouteOptions) => (Array.isArray(route.method) ? route.method : [route.method]);

/** `GET /api/secrets`-style names of the routes an app registered, without the HEAD twins of its GETs. */
function registeredNames(app: FastifyInstance): { name: string; route: RouteOptions }[] {
  const routes = registeredRoutes.get(app) ?? [];
  const names = routes.flatMap((route) =>
    methodsOf(route).map((method) => ({ name: `${method} ${route.url}`, route })),
  );
  const gets = new Set(names.map(({ name }) => name).filter((name) => name.startsWith('GET ')));
  return names.filter(({ name }) => !(name.startsWith('HEAD ') && gets.has(name.replace('HEAD', 'GET'))));
}

describe.each(DIALECTS)('the OpenAPI description and the app on %s (issue 21)', (dialect) => {
  let t: TestApp;
  let document: OpenApiDocument;
  let compile: ReturnType<typeof schemaCompiler>;
  let anonymous: TestClient;
  let ada: SignedInClient; // admin
  let sven: SignedInClient; // staff, team Service
  let carla: SignedInClient; // customer
  let dirk: SignedInClient; // customer
  /** `<status> <method> <route>` of every answer checked. */
  const answered = new Set<string>();

  beforeAll(async () => {
    t = await startTestApp({
      dialect,
      webRoot: fakeWebRoot(),
      config: { teamsSetByAdmins: ['inside-sales'] },
    });
    anonymous = anonymousClient(t.baseUrl);
    const served = await anonymous.api('GET', '/api/openapi.json');
    expect(served.status).toBe(200);
    document = served.body;
    compile = schemaCompiler(document);
    [ada, sven, carla, dirk] = await signInAll(t.baseUrl, ['ada', 'sven', 'carla', 'dirk']);
  });
  afterAll(() => t?.close());

  const validators = new Map<JsonSchema, ReturnType<typeof compile>>();

  /** The description's answer of `method route` for `status`; fails when it lists none. */
  function describedAnswer(method: string, route: string, status: number) {
    const operation = document.paths[openApiPath(route)]?.[method.toLowerCase()];
    expect(operation, `${method} ${route} is described`).toBeDefined();
    const response = operation?.responses[String(status)];
    expect(
      response,
      `${method} ${route} answered ${status}, which the description does not list`,
    ).toBeDefined();
    answered.add(`${status} ${method} ${route}`);
    return response;
  }

  /** Checks an answer of `method route` (a route pattern) against the description. */
  function check(method: string, route: string, result: Pick<ApiResult, 'status' | 'body'>): void {
    const schema = describedAnswer(method, route, result.status)?.content?.['application/json']?.schema;
    if (!schema) {
      expect(result.body, `${method} ${route} ${result.status} has no body`).toBeNull();
      return;
    }
    let validate = validators.get(schema);
    if (!validate) {
      validate = compile(schema);
      validators.set(schema, validate);
    }
    const valid = validate(result.body);
    expect(describeErrors(validate.errors), `${method} ${route} ${result.status}`).toEqual([]);
    expect(valid).toBe(true);
  }

  /** A JSON request through `client`, its answer checked; `route` is filled from `params`. */
  async function call(
    client: TestClient,
    method: 'GET' | 'POST',
    route: string,
    options: { params?: Record<string, string>; body?: unknown; query?: string } = {},
  ): Promise<ApiResult> {
    const path = route.replace(/:(\w+)/g, (_, name: string) => options.params?.[name] ?? name);
    const result = await client.api(method, `${path}${options.query ?? ''}`, options.body);
    check(method, route, result);
    return result;
  }

  /** Any answer: a JSON one checked by {@link check}, else its status, media type and redirect target. */
  async function checkResponse(method: string, route: string, response: Response): Promise<void> {
    const type = response.headers.get('content-type') ?? '';
    if (type.startsWith('application/json')) {
      check(method, route, { status: response.status, body: await response.json() });
      return;
    }
    const described = describedAnswer(method, route, response.status);
    const mediaTypes = Object.keys(described?.content ?? {});
    expect(mediaTypes.every((media) => media !== 'application/json')).toBe(true);
    if (mediaTypes.length > 0) expect(mediaTypes.some((media) => type.startsWith(media))).toBe(true);
    if (response.status === 302 || response.status === 303)
      expect(response.headers.get('location')).toBeTruthy();
    await response.body?.cancel();
  }

  it('every registered route is described, but for the demo provider, the pages and the assets', async () => {
    const described = new Set(
      OPERATIONS.map((operation) => `${operation.method.toUpperCase()} ${operation.path}`),
    );
    const undescribed = registeredNames(t.app).filter(
      ({ name, route }) => !described.has(name) && !isDemoProvider(route.url) && !isAsset(route.url),
    );
    // What is left must be the web app's pages: each answers a browser with the app's page.
    const pages: string[] = [];
    const missing: string[] = [];
    for (const { name, route } of undescribed) {
      const path = route.url.replace(/:(\w+)/g, 'x');
      const response = name.startsWith('GET ')
        ? await anonymous.fetch(path, { headers: { accept: 'text/html' } })
        : undefined;
      const isPage =
        response?.status === 200 &&
        response.headers.get('content-type')?.startsWith('text/html') === true &&
        (await response.text()) === PAGE;
      (isPage ? pages : missing).push(name);
    }
    expect(missing.filter((name) => !NOT_YET_DESCRIBED.includes(name))).toEqual([]);
    // The exclusions were met, so they were tested: pages, assets and the demo provider are registered.
    expect(pages).toEqual(expect.arrayContaining(['GET /', 'GET /s/:id', 'GET /i/:id']));
    const names = registeredNames(t.app).map(({ name }) => name);
    expect(names.some((name) => isAsset(name.slice(name.indexOf(' ') + 1)))).toBe(true);
    expect(names).toContain('GET /demo-login/:uid');
  });

  it('every described operation is registered, and those with a 429 are the rate-limited ones (X4)', () => {
    const registered = registeredNames(t.app);
    for (const operation of OPERATIONS) {
      const name = `${operation.method.toUpperCase()} ${operation.path}`;
      const route = registered.find((entry) => entry.name === name)?.route;
      expect(route, `${name} is registered`).toBeDefined();
      const limited = route?.config?.rateLimitedAction !== undefined;
      const responses = document.paths[openApiPath(operation.path)]?.[operation.method]?.responses ?? {};
      expect('429' in responses, `${name}: 429 described exactly when rate-limited`).toBe(limited);
    }
  });

  it('NOT_YET_DESCRIBED names only routes that are still not described', () => {
    const described = OPERATIONS.map((operation) => `${operation.method.toUpperCase()} ${operation.path}`);
    expect(NOT_YET_DESCRIBED.filter((name) => described.includes(name))).toEqual([]);
  });

  it('serves the description it was built from, the same as docs/openapi.json', async () => {
    const served = await call(anonymous, 'GET', '/api/openapi.json');
    expect(served.body.openapi).toMatch(/^3\.1\./);
    const { renderOpenApiDocs } = await import('../../scripts/openapi-docs.ts');
    expect(served.body).toEqual(JSON.parse(renderOpenApiDocs()));
  });

  it('account and configuration answers match their schemas', async () => {
    await call(anonymous, 'GET', '/api/config');
    await call(sven, 'GET', '/api/me');
    await call(ada, 'GET', '/api/me');
    expect((await call(anonymous, 'GET', '/api/me')).status).toBe(401);
    await call(carla, 'GET', '/api/teams');
    const exclusion = { params: { id: 'service' }, query: '?classification=2' };
    await call(carla, 'GET', '/api/teams/:id/exclusion', exclusion);
    await call(sven, 'GET', '/api/teams/:id/exclusion', exclusion);
    const unknownTeam = { params: { id: 'nobody' }, query: '?classification=1' };
    expect((await call(carla, 'GET', '/api/teams/:id/exclusion', unknownTeam)).status).toBe(422);
  });

  it('secrets answers match their schemas: create, peek, open, list, revoke, and their refusals', async () => {
    const direct = await shareSecret(sven, 'vpn password', toCustomer('carla@acme.test'));
    check('POST', '/api/secrets', direct);
    expect(direct.status).toBe(201);
    const team = await shareSecret(carla, 'for the team', toTeam('service'));
    check('POST', '/api/secrets', team);
    expect(team.status).toBe(201);
    const refused = await shareSecret(carla, 'no', toCustomer('dirk@globex.test'));
    expect(refused.body.error.code).toBe('share.customer_to_customer');
    check('POST', '/api/secrets', refused);
    const invalid = await call(sven, 'POST', '/api/secrets', { body: { version: 2 } });
    expect(invalid.body.error.issues.length).toBeGreaterThan(0);

    const proof = { proof: await proofFor(direct.linkKey) };
    const params = { id: direct.id };
    expect((await call(dirk, 'POST', '/api/secrets/:id/peek', { params, body: proof })).status).toBe(403);
    expect((await call(carla, 'POST', '/api/secrets/:id/peek', { params, body: proof })).status).toBe(200);
    expect((await call(carla, 'POST', '/api/secrets/:id/open', { params, body: proof })).status).toBe(200);
    expect((await call(carla, 'POST', '/api/secrets/:id/open', { params, body: proof })).status).toBe(404);

    const withdrawn = await shareSecret(sven, 'withdrawn', toCustomer('dirk@globex.test'));
    expect(
      (await call(sven, 'POST', '/api/secrets/:id/revoke', { params: { id: withdrawn.id } })).status,
    ).toBe(200);
    expect(
      (await call(sven, 'POST', '/api/secrets/:id/revoke', { params: { id: withdrawn.id } })).status,
    ).toBe(404);
    expect((await call(sven, 'POST', '/api/secrets/:id/revoke', { params: { id: 'x' } })).status).toBe(404);

    for (const client of [sven, carla, dirk]) {
      const { body } = await call(client, 'GET', '/api/secrets');
      expect(body.sent.length + body.received.length).toBeGreaterThan(0);
    }
  });

  it('invitation answers match their schemas: create, list, peek, submit, the submission key, revoke', async () => {
    const invitation = await inviteGuest(sven, 'VPN password for the Berlin office');
    check('POST', '/api/invitations', invitation);
    const byCustomer = await inviteGuest(carla, 'customers cannot');
    check('POST', '/api/invitations', byCustomer);
    expect(byCustomer.body.error.code).toBe('invitation.staff_only');

    const guest = anonymousClient(t.baseUrl);
    const peeked = await peekInvitation(guest, invitation.id, invitation.keys.inviteSecret);
    check('POST', '/api/invitations/:id/peek', peeked);
    const submitted = await submitAsGuest(guest, invitation, 'the guest secret');
    check('POST', '/api/invitations/:id/submit', submitted);
    expect(submitted.status).toBe(201);
    check('POST', '/api/invitations/:id/submit', await submitAsGuest(guest, invitation, 'again'));

    const { body } = await call(sven, 'GET', '/api/secrets');
    const submission = body.received.find((secret: { invitation?: { id: string } }) => secret.invitation);
    const params = { id: submission.id };
    expect((await call(sven, 'GET', '/api/submissions/:id', { params })).status).toBe(200);
    expect((await call(carla, 'GET', '/api/submissions/:id', { params })).status).toBe(404);

    const unused = await inviteGuest(sven, 'never used');
    await call(sven, 'GET', '/api/invitations');
    const revoke = { params: { id: unused.id } };
    expect((await call(sven, 'POST', '/api/invitations/:id/revoke', revoke)).status).toBe(200);
    expect((await call(sven, 'POST', '/api/invitations/:id/revoke', revoke)).status).toBe(404);
  });

  it('admin answers match their schemas: settings and member management, and their refusals (C2)', async () => {
    await call(ada, 'GET', '/api/admin/settings');
    expect((await call(sven, 'GET', '/api/admin/settings')).status).toBe(403);
    await call(ada, 'POST', '/api/admin/settings', { body: { levelsEnabled: true } });
    const above = { secretExpiryDefaultSeconds: 7200, secretExpiryMaxSeconds: 3600 };
    expect((await call(ada, 'POST', '/api/admin/settings', { body: above })).status).toBe(422);
    expect((await call(ada, 'POST', '/api/admin/settings', { body: {} })).status).toBe(400);

    const { body } = await call(ada, 'GET', '/api/admin/members', { query: '?query=example.com&offset=0' });
    const idOf = async (email: string) => {
      const found = await call(ada, 'GET', '/api/admin/members', { query: `?query=${email}` });
      return found.body.members.find((member: { email: string }) => member.email === email).id as string;
    };
    expect(body.total).toBeGreaterThan(0);
    const carlaId = { id: await idOf('carla@acme.test') };
    const adaId = { id: await idOf('ada.admin@example.com') };
    const svenId = { id: await idOf('sven.service@example.com') };
    await call(ada, 'POST', '/api/admin/members/:id/clearance', { params: carlaId, body: { clearance: 2 } });
    const admins = { params: adaId, body: { clearance: 1 } };
    expect((await call(ada, 'POST', '/api/admin/members/:id/clearance', admins)).status).toBe(409);
    const dirkId = { id: await idOf('dirk@globex.test') };
    await call(ada, 'POST', '/api/admin/members/:id/status', {
      params: dirkId,
      body: { status: 'disabled' },
    });
    await call(ada, 'POST', '/api/admin/members/:id/status', { params: dirkId, body: { status: 'active' } });
    const joins = { params: svenId, body: { team: 'inside-sales', member: true } };
    expect((await call(ada, 'POST', '/api/admin/members/:id/teams', joins)).status).toBe(200);
    const fromProvider = { params: svenId, body: { team: 'service', member: false } };
    expect((await call(ada, 'POST', '/api/admin/members/:id/teams', fromProvider)).status).toBe(409);
    const unknown = { params: { id: 'AAAAAAAAAAAAAAAAAAAAAA' }, body: { clearance: 2 } };
    expect((await call(ada, 'POST', '/api/admin/members/:id/clearance', unknown)).status).toBe(404);
    expect((await call(carla, 'GET', '/api/admin/members')).status).toBe(403);
    expect((await call(anonymous, 'GET', '/api/admin/members')).status).toBe(401);
  });

  it('audit answers match their schemas: the view for an admin and for a customer, the exports, refusals (X6)', async () => {
    const all = await call(ada, 'GET', '/api/audit');
    expect(all.body.entries.length).toBeGreaterThan(0);
    await call(carla, 'GET', '/api/audit', { query: '?outcome=refused&action=secret.refused' });
    expect((await call(ada, 'GET', '/api/audit', { query: '?action=nothing' })).status).toBe(400);
    expect((await call(anonymous, 'GET', '/api/audit')).status).toBe(401);
    for (const format of ['csv', 'jsonl']) {
      const exported = await ada.fetch(`/api/audit/export?format=${format}`);
      expect(exported.status).toBe(200);
      await checkResponse('GET', '/api/audit/export', exported);
    }
    expect((await call(carla, 'GET', '/api/audit/export', { query: '?format=xml' })).status).toBe(400);
  });

  it('sign-in, health and metrics answers are the described ones', async () => {
    await checkResponse('GET', '/auth/login', await anonymousClient(t.baseUrl).fetch('/auth/login'));
    const signedIn = await attemptSignIn(t.baseUrl, 'greta');
    await checkResponse('GET', '/auth/callback', signedIn.callback);
    // Refused: JSON for an API client, a redirect to the page that says why for a browser's navigation.
    await checkResponse('GET', '/auth/callback', (await attemptSignIn(t.baseUrl, 'uma')).callback);
    const browser = await reachCallback(t.baseUrl, 'uma');
    const navigation = { headers: { accept: 'text/html', 'sec-fetch-mode': 'navigate' } };
    const refused = await browser.client.fetch(browser.callbackUrl.href, navigation);
    expect(refused.status).toBe(303);
    await checkResponse('GET', '/auth/callback', refused);
    await checkResponse('GET', '/auth/callback', await anonymousClient(t.baseUrl).fetch('/auth/callback'));
    const greta = await signIn(t.baseUrl, 'greta');
    expect((await call(greta, 'POST', '/auth/logout')).status).toBe(204);

    await call(anonymous, 'GET', '/healthz');
    await call(anonymous, 'GET', '/readyz');
    await checkResponse('GET', '/metrics', await anonymous.fetch('/metrics'));
  });

  it('each described operation was driven at least once, with its success answer', () => {
    for (const operation of OPERATIONS) {
      const method = operation.method.toUpperCase();
      const successes = operation.success.map((success) => `${success.status} ${method} ${operation.path}`);
      expect(
        successes.some((success) => answered.has(success)),
        `${method} ${operation.path} driven`,
      ).toBe(true);
    }
  });
});
