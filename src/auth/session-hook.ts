/**
 * Loads the signed-in account for every request: session cookie -> live session -> active account with
 * its team memberships as they are now. Sets `request.account` and, for the signed-in, the account's
 * language (L2). An unknown or expired session or a disabled account leaves the request anonymous.
 *
 * A route that opens or peeks the secret in its `:id` (config `readsSecretWithSession`) gets that secret
 * read in the same statement as the session (store/secrets/read-with-session.ts): on PostgreSQL one round
 * trip instead of two. The account comes out of it exactly as from the plain lookup, so the rate limits
 * per account (X4) and the language still follow at once; the use case decides everything.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../domain/clock.ts';
import { DEFAULT_LOCALE, matchLocale } from '../protocol/i18n/index.ts';
import { secretIdSchema } from '../protocol/secrets.ts';
import type { Store } from '../store/connection.ts';
import { findSessionAccountAndSecret } from '../store/secrets/index.ts';
import { findSessionAccount } from '../store/sessions.ts';
import type { SecretReadAhead } from '../usecases/secrets.ts';
import { type SignInCookies, tokenHash } from './session-cookie.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route opens or peeks the secret named by its `:id`; read it with the session. */
    readsSecretWithSession?: boolean;
  }
  interface FastifyRequest {
    /** The secret of the route's `:id` as read with the session, for routes that ask for it. */
    secretReadAhead?: SecretReadAhead;
  }
}

/** The route's secret id, if the route reads one with the session and the id can exist at all. */
function secretIdToRead(request: FastifyRequest): string | undefined {
  if (!request.routeOptions.config.readsSecretWithSession) return undefined;
  const parsed = secretIdSchema.safeParse((request.params as { id?: unknown } | undefined)?.id);
  return parsed.success ? parsed.data : undefined;
}

export function registerSessionHook(
  app: FastifyInstance,
  deps: { store: Store; clock: Clock; cookies: SignInCookies },
): void {
  // onRequest, added after the cookie parser's and the visitor-locale hook, so it overrides the latter.
  app.addHook('onRequest', async (request) => {
    const token = deps.cookies.readSession(request);
    if (!token) return;
    const session = { idHash: tokenHash(token), now: deps.clock() };
    const secretId = secretIdToRead(request);
    let account: FastifyRequest['account'] | undefined;
    if (secretId) {
      const found = await findSessionAccountAndSecret(deps.store, { ...session, secretId });
      account = found?.account;
      if (found) request.secretReadAhead = { secretId, accountId: found.account.id, ...found.read };
    } else {
      account = await findSessionAccount(deps.store, session.idHash, session.now);
    }
    if (!account) return;
    request.account = account;
    request.locale = matchLocale(account.locale) ?? DEFAULT_LOCALE;
  });
}
