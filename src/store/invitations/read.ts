/**
 * Reading invitations: one invitation with its creator (for the guest page and the use and revoke
 * decisions), the creator's list (O6), and what the inviter's browser needs before it can prove
 * possession of a submission. Nothing here reads a submission's content.
 */
import { invitationStatus } from '../../domain/invitations.ts';
import type { InvitationStatus, InvitationSummary } from '../../protocol/invitations.ts';
import type { Level, PersonView } from '../../protocol/secrets.ts';
import { databaseOf, type QueryTarget } from '../query-target.ts';

/** An invitation as the decisions and the guest page see it. */
export interface StoredInvitation {
  readonly id: string;
  readonly inviterId: string;
  readonly inviter: PersonView;
  readonly label: string;
  readonly publicKey: Uint8Array;
  /** SHA-256 of the invitation secret (X2). */
  readonly secretHash: Uint8Array;
  readonly classification: Level;
  /** As stored; `invitationStatus` tells whether it has expired since. */
  readonly status: InvitationStatus;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export async function findInvitation(target: QueryTarget, id: string): Promise<StoredInvitation | undefined> {
  const row = await databaseOf(target)
    .selectFrom('invitations as i')
    .innerJoin('accounts as inviter', 'inviter.id', 'i.inviter_id')
    .select([
      'i.id',
      'i.inviter_id',
      'i.label',
      'i.public_key',
      'i.secret_hash',
      'i.classification',
      'i.status',
      'i.created_at',
      'i.expires_at',
      'inviter.name as inviter_name',
      'inviter.email as inviter_email',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    inviterId: row.inviter_id,
    inviter: { name: row.inviter_name, email: row.inviter_email },
    label: row.label,
    publicKey: row.public_key,
    secretHash: row.secret_hash,
    classification: row.classification as Level,
    status: row.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/** Most recent first; a page is enough for a personal list. */
const LIST_LIMIT = 200;

/** O6: the invitations `inviterId` created, with status; never a secret or a submission. */
export async function listInvitationsOf(
  target: QueryTarget,
  inviterId: string,
  now: number,
): Promise<InvitationSummary[]> {
  const rows = await databaseOf(target)
    .selectFrom('invitations')
    .select([
      'id',
      'label',
      'status',
      'classification',
      'browser',
      'created_at',
      'expires_at',
      'used_at',
      'revoked_at',
    ])
    .where('inviter_id', '=', inviterId)
    .orderBy('created_at', 'desc')
    .limit(LIST_LIMIT)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    status: invitationStatus(row.status, row.expires_at, now),
    classification: row.classification as Level,
    browser: row.browser,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    revokedAt: row.revoked_at,
  }));
}

/** A submission with the invitation it came through, as the submission-key decision sees it. */
export interface StoredSubmission {
  readonly id: string;
  readonly recipientId: string | null;
  /** Whether the content is still stored (not opened, revoked or swept). */
  readonly waiting: boolean;
  readonly expiresAt: number;
  readonly classification: Level;
  readonly invitation: { id: string; label: string; createdAt: number; browser: string };
  /** HPKE's encapsulated key, from which the recipient's browser derives the proof. */
  readonly enc: Uint8Array;
}

/** The submission `secretId` with its invitation, or undefined when there is no such submission. */
export async function findSubmission(
  target: QueryTarget,
  secretId: string,
): Promise<StoredSubmission | undefined> {
  const row = await databaseOf(target)
    .selectFrom('secrets as s')
    .innerJoin('invitations as i', 'i.id', 's.invitation_id')
    .leftJoin('secret_contents as c', 'c.secret_id', 's.id')
    .select([
      's.id',
      's.recipient_id',
      's.status',
      's.expires_at',
      's.classification',
      'i.id as invitation_id',
      'i.label',
      'i.created_at as invitation_created_at',
      'i.browser',
      'i.enc',
      'c.secret_id as content_id',
    ])
    .where('s.id', '=', secretId)
    .where('s.kind', '=', 'submission')
    .executeTakeFirst();
  if (!row || row.enc === null) return undefined;
  return {
    id: row.id,
    recipientId: row.recipient_id,
    waiting: row.status === 'waiting' && row.content_id !== null,
    expiresAt: row.expires_at,
    classification: row.classification as Level,
    invitation: {
      id: row.invitation_id,
      label: row.label,
      createdAt: row.invitation_created_at,
      browser: row.browser,
    },
    enc: row.enc,
  };
}
