/**
 * Loads the signed-in account for every request: session cookie -> live session -> active account with
 * its team memberships as they are now. Sets `request.account` and, for the signed-in, the account's
 * language (L2). An unknown or expired session or a disabled account leaves the request anonymous.
 */
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../domain/clock.ts';
import { DEFAULT_LOCALE, matchLocale } from '../protocol/i18n/index.ts';
import type { Store } from '../store/connection.ts';
import { findSessionAccount } from '../store/sessions.ts';
import { type SignInCookies, tokenHash } from './session-cookie.ts';

export function registerSessionHook(
  app: FastifyInstance,
  deps: { store: Store; clock: Clock; cookies: SignInCookies },
): void {
  // onRequest, added after the cookie parser's and the visitor-locale hook, so it overrides the latter.
  app.addHook('onRequest', async (request) => {
    const token = deps.cookies.readSession(request);
    if (!token) return;
    const account = await findSessionAccount(deps.store, tokenHash(token), deps.clock());
    if (!account) return;
    request.account = account;
    request.locale = matchLocale(account.locale) ?? DEFAULT_LOCALE;
  });
}
