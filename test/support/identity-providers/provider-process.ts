/**
 * An OpenID Connect provider of one shape (`shapes.ts`) in a process of its own, on a port of its own:
 * oidc-provider with the shape's issuer path, discovery, scopes and claims, over http or (with a test
 * CA's certificate) https. Started by `provider.ts` through `fork`; its parent steers it over IPC:
 *
 * - `allow-redirect`: register a redirect URI for the one client (the apps' ports are known only later);
 * - `person`: change a person's claims, as an administrator changes a user at the provider;
 * - `mode`: misbehave on purpose: sign ID tokens that fail validation, run its clock off.
 *
 * People sign in on `/login/<uid>` by posting `person=<key>`; there is no password.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import Provider, { type Grant, type KoaContextWithOIDC } from 'oidc-provider';
import { type ClaimSet, claimNamesOf, SHAPES, type ShapeName, type ShapePerson } from './shapes.ts';

/** What the parent passes in the environment variable PROVIDER_OPTIONS (JSON). */
export interface ProviderProcessOptions {
  readonly shape: ShapeName;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The port to listen on; 0 picks a free one. */
  readonly port: number;
  /** PEM certificate and key: serve https. */
  readonly tls?: { readonly cert: string; readonly key: string };
}

export type ProviderRequest =
  | { readonly type: 'allow-redirect'; readonly uri: string }
  | { readonly type: 'person'; readonly key: string; readonly idToken: ClaimSet; readonly userinfo: ClaimSet }
  | { readonly type: 'mode'; readonly tamperIdToken?: boolean; readonly clockOffsetSeconds?: number };

export type ProviderMessage =
  | { readonly type: 'ready'; readonly issuer: string }
  | { readonly type: 'done'; readonly id: number };

const LOGIN_PATH = '/login/';

const options = JSON.parse(process.env.PROVIDER_OPTIONS ?? '{}') as ProviderProcessOptions;
const shape = SHAPES[options.shape];
const people = new Map<string, ShapePerson>(shape.people.map((person) => [person.key, person]));
const allowedRedirects = new Set<string>();
const mode = { tamperIdToken: false };

// The provider's clock runs off by this much when told to, while it issues tokens (its iat and exp); the
// rest of the flow (cookies, interactions) keeps the time, so only the tokens show the skew.
const realNow = Date.now;
let clockOffsetMs = 0;
let issuingTokens = false;
Date.now = () => realNow() + (issuingTokens ? clockOffsetMs : 0);

const send = (message: ProviderMessage) => process.send?.(message);

function personBySubject(subject: string): ShapePerson | undefined {
  return [...people.values()].find((person) => person.idToken.sub === subject);
}

async function loadExistingGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
  const { client, session, provider } = ctx.oidc;
  const accountId = session?.accountId;
  if (!client || !session || !accountId) return undefined;
  const grant = new provider.Grant({ clientId: client.clientId, accountId });
  grant.addOIDCScope(shape.scopes.join(' '));
  await grant.save();
  return grant;
}

function createProvider(issuer: string): Provider {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: 'jwk' }),
    kid: randomBytes(8).toString('hex'),
    alg: 'RS256',
    use: 'sig',
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: ['https://registered-later.invalid/auth/callback'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    // biome-ignore lint/suspicious/noExplicitAny: a JWK from node:crypto is what the provider takes.
    jwks: { keys: [jwk as any] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    scopes: [...shape.scopes],
    // Every claim of the shape is released with `openid`: which claim goes where is the shape's to say.
    claims: { openid: ['sub', ...claimNamesOf(shape).filter((name) => name !== 'sub')] },
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      pushedAuthorizationRequests: { enabled: shape.pushedAuthorization },
    },
    interactions: { url: (_ctx, interaction) => `${LOGIN_PATH}${interaction.uid}` },
    findAccount: (_ctx, subject) => {
      const person = personBySubject(subject);
      if (!person) return undefined;
      return {
        accountId: subject,
        claims: (use: string) =>
          ({ ...(use === 'id_token' ? person.idToken : person.userinfo), sub: subject }) as { sub: string },
      };
    },
    loadExistingGrant,
  });
  // Redirect URIs are registered over IPC, once the apps listen.
  provider.Client.prototype.redirectUriAllowed = (uri: string) => allowedRedirects.has(uri);
  provider.use(async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path === '/auth' && refuseUnknownScope(ctx)) return;
    issuingTokens = ctx.path === '/token';
    try {
      await next();
    } finally {
      issuingTokens = false;
    }
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (mode.tamperIdToken && ctx.path === '/token' && typeof body?.id_token === 'string') {
      ctx.body = { ...body, id_token: withBrokenSignature(body.id_token) };
    }
  });
  return provider;
}

/** Entra ID sends the browser back with invalid_scope; Google shows its own error page. */
function refuseUnknownScope(
  ctx: Pick<KoaContextWithOIDC, 'query' | 'status' | 'type' | 'body' | 'redirect'>,
): boolean {
  if (shape.unknownScope === 'ignore') return false;
  const scope = ctx.query.scope;
  const unknown = String(scope ?? '')
    .split(' ')
    .filter((value) => value !== '' && !shape.scopes.includes(value));
  if (unknown.length === 0) return false;
  const redirectUri = String(ctx.query.redirect_uri ?? '');
  if (shape.unknownScope === 'error-page' || !allowedRedirects.has(redirectUri)) {
    ctx.status = 400;
    ctx.type = 'text';
    ctx.body = 'Error 400: invalid_scope';
    return true;
  }
  const back = new URL(redirectUri);
  back.searchParams.set('error', 'invalid_scope');
  back.searchParams.set(
    'error_description',
    `AADSTS70011: The provided value for the input parameter 'scope' is not valid. The scope ${unknown.join(' ')} is not valid.`,
  );
  back.searchParams.set('state', String(ctx.query.state ?? ''));
  ctx.redirect(back.href);
  return true;
}

/** The same token with one signature byte changed: it no longer verifies. */
function withBrokenSignature(jwt: string): string {
  const [header, payload, signature = ''] = jwt.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

function loginPage(uid: string): string {
  const buttons = [...people.keys()]
    .map((key) => `<button type="submit" name="person" value="${key}">${key}</button>`)
    .join('\n');
  return `<!doctype html><html lang="en"><title>${shape.title} (test)</title><form method="post" action="${LOGIN_PATH}${uid}">${buttons}</form></html>`;
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return new URLSearchParams(body);
}

async function login(provider: Provider, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const uid = (request.url ?? '').slice(LOGIN_PATH.length).split('?')[0] ?? '';
  const interaction = await provider.interactionDetails(request, response);
  if (interaction.uid !== uid) throw new Error('not this interaction');
  if (request.method === 'GET') {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(loginPage(uid));
    return;
  }
  const person = people.get((await readForm(request)).get('person') ?? '');
  if (!person) throw new Error('no such person');
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId: String(person.idToken.sub) } },
    { mergeWithLastSubmission: false },
  );
}

async function start(): Promise<void> {
  const serve = (handler: (request: IncomingMessage, response: ServerResponse) => void) =>
    options.tls
      ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler)
      : createHttpServer(handler);
  let provider: Provider | undefined;
  let callback: ReturnType<Provider['callback']> | undefined;
  const mount = shape.issuerPath.endsWith('/') ? shape.issuerPath.slice(0, -1) : shape.issuerPath;
  const server = serve((request, response) => {
    const url = request.url ?? '/';
    if (!provider || !callback) {
      response.statusCode = 503;
      response.end();
      return;
    }
    if (url.startsWith(LOGIN_PATH)) {
      login(provider, request, response).catch(() => {
        response.statusCode = 400;
        response.end('login failed');
      });
      return;
    }
    if (!url.startsWith(`${mount}/`)) {
      response.statusCode = 404;
      response.end();
      return;
    }
    // Mounted under the issuer's path: the provider reads its mount path from originalUrl.
    (request as IncomingMessage & { originalUrl?: string }).originalUrl = url;
    request.url = url.slice(mount.length);
    void callback(request, response);
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const issuer = `${options.tls ? 'https' : 'http'}://127.0.0.1:${address.port}${shape.issuerPath}`;
  provider = createProvider(issuer);
  callback = provider.callback();
  send({ type: 'ready', issuer });
}

process.on('message', (message: ProviderRequest & { id: number }) => {
  switch (message.type) {
    case 'allow-redirect':
      allowedRedirects.add(message.uri);
      break;
    case 'person': {
      const person = people.get(message.key);
      if (person)
        people.set(message.key, { ...person, idToken: message.idToken, userinfo: message.userinfo });
      break;
    }
    case 'mode':
      if (message.tamperIdToken !== undefined) mode.tamperIdToken = message.tamperIdToken;
      if (message.clockOffsetSeconds !== undefined) clockOffsetMs = message.clockOffsetSeconds * 1000;
      break;
  }
  send({ type: 'done', id: message.id });
});
// The parent's end is this process's end.
process.on('disconnect', () => process.exit(0));

await start();
