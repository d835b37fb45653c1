/**
 * A test browser: fetch with a cookie jar, redirects followed by hand, and a sign-in that walks the real
 * code flow (app -> demo provider -> account picker -> callback) over HTTP. No session is forged.
 *
 * @example
 *   const sven = await signIn(t.baseUrl, 'sven');
 *   const { status, body } = await sven.api('GET', '/api/me');
 *   const guest = anonymousClient(t.baseUrl);
 */
import type { DemoAccountKey } from '../../src/auth/demo/accounts.ts';
import { CookieJar } from './cookie-jar.ts';

export type { DemoAccountKey } from '../../src/auth/demo/accounts.ts';
export { CookieJar } from './cookie-jar.ts';

const isRedirect = (status: number) => status >= 300 && status < 400;
const MAX_REDIRECTS = 10;

export interface ApiResult {
  readonly status: number;
  /** The parsed JSON reply (null for an empty one, the text for a non-JSON one). */
  // biome-ignore lint/suspicious/noExplicitAny: replies are asserted field by field in tests.
  readonly body: any;
}

/** A browser without a sign-in: cookies kept, redirects not followed (`redirect: 'manual'`). */
export interface TestClient {
  readonly baseUrl: string;
  readonly jar: CookieJar;
  /** `path` relative to baseUrl, or an absolute URL; cookies are sent and stored. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** A JSON request; `content-type: application/json` only when there is a body. */
  api(method: string, path: string, jsonBody?: unknown, headers?: Record<string, string>): Promise<ApiResult>;
}

/** A browser signed in as a demo account. */
export interface SignedInClient extends TestClient {
  readonly who: DemoAccountKey;
  /** Where the callback sent the browser after sign-in (the `returnTo`, or '/'). */
  readonly landedAt: string;
}

export function anonymousClient(baseUrl: string): TestClient {
  const jar = new CookieJar();
  const client: TestClient = {
    baseUrl,
    jar,
    async fetch(path, init = {}) {
      const url = new URL(path, baseUrl);
      const headers = new Headers(init.headers);
      const cookie = jar.headerFor(url);
      if (cookie && !headers.has('cookie')) headers.set('cookie', cookie);
      // As a browser on the app's page does, every request but GET and HEAD says where it comes from
      // (the app refuses cross-origin changes, X5); a test that forges one sets its own.
      const method = (init.method ?? 'GET').toUpperCase();
      if (method !== 'GET' && method !== 'HEAD' && !headers.has('origin')) {
        headers.set('origin', new URL(baseUrl).origin);
      }
      const response = await fetch(url, { ...init, headers, redirect: 'manual' });
      jar.store(url, response);
      return response;
    },
    async api(method, path, jsonBody, headers = {}) {
      const init: RequestInit = { method, headers: { accept: 'application/json', ...headers } };
      if (jsonBody !== undefined) {
        init.headers = { ...init.headers, 'content-type': 'application/json' };
        init.body = JSON.stringify(jsonBody);
      }
      const response = await client.fetch(path, init);
      const text = await response.text();
      const isJson = response.headers.get('content-type')?.includes('application/json') ?? false;
      return { status: response.status, body: text === '' ? null : isJson ? JSON.parse(text) : text };
    },
  };
  return client;
}

export interface SignInOptions {
  /** Sent as `returnTo` to /auth/login. */
  readonly returnTo?: string;
  /** Sign in within an existing browser (its cookies), e.g. to sign in again. */
  readonly client?: TestClient;
}

export interface SignInAttempt {
  readonly client: TestClient;
  /** The answer of GET /auth/callback: a 302 on success, an error otherwise. */
  readonly callback: Response;
  /** The callback URL the provider sent the browser to (it carries the code: tests only). */
  readonly callbackUrl: URL;
}

/**
 * Walks the code flow up to the callback, choosing `who` on the demo account picker, and returns the
 * callback URL the provider redirected to, not yet requested.
 */
export async function reachCallback(
  baseUrl: string,
  who: DemoAccountKey,
  options: SignInOptions = {},
): Promise<{ client: TestClient; callbackUrl: URL }> {
  const client = options.client ?? anonymousClient(baseUrl);
  const query = options.returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(options.returnTo)}`;
  const picker = await follow(client, new URL(`/auth/login${query}`, baseUrl));
  if (picker.response.status !== 200 || !picker.url.pathname.startsWith('/demo-login/')) {
    throw new Error(
      `sign-in as ${who}: expected the account picker, got ${picker.response.status} at ${picker.url}`,
    );
  }
  await picker.response.body?.cancel();
  let url = picker.url;
  let response = await client.fetch(url.href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ account: who }).toString(),
  });
  for (let hops = 0; hops < MAX_REDIRECTS && isRedirect(response.status); hops++) {
    await response.body?.cancel();
    url = new URL(response.headers.get('location') ?? '', url);
    if (url.pathname === '/auth/callback') return { client, callbackUrl: url };
    response = await client.fetch(url.href);
  }
  throw new Error(`sign-in as ${who}: never reached the callback (${response.status} at ${url})`);
}

/** The whole code flow including the callback, whose answer is returned as it is (for refusals: `uma`). */
export async function attemptSignIn(
  baseUrl: string,
  who: DemoAccountKey,
  options: SignInOptions = {},
): Promise<SignInAttempt> {
  const { client, callbackUrl } = await reachCallback(baseUrl, who, options);
  return { client, callback: await client.fetch(callbackUrl.href), callbackUrl };
}

/** Signs in as a demo account through the real code flow; throws if the app does not answer with a redirect. */
export async function signIn(
  baseUrl: string,
  who: DemoAccountKey,
  options: SignInOptions = {},
): Promise<SignedInClient> {
  const { client, callback } = await attemptSignIn(baseUrl, who, options);
  if (callback.status !== 302) {
    throw new Error(`sign-in as ${who} failed: ${callback.status} ${await callback.text()}`);
  }
  return { ...client, who, landedAt: callback.headers.get('location') ?? '' };
}

/** GETs `url` and follows redirects until the answer is not one. */
export async function follow(client: TestClient, url: URL): Promise<{ url: URL; response: Response }> {
  let response = await client.fetch(url.href);
  for (let hops = 0; hops < MAX_REDIRECTS && isRedirect(response.status); hops++) {
    await response.body?.cancel();
    url = new URL(response.headers.get('location') ?? '', url);
    response = await client.fetch(url.href);
  }
  return { url, response };
}

/**
 * Signs in several demo accounts at once, each in its own browser; the result is a tuple, so it
 * destructures without undefined under `noUncheckedIndexedAccess`.
 * @example const [sven, carla] = await signInAll(t.baseUrl, ['sven', 'carla']);
 */
export function signInAll<const Keys extends readonly DemoAccountKey[]>(
  baseUrl: string,
  keys: Keys,
): Promise<{ -readonly [I in keyof Keys]: SignedInClient }> {
  return Promise.all(keys.map((who) => signIn(baseUrl, who))) as Promise<{
    -readonly [I in keyof Keys]: SignedInClient;
  }>;
}
