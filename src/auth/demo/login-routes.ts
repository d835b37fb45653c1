/**
 * The demo provider's account picker at `/demo-login/:uid`, outside the provider's mount. The POST goes to
 * the same path, because the provider's `_interaction` cookie is scoped to it (and is SameSite=Lax, so a
 * cross-site form cannot complete someone else's sign-in). An unknown or expired interaction answers
 * 400 `auth.login_failed`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { AppError } from '../../protocol/errors.ts';
import { DEMO_ACCOUNTS, isDemoAccountKey } from './accounts.ts';
import { renderDemoLoginPage } from './login-page.ts';
import { DEMO_LOGIN_PATH } from './paths.ts';

const FORM_BODY_BYTES = 1024;

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/** The interaction this browser is in, if it is the one in the URL. */
async function currentInteraction(
  provider: Provider,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Interaction> {
  const { uid } = request.params as { uid: string };
  let interaction: Interaction | undefined;
  try {
    interaction = await provider.interactionDetails(request.raw, reply.raw);
  } catch {
    interaction = undefined; // no cookie, unknown or expired: one answer for all
  }
  if (!interaction || interaction.uid !== uid) throw new AppError('auth.login_failed', 'no such interaction');
  return interaction;
}

/** `provider` builds the provider at its first call (mount.ts), so it is awaited. */
export function registerDemoLoginRoutes(app: FastifyInstance, provider: () => Promise<Provider>): void {
  // Form posts are accepted here only, not by the JSON API.
  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_BODY_BYTES },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );

    scope.get(`${DEMO_LOGIN_PATH}/:uid`, async (request, reply) => {
      const interaction = await currentInteraction(await provider(), request, reply);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          // In the visitor's language (the app's selector sets the cookie) and the app's look.
          renderDemoLoginPage(`${DEMO_LOGIN_PATH}/${interaction.uid}`, {
            locale: request.locale,
            links: app.webAppLinks,
          }),
        );
    });

    scope.post(`${DEMO_LOGIN_PATH}/:uid`, async (request, reply) => {
      await currentInteraction(await provider(), request, reply);
      const key = (request.body as { account?: unknown } | undefined)?.account;
      if (!isDemoAccountKey(key)) throw new AppError('request.invalid', 'unknown demo account');
      const resumeUrl = await (await provider()).interactionResult(
        request.raw,
        reply.raw,
        { login: { accountId: DEMO_ACCOUNTS[key].subject } },
        { mergeWithLastSubmission: false },
      );
      return reply.redirect(resumeUrl, 303);
    });
  });
}
