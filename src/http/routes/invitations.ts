/**
 * The invitations API (S4, S5, S6, X2). Each route parses with the protocol's schema, calls one use case
 * of `usecases/invitations.ts` (which decides, stores, audits and counts) and maps the result to a reply.
 * Staff create, list and revoke; guests peek and submit without an account; the inviter's browser asks
 * for what it needs to open a submission, which it then opens like any secret.
 */
import type { FastifyInstance } from 'fastify';
import { requireAccount } from '../../auth/require-account.ts';
import { AppError, type ErrorCode } from '../../protocol/errors.ts';
import {
  createInvitationRequest,
  invitationIdSchema,
  peekInvitationRequest,
  submitInvitationRequest,
} from '../../protocol/invitations.ts';
import {
  createInvitation,
  describeSubmission,
  type InvitationDeps,
  listInvitations,
  peekInvitation,
  revokeInvitation,
  submitToInvitation,
} from '../../usecases/invitations.ts';
import type { AppDeps } from '../context.ts';
import { rateLimited } from '../rate-limits/index.ts';

/** S5, O5: an id that cannot exist is answered like one that no longer does. */
function parseId(params: unknown, gone: ErrorCode): string {
  const parsed = invitationIdSchema.safeParse((params as { id?: unknown }).id);
  if (!parsed.success) throw new AppError(gone);
  return parsed.data;
}

/** The use cases' world: the app's store and clock, the run-time settings, and this app's counter. */
function invitationDeps(app: FastifyInstance, { store, clock }: AppDeps): InvitationDeps {
  return {
    store,
    clock,
    settings: app.settings,
    // Counted beside the secret events, as `invitation_create`, `invitation_use`, `invitation_revoke`.
    metrics: {
      count: (action, outcome) => app.metrics.secretEvents.inc({ action: `invitation_${action}`, outcome }),
    },
  };
}

export async function registerInvitationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const invitations = invitationDeps(app, deps);

  app.post('/api/invitations', async (request, reply) => {
    const creator = requireAccount(request);
    const created = await createInvitation(invitations, creator, createInvitationRequest.parse(request.body));
    return reply.code(201).send(created);
  });

  app.get('/api/invitations', async (request, reply) => {
    const account = requireAccount(request);
    return reply.header('cache-control', 'no-store').send(await listInvitations(invitations, account));
  });

  app.post('/api/invitations/:id/revoke', async (request) => {
    const account = requireAccount(request);
    return revokeInvitation(invitations, account, parseId(request.params, 'invitation.gone'));
  });

  // S6: guests need no account. A signed-in visitor is recorded as the actor of a refusal.
  app.post('/api/invitations/:id/peek', rateLimited('invitation'), async (request, reply) => {
    const id = parseId(request.params, 'invitation.gone');
    const { secret } = peekInvitationRequest.parse(request.body);
    const peeked = await peekInvitation(invitations, request.account?.id ?? null, id, secret);
    return reply.header('cache-control', 'no-store').send(peeked);
  });

  app.post('/api/invitations/:id/submit', rateLimited('invitation'), async (request, reply) => {
    const id = parseId(request.params, 'invitation.gone');
    const body = submitInvitationRequest.parse(request.body);
    const submitted = await submitToInvitation(invitations, request.account?.id ?? null, id, body);
    return reply.code(201).send(submitted);
  });

  // What the inviter's browser needs before the proof: refused like an open, so it counts like one (X4).
  app.get('/api/submissions/:id', rateLimited('open'), async (request, reply) => {
    const account = requireAccount(request);
    const described = await describeSubmission(invitations, account, parseId(request.params, 'secret.gone'));
    return reply.header('cache-control', 'no-store').send(described);
  });
}
