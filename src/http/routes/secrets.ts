/**
 * The secrets API (protocol v1). Each route parses with the protocol's schema, asks `domain/` for the
 * decision, calls `store/`, and maps the result; none decides access itself.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireAccount } from '../../auth/require-account.ts';
import { decideOpen } from '../../domain/opening.ts';
import { decideShare, type SharePolicy } from '../../domain/sharing.ts';
import { PROTOCOL_VERSION } from '../../protocol/crypto.ts';
import { AppError } from '../../protocol/errors.ts';
import {
  type CreateSecretResponse,
  createSecretRequest,
  type OpenSecretResponse,
  openSecretRequest,
  type PeekSecretResponse,
  type RecipientView,
  type SecretListResponse,
  secretIdSchema,
} from '../../protocol/secrets.ts';
import { newId, sha256 } from '../../store/ids.ts';
import { findRecipientFacts } from '../../store/recipients.ts';
import {
  burnSecret,
  findSecretToOpen,
  insertSecret,
  listReceivedSecrets,
  listSentSecrets,
  recordRefusal,
  revokeSecret,
  type SecretToOpen,
} from '../../store/secrets.ts';
import type { AppDeps } from '../app.ts';

const bytes = (base64url: string) => Buffer.from(base64url, 'base64url');

function recipientView(secret: SecretToOpen): RecipientView {
  return secret.facts.kind === 'team'
    ? { kind: 'team', team: secret.facts.teamId ?? '', teamName: secret.teamName ?? '' }
    : { kind: 'customer', email: secret.facts.recipientEmail ?? '' };
}

/** O5: an id that cannot exist is answered like one that no longer does. */
function parseSecretId(params: unknown): string {
  const parsed = secretIdSchema.safeParse((params as { id?: unknown }).id);
  if (!parsed.success) throw new AppError('secret.gone');
  return parsed.data;
}

export async function registerSecretRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { store, clock, config } = deps;
  const policy: SharePolicy = {
    staffEmailDomains: config.staffEmailDomains,
    expiryDefaultSeconds: config.expiryDefaultSeconds,
    expiryMaxSeconds: config.expiryMaxSeconds,
  };
  const count = (action: string, outcome: 'ok' | 'refused') =>
    app.metrics.secretEvents.inc({ action, outcome });

  app.post('/api/secrets', async (request, reply) => {
    const sender = requireAccount(request);
    const body = createSecretRequest.parse(request.body);
    const now = clock();
    const facts = await findRecipientFacts(store, body.recipient);
    const decision = decideShare(
      {
        sender,
        recipient: body.recipient,
        classification: body.classification,
        expiresInSeconds: body.expiresInSeconds,
        now,
        ...facts,
      },
      policy,
    );
    if (!decision.allowed) {
      await recordRefusal(store, {
        action: 'share.refused',
        actorId: sender.id,
        reason: decision.code,
        at: now,
      });
      count('create', 'refused');
      throw new AppError(decision.code);
    }
    const id = newId();
    await insertSecret(store, {
      id,
      senderId: sender.id,
      kind: decision.kind,
      recipientEmail: body.recipient.kind === 'customer' ? body.recipient.email : null,
      teamId: body.recipient.kind === 'team' ? body.recipient.team : null,
      classification: decision.classification,
      createdAt: now,
      expiresAt: decision.expiresAt,
      ciphertext: bytes(body.ciphertext),
      iv: bytes(body.iv),
      verifier: bytes(body.verifier),
    });
    count('create', 'ok');
    const response: CreateSecretResponse = {
      id,
      expiresAt: decision.expiresAt,
      classification: decision.classification,
    };
    return reply.code(201).send(response);
  });

  /**
   * The checks open and peek share, in DESIGN's order: possession proof first (unknown, wrong proof,
   * burned, expired and revoked look the same, O5), then who may open (O1, C4). A refusal is recorded
   * and the secret stays intact for its recipient.
   */
  async function checkOpen(request: FastifyRequest) {
    const account = requireAccount(request);
    const id = parseSecretId(request.params);
    const { proof } = openSecretRequest.parse(request.body);
    const verifier = sha256(bytes(proof));
    const now = clock();
    const refuse = async (reason: string, classification?: number) => {
      await recordRefusal(store, {
        action: 'secret.refused',
        actorId: account.id,
        targetId: id,
        classification,
        reason,
        at: now,
      });
      count('open', 'refused');
    };
    const secret = await findSecretToOpen(store, id);
    const provesPossession =
      secret?.verifier != null &&
      secret.verifier.length === verifier.length &&
      timingSafeEqual(secret.verifier, verifier);
    if (!secret || !provesPossession || secret.status !== 'waiting' || secret.expiresAt <= now) {
      await refuse('gone');
      throw new AppError('secret.gone');
    }
    const decision = decideOpen(account, secret.facts);
    if (!decision.allowed) {
      await refuse(decision.reason, secret.facts.classification);
      throw new AppError('secret.not_for_you');
    }
    return { account, id, verifier, now, secret, refuse };
  }

  // O4: what the open page shows before the recipient's explicit action; hands out and burns nothing.
  app.post('/api/secrets/:id/peek', async (request, reply) => {
    const { id, secret } = await checkOpen(request);
    const response: PeekSecretResponse = {
      id,
      recipient: recipientView(secret),
      classification: secret.facts.classification,
      sender: secret.sender,
      createdAt: secret.createdAt,
      expiresAt: secret.expiresAt,
    };
    return reply.header('cache-control', 'no-store').send(response);
  });

  app.post('/api/secrets/:id/open', async (request, reply) => {
    const { account, id, verifier, now, secret, refuse } = await checkOpen(request);
    // The atomic claim (O2, O3): it may still lose to a concurrent open or to expiry.
    const content = await burnSecret(store, {
      id,
      verifier,
      openerId: account.id,
      classification: secret.facts.classification,
      now,
    });
    if (!content) {
      await refuse('gone', secret.facts.classification);
      throw new AppError('secret.gone');
    }
    count('open', 'ok');
    const response: OpenSecretResponse = {
      id,
      version: PROTOCOL_VERSION,
      ciphertext: Buffer.from(content.ciphertext).toString('base64url'),
      iv: Buffer.from(content.iv).toString('base64url'),
      recipient: recipientView(secret),
      classification: secret.facts.classification,
      sender: secret.sender,
      createdAt: secret.createdAt,
    };
    return reply.header('cache-control', 'no-store').send(response);
  });

  app.get('/api/secrets', async (request, reply) => {
    const account = requireAccount(request);
    const now = clock();
    const response: SecretListResponse = {
      sent: await listSentSecrets(store, account.id, now),
      received: await listReceivedSecrets(store, account, now),
    };
    return reply.header('cache-control', 'no-store').send(response);
  });

  app.post('/api/secrets/:id/revoke', async (request) => {
    const account = requireAccount(request);
    const id = parseSecretId(request.params);
    const now = clock();
    // O6: only the sender, only before it is opened; anyone else learns nothing about the id.
    if (!(await revokeSecret(store, id, account.id, now))) {
      await recordRefusal(store, {
        action: 'secret.refused',
        actorId: account.id,
        targetId: id,
        reason: 'not_revocable',
        at: now,
      });
      count('revoke', 'refused');
      throw new AppError('secret.gone');
    }
    count('revoke', 'ok');
    return { id, status: 'revoked' as const };
  });
}
