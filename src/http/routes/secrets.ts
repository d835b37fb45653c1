/**
 * The secrets API (protocol v1). Each route parses with the protocol's schema, calls one use case of
 * `usecases/secrets.ts` (which decides, stores, audits and counts) and maps the result to a reply.
 */
import type { FastifyInstance } from 'fastify';
import { requireAccount } from '../../auth/require-account.ts';
import { AppError } from '../../protocol/errors.ts';
import { createSecretRequest, openSecretRequest, secretIdSchema } from '../../protocol/secrets.ts';
import { listSecrets } from '../../usecases/secret-lists.ts';
import {
  createSecret,
  openSecret,
  peekSecret,
  revokeSecret,
  type SecretDeps,
} from '../../usecases/secrets.ts';
import type { AppDeps } from '../context.ts';
import { rateLimited } from '../rate-limits/index.ts';

/** O5: an id that cannot exist is answered like one that no longer does. */
function parseSecretId(params: unknown): string {
  const parsed = secretIdSchema.safeParse((params as { id?: unknown }).id);
  if (!parsed.success) throw new AppError('secret.gone');
  return parsed.data;
}

/** The use cases' world: the app's store and clock, the sharing policy, and this app's counter. */
function secretDeps(app: FastifyInstance, { store, clock, config }: AppDeps): SecretDeps {
  return {
    store,
    clock,
    settings: app.settings,
    policy: {
      staffEmailDomains: config.staffEmailDomains,
      offeredTeamIds: config.teams.map((team) => team.id),
    },
    metrics: { count: (action, outcome) => app.metrics.secretEvents.inc({ action, outcome }) },
  };
}

/**
 * Open and peek: under the open budget (X4), and the secret of `:id` read with the session in one
 * statement (auth/session-hook.ts), which the use case takes instead of reading it again.
 */
const openRoute = { config: { ...rateLimited('open').config, readsSecretWithSession: true } };

export async function registerSecretRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const secrets = secretDeps(app, deps);

  app.post('/api/secrets', rateLimited('create'), async (request, reply) => {
    const sender = requireAccount(request);
    const created = await createSecret(secrets, sender, createSecretRequest.parse(request.body));
    return reply.code(201).send(created);
  });

  // O4: what the open page shows before the recipient's explicit action; hands out and burns nothing.
  app.post('/api/secrets/:id/peek', openRoute, async (request, reply) => {
    const account = requireAccount(request);
    const id = parseSecretId(request.params);
    const body = openSecretRequest.parse(request.body);
    const peeked = await peekSecret(secrets, account, id, body, request.secretReadAhead);
    return reply.header('cache-control', 'no-store').send(peeked);
  });

  app.post('/api/secrets/:id/open', openRoute, async (request, reply) => {
    const account = requireAccount(request);
    const id = parseSecretId(request.params);
    const body = openSecretRequest.parse(request.body);
    const opened = await openSecret(secrets, account, id, body, request.secretReadAhead);
    return reply.header('cache-control', 'no-store').send(opened);
  });

  app.get('/api/secrets', async (request, reply) => {
    const account = requireAccount(request);
    return reply.header('cache-control', 'no-store').send(await listSecrets(secrets, account));
  });

  app.post('/api/secrets/:id/revoke', rateLimited('revoke'), async (request) => {
    const account = requireAccount(request);
    return revokeSecret(secrets, account, parseSecretId(request.params));
  });
}
