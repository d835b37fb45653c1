/**
 * A guest uses an invitation (S4, S5, O2): the invitation flips from waiting to used and the guest's
 * sealed text is stored as a secret for the inviting staff member, atomically. The flip is one UPDATE
 * keyed by id, secret hash, waiting and not expired: whoever flips the row stores the one submission;
 * every other attempt (a second submission, a race, a revoke that came first) changes nothing.
 *
 * PostgreSQL runs flip, submission, content and both audit rows as one statement (a data-modifying
 * WITH): the inserts read the UPDATE's RETURNING, so they happen exactly when the flip did. A concurrent
 * submission blocks on the row lock, re-reads the row as used, and flips nothing. SQLite runs the same
 * steps in one transaction, the flip first. Both versions are below, side by side.
 */
import { type Kysely, sql } from 'kysely';
import { INVITATION_PROTOCOL_VERSION } from '../../protocol/invitation-crypto.ts';
import {
  type AuditEvent,
  type AuditValues,
  auditInsertFromQuery,
  auditTargetHash,
  recordAudit,
} from '../audit.ts';
import type { Store } from '../connection.ts';
import { preparedQuery } from '../prepared.ts';
import { databaseOf, inTransaction } from '../query-target.ts';
import type { Database } from '../schema.ts';

export interface SubmissionRequest {
  readonly invitationId: string;
  /** SHA-256 of the presented invitation secret; must equal the stored hash (X2). */
  readonly secretHash: Uint8Array;
  /** The new secret's id (X3: 128 random bits). */
  readonly secretId: string;
  /** HPKE's encapsulated key, kept on the invitation for the recipient's proof (decision 0013). */
  readonly enc: Uint8Array;
  /** HPKE ciphertext of the guest's text. */
  readonly ciphertext: Uint8Array;
  /** SHA-256 of the proof key exported from the HPKE context. */
  readonly verifier: Uint8Array;
  /** The invitation's classification as the decision read it; for the audit rows. */
  readonly classification: number;
  /** The inviter, the owner of both audit rows (C5: they see every event of their invitation). */
  readonly inviterId: string;
  readonly now: number;
  /** O3: the submission expires like any secret. */
  readonly secretExpiresAt: number;
}

/** The flip at the heart of S5: waiting -> used, keyed by id, secret hash and not-expired. */
function flipQuery(db: Kysely<Database>, use: SubmissionRequest) {
  return db
    .updateTable('invitations')
    .set({ status: 'used', used_at: use.now, secret_id: use.secretId, enc: use.enc })
    .where('id', '=', use.invitationId)
    .where('secret_hash', '=', use.secretHash)
    .where('status', '=', 'waiting')
    .where('expires_at', '>', use.now)
    .returning(['id', 'inviter_id', 'classification']);
}

/** The audit events of a use, as flat parameters (a prepared statement binds plain values only). */
interface UseAudit {
  readonly at: number;
  readonly actor_id: null;
  readonly outcome: 'ok';
  readonly reason: null;
  readonly used_action: 'invitation.used';
  readonly used_target_hash: string;
  readonly created_action: 'secret.created';
  readonly created_target_hash: string;
}

const auditOf = (row: UseAudit & SubmissionRequest, action: 'used' | 'created'): AuditValues => ({
  at: row.at,
  actor_id: row.actor_id,
  action: action === 'used' ? row.used_action : row.created_action,
  target_hash: action === 'used' ? row.used_target_hash : row.created_target_hash,
  classification: row.classification,
  outcome: row.outcome,
  reason: row.reason,
  owner_id: row.inviterId,
  subject_id: null,
  detail: null,
});

/**
 * PostgreSQL: one statement. The submission's sender and recipient are both the inviter (a guest has no
 * account; decision 0013); its classification is the invitation's; its protocol version names the
 * invitation protocol it was sealed with.
 */
const preparedRedeemOnPostgres = preparedQuery(
  (db, use: UseAudit & SubmissionRequest) => sql<{ id: string }>`WITH
    used AS (${flipQuery(db, use)}),
    metadata AS (
      INSERT INTO secrets (id, sender_id, kind, invitation_id, classification, status, created_at, expires_at,
        recipient_id, protocol_version)
      SELECT ${use.secretId}::text, inviter_id, 'submission', id, classification, 'waiting',
        ${use.now}::bigint, ${use.secretExpiresAt}::bigint, inviter_id, ${INVITATION_PROTOCOL_VERSION}::integer
      FROM used RETURNING id),
    content AS (
      INSERT INTO secret_contents (secret_id, ciphertext, iv, verifier, expires_at)
      SELECT id, ${use.ciphertext}::bytea, ''::bytea, ${use.verifier}::bytea, ${use.secretExpiresAt}::bigint
      FROM metadata),
    audited_use AS (${auditInsertFromQuery(auditOf(use, 'used'), 'used')}),
    audited_secret AS (${auditInsertFromQuery(auditOf(use, 'created'), 'used')})
    SELECT id FROM used`,
);

/** SQLite: the flip, then the submission, its content and the audit rows, in one transaction. */
async function redeemOnSqlite(store: Store, use: SubmissionRequest, events: AuditEvent[]): Promise<boolean> {
  return inTransaction(store, async (transaction) => {
    const db = databaseOf(transaction);
    const used = await flipQuery(db, use).executeTakeFirst();
    if (!used) return false;
    await db
      .insertInto('secrets')
      .values({
        id: use.secretId,
        sender_id: used.inviter_id,
        kind: 'submission',
        recipient_email: null,
        team_id: null,
        invitation_id: used.id,
        classification: used.classification,
        status: 'waiting',
        created_at: use.now,
        expires_at: use.secretExpiresAt,
        opened_at: null,
        opened_by: null,
        revoked_at: null,
        recipient_id: used.inviter_id,
        protocol_version: INVITATION_PROTOCOL_VERSION,
      })
      .execute();
    await db
      .insertInto('secret_contents')
      .values({
        secret_id: use.secretId,
        ciphertext: use.ciphertext,
        // HPKE derives its nonces itself; the column is AES-GCM's for other secrets.
        iv: new Uint8Array(0),
        verifier: use.verifier,
        expires_at: use.secretExpiresAt,
      })
      .execute();
    await recordAudit(transaction, ...events);
    return true;
  });
}

/**
 * S5: uses the invitation and stores the submission, atomically; false when nothing was flipped (wrong
 * secret, already used, revoked, expired, or another submission came first).
 */
export async function redeemInvitation(store: Store, use: SubmissionRequest): Promise<boolean> {
  const event = {
    actorId: null,
    classification: use.classification,
    outcome: 'ok',
    ownerId: use.inviterId,
    at: use.now,
  } as const;
  if (store.dialect === 'postgres') {
    const rows = await preparedRedeemOnPostgres(store, {
      ...use,
      at: use.now,
      actor_id: null,
      outcome: 'ok',
      reason: null,
      used_action: 'invitation.used',
      used_target_hash: auditTargetHash(use.invitationId),
      created_action: 'secret.created',
      created_target_hash: auditTargetHash(use.secretId),
    });
    return rows.length > 0;
  }
  return redeemOnSqlite(store, use, [
    { ...event, action: 'invitation.used', targetId: use.invitationId },
    { ...event, action: 'secret.created', targetId: use.secretId },
  ]);
}
