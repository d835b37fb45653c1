/**
 * The test side of the provider processes (`provider-process.ts`): start one per shape, steer it, sign
 * in through it as a browser does, and read the Safe Share settings the docs give for it.
 *
 * @example
 *   const keycloak = await startShapeProvider('keycloak');
 *   await keycloak.allowRedirect(`${t.baseUrl}/auth/callback`);
 *   const sam = await signInThrough(t.baseUrl, 'sam');
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { anonymousClient, follow, type TestClient } from '../sign-in.ts';
import type { ProviderMessage, ProviderProcessOptions, ProviderRequest } from './provider-process.ts';
import { type ClaimSet, SHAPES, type ShapeName } from './shapes.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
export const IDENTITY_PROVIDERS_DOC = join(ROOT, 'docs', 'identity-providers.md');
const START_TIMEOUT_MS = 20_000;

export const TEST_CLIENT_ID = 'safe-share';
export const TEST_CLIENT_SECRET = 'test-client-secret-of-the-shape-providers';

export interface ShapeProvider {
  readonly shape: ShapeName;
  readonly issuer: string;
  allowRedirect(uri: string): Promise<void>;
  /** Changes a person's claims, as an administrator changes the user at the provider. */
  setPerson(key: string, claims: { idToken: ClaimSet; userinfo: ClaimSet }): Promise<void>;
  setMode(mode: { tamperIdToken?: boolean; clockOffsetSeconds?: number }): Promise<void>;
  stop(): Promise<void>;
}

export async function startShapeProvider(
  shape: ShapeName,
  options: { tls?: { cert: string; key: string }; port?: number } = {},
): Promise<ShapeProvider> {
  const processOptions: ProviderProcessOptions = {
    shape,
    clientId: TEST_CLIENT_ID,
    clientSecret: TEST_CLIENT_SECRET,
    port: options.port ?? 0,
    ...(options.tls ? { tls: options.tls } : {}),
  };
  const child: ChildProcess = fork(join(import.meta.dirname, 'provider-process.ts'), [], {
    env: { PATH: process.env.PATH ?? '', PROVIDER_OPTIONS: JSON.stringify(processOptions) },
    execArgv: ['--disable-warning=ExperimentalWarning'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${shape} provider did not start: ${stderr}`)),
      START_TIMEOUT_MS,
    );
    child.on('message', (message: ProviderMessage) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      resolve(message.issuer);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${shape} provider exited (${code}): ${stderr}`));
    });
  });
  let nextId = 0;
  const request = (message: ProviderRequest) =>
    new Promise<void>((resolve) => {
      const id = ++nextId;
      const onMessage = (answer: ProviderMessage) => {
        if (answer.type !== 'done' || answer.id !== id) return;
        child.off('message', onMessage);
        resolve();
      };
      child.on('message', onMessage);
      child.send({ ...message, id });
    });
  return {
    shape,
    issuer,
    allowRedirect: (uri) => request({ type: 'allow-redirect', uri }),
    setPerson: (key, claims) => request({ type: 'person', key, ...claims }),
    setMode: (mode) => request({ type: 'mode', ...mode }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Walks the code flow at a shape provider: /auth/login, the provider (with a pushed request where it
 * offers them), its login page and the choice of `person`, up to the callback URL it sends the browser
 * to, not yet requested (it carries the code: tests only).
 */
export async function reachCallbackThrough(
  baseUrl: string,
  person: string,
  client: TestClient = anonymousClient(baseUrl),
): Promise<{ client: TestClient; callbackUrl: URL }> {
  const page = await follow(client, new URL('/auth/login', baseUrl));
  if (page.response.status !== 200 || !page.url.pathname.startsWith('/login/')) {
    throw new Error(
      `sign-in as ${person}: expected the provider's login page, got ${page.response.status} at ${page.url.pathname}`,
    );
  }
  await page.response.body?.cancel();
  let response = await client.fetch(page.url.href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ person }).toString(),
  });
  let url = page.url;
  for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops++) {
    await response.body?.cancel();
    url = new URL(response.headers.get('location') ?? '', url);
    if (url.pathname === '/auth/callback') return { client, callbackUrl: url };
    response = await client.fetch(url.href);
  }
  throw new Error(`sign-in as ${person}: never reached the callback (${response.status} at ${url.pathname})`);
}

/** The whole code flow; the callback's answer is returned as it is. */
export async function signInThrough(
  baseUrl: string,
  person: string,
  client?: TestClient,
): Promise<{ client: TestClient; callback: Response; callbackUrl: URL }> {
  const reached = await reachCallbackThrough(baseUrl, person, client);
  return { ...reached, callback: await reached.client.fetch(reached.callbackUrl.href) };
}

/**
 * The "Safe Share settings" block of a provider's section in docs/identity-providers.md, as variables.
 * The tests sign in with exactly these, the issuer and secret replaced by the shape process's own.
 */
export function documentedSettings(shape: ShapeName): Record<string, string> {
  const doc = readFileSync(IDENTITY_PROVIDERS_DOC, 'utf8');
  const title = SHAPES[shape].title;
  const section = doc.split(/^## /m).find((part) => part.startsWith(`${title}\n`));
  if (!section) throw new Error(`docs/identity-providers.md has no section "${title}"`);
  const block = section.split('Safe Share settings:')[1]?.match(/```sh\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error(`the section "${title}" has no Safe Share settings block`);
  const settings: Record<string, string> = {};
  for (const line of block.split('\n')) {
    const match = line.match(/^([A-Z][A-Z0-9_]*)=(.*)$/);
    if (match?.[1]) settings[match[1]] = match[2] ?? '';
  }
  return settings;
}
