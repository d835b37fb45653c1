/** The browser app is served by the same process; following a link returns only the page (O4, X5). */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '../../src/http/security-headers.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { openSecret, shareSecret, toCustomer } from '../support/secrets.ts';
import { type SignedInClient, signInAll } from '../support/sign-in.ts';

describe('web app serving', () => {
  let t: TestApp;
  let root: string;
  let sven: SignedInClient;
  let carla: SignedInClient;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'safe-share-web-'));
    await mkdir(join(root, 'assets'));
    await writeFile(
      join(root, 'index.html'),
      '<!doctype html><title>Safe Share</title><script type="module" src="/assets/app-1.js"></script>',
    );
    await writeFile(join(root, 'assets', 'app-1.js'), 'console.log(1)');
    t = await startTestApp({ dialect: 'sqlite', webRoot: root });
    [sven, carla] = await signInAll(t.baseUrl, ['sven', 'carla']);
  });
  afterAll(async () => {
    await t?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('O4: a plain GET of a secret link (a link preview) gets the page and burns nothing', async () => {
    const shared = await shareSecret(sven, 'preview-safe', toCustomer('carla@acme.test'));
    for (const client of [carla, sven]) {
      const page = await client.fetch(`/s/${shared.id}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(await page.text()).not.toContain('preview-safe');
    }
    expect((await fetch(`${t.baseUrl}/s/${shared.id}`)).status).toBe(200);
    expect((await openSecret(carla, shared.id, shared.linkKey)).plaintext).toBe('preview-safe');
  });

  it('X5: pages carry a strict CSP, no referrer, no framing', async () => {
    const page = await fetch(`${t.baseUrl}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('X5: every kind of reply carries the same security headers: page, asset, API, error, demo provider', async () => {
    const expected = securityHeaders();
    expect(expected['content-security-policy']).toContain("object-src 'none'");
    expect(expected['x-frame-options']).toBe('SAMEORIGIN');
    const replies = [
      await fetch(`${t.baseUrl}/`),
      await fetch(`${t.baseUrl}/assets/app-1.js`),
      await carla.fetch('/api/me'),
      await fetch(`${t.baseUrl}/api/secrets/not-an-id/peek`, { method: 'POST' }),
      await fetch(`${t.baseUrl}/no-such-page`),
      await fetch(`${t.baseUrl}/demo-idp/.well-known/openid-configuration`),
    ];
    for (const reply of replies) {
      await reply.arrayBuffer();
      for (const [name, value] of Object.entries(expected)) {
        expect({ url: reply.url, name, value: reply.headers.get(name) }).toEqual({
          url: reply.url,
          name,
          value,
        });
      }
    }
  });

  it('serves hashed assets for long and leaves other paths 404', async () => {
    const asset = await fetch(`${t.baseUrl}/assets/app-1.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const unknown = await fetch(`${t.baseUrl}/no-such-page`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('route.not_found');
  });

  it('an asset: its type and length, a 304 for its ETag, HEAD without body; nothing outside the folder', async () => {
    const asset = await fetch(`${t.baseUrl}/assets/app-1.js`);
    expect(asset.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('console.log(1)');
    const etag = asset.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"e-[0-9a-f]+"$/);
    const again = await fetch(`${t.baseUrl}/assets/app-1.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const head = await fetch(`${t.baseUrl}/assets/app-1.js`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([200, '14', '']);
    for (const path of [
      '/assets/../index.html',
      '/assets/%2e%2e/index.html',
      '/assets/',
      '/assets/app-2.js',
    ]) {
      const refused = await fetch(`${t.baseUrl}${path}`);
      expect({ path, status: refused.status }).toEqual({ path, status: 404 });
      expect((await refused.json()).error.code).toBe('route.not_found');
    }
  });
});
