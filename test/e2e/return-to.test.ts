/**
 * X5 in Chromium: a sign-in link with a hostile `returnTo` never takes the browser off the app's origin,
 * when the provider sends the browser back to the callback by a plain GET (issue 14).
 *
 * The person has signed in once, so the demo provider holds a live session for them. The app asks the
 * demo for its account picker at every sign-in (`prompt=login`), so a real provider's single sign-on,
 * which answers at once, is reproduced by starting the sign-in at the app and sending the browser to
 * the provider's authorization URL without that one parameter: the provider then redirects straight to
 * the callback. The other test answers the picker as a person would. Either way the provider's redirect
 * to the callback is a GET.
 */
import type { Page, Request, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPerson, pickDemoAccount, signInFromLanding } from './support/browser.ts';
import { useServerAndBrowser } from './support/server.ts';

const HOSTILE_RETURN_TO = '/..//evil.test';

describe('X5 return after sign-in, in the browser', () => {
  const world = useServerAndBrowser();

  interface Person {
    readonly page: Page;
    /** Origins other than the app's that the browser asked for. */
    readonly elsewhere: string[];
    /** The next request for the callback, with its answer. */
    readonly callback: Promise<{ request: Request; response: Response | null }>;
  }

  /** A person signed in once, so the provider keeps their session; then watched through one more sign-in. */
  async function personWithProviderSession(): Promise<Person> {
    const context = await newPerson(world.browser, world.server.baseUrl);
    const page = await context.newPage();
    await signInFromLanding(page, 'carla');
    const elsewhere: string[] = [];
    context.on('request', (request) => {
      const origin = new URL(request.url()).origin;
      if (origin !== world.server.baseUrl) elsewhere.push(origin);
    });
    const callback = page
      .waitForRequest((request) => new URL(request.url()).pathname === '/auth/callback')
      .then(async (request) => ({ request, response: await request.response() }));
    return { page, elsewhere, callback };
  }

  /**
   * The provider came back by GET, the callback sent the browser to '/' on the app's origin, the browser
   * is there, and signed in. (Where a redirect to another host fails to resolve, Chromium reports the
   * failure on the callback request itself, so its Location is read rather than the next request.)
   */
  async function expectSignedInOnTheApp(person: Person): Promise<Request> {
    const { request, response } = await person.callback;
    expect(request.method()).toBe('GET');
    // A redirect to a host that does not resolve here fails the callback request itself.
    expect(
      request.failure()?.errorText,
      'the callback led the browser somewhere unreachable',
    ).toBeUndefined();
    expect(response?.status()).toBe(302);
    const destination = new URL(response?.headers().location ?? '', world.server.baseUrl);
    expect(destination.origin).toBe(world.server.baseUrl);
    expect(destination.pathname).toBe('/');
    await person.page.waitForURL(destination.href);
    expect(new URL(person.page.url()).origin).toBe(world.server.baseUrl);
    expect(person.elsewhere).toEqual([]);
    const status = await person.page.evaluate(async () => (await fetch('/api/me')).status);
    expect(status).toBe(200);
    return request;
  }

  it('X5: with a live provider session, the provider GETs the callback at once and the browser stays on the app', async () => {
    const person = await personWithProviderSession();
    // The app starts the sign-in (its flow cookie lands in this browser profile) ...
    const started = await person.page.request.get(
      `/auth/login?returnTo=${encodeURIComponent(HOSTILE_RETURN_TO)}`,
      { maxRedirects: 0 },
    );
    expect(started.status()).toBe(302);
    // ... and the provider is asked as a single sign-on provider is: without the demo's prompt=login.
    const authorization = new URL(started.headers().location ?? '');
    expect(authorization.pathname).toBe('/demo-idp/auth');
    authorization.searchParams.delete('prompt');
    // A redirect to another host fails to resolve here (goto throws); the assertions say where it went.
    await person.page.goto(authorization.href).catch(() => undefined);
    const callback = await expectSignedInOnTheApp(person);
    // No picker in between: the provider's authorization endpoint itself redirected to the callback.
    expect(new URL(callback.redirectedFrom()?.url() ?? 'about:blank').pathname).toBe('/demo-idp/auth');
  });

  it('X5: after the account picker, the provider GETs the callback and the browser stays on the app', async () => {
    const person = await personWithProviderSession();
    await person.page.goto(`/auth/login?returnTo=${encodeURIComponent(HOSTILE_RETURN_TO)}`);
    await pickDemoAccount(person.page, 'carla');
    await expectSignedInOnTheApp(person);
  });
});
