/**
 * X5, O7: after sign-in the callback sends the browser only to a page of the app on its own origin,
 * decided on the normalised path (issue 14: `returnTo=/..//evil.test` came back as `Location: //evil.test`).
 * The whole code flow runs over real HTTP on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { attemptSignIn } from '../support/sign-in.ts';

describe.each(DIALECTS)('X5 return after sign-in on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ dialect });
  });
  afterAll(() => t?.close());

  const callbackLocation = async (returnTo: string) => {
    const { callback } = await attemptSignIn(t.baseUrl, 'carla', { returnTo });
    expect(callback.status).toBe(302);
    return callback.headers.get('location') ?? '';
  };

  it.each([
    '/..//evil.test',
    '/%2e%2e//evil.test',
    '/s/abc/../..//evil.test',
    '/./\\/evil.test',
    '/%2F%2Fevil.test',
    '/\uff0fevil.test',
    'https:evil.test',
  ])('X5: returnTo=%j comes back as the same-origin path /', async (returnTo) => {
    const location = await callbackLocation(returnTo);
    expect(location).toBe('/');
    expect(new URL(location, t.baseUrl).origin).toBe(t.baseUrl);
  });

  it('O7: a path that normalises to a page of the app comes back as that page', async () => {
    const location = await callbackLocation('/s/other/../abc');
    expect(location).toBe('/s/abc');
    expect(new URL(location, t.baseUrl).origin).toBe(t.baseUrl);
  });
});
