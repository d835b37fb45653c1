/**
 * Secrets in the database: metadata in `secrets` (kept for status and history), content in
 * `secret_contents` (deleted when handed out, revoked or expired). The burn is one DELETE ... RETURNING
 * inside one transaction (O2): whoever deletes the row gets the content, everyone else gets nothing,
 * on SQLite and on PostgreSQL alike, across any number of app instances.
 */
import { type Kysely, sql } from 'kysely';
import { effectiveStatus } from '../domain/expiry.ts';
import type { SecretFacts } from '../domain/opening.ts';
import type { Level, SecretSummary } from '../protocol/secrets.ts';
import { type AuditEvent, auditRow, recordAudit } from './audit.ts';
import type { Store } from './connection.ts';
import type { Database, SecretKind, SecretState } from './schema.ts';

export interface NewSecret {
  readonly id: string;
  readonly senderId: string;
  readonly kind: SecretKind;
  readonly recipientEmail: string | null;
  readonly teamId: string | null;
  readonly classification: Level;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly ciphertext: Uint8Array;
  readonly iv: Uint8Array;
  /** SHA-256 of the possession proof (authKey). */
  readonly verifier: Uint8Array;
}

/** The rows one new secret writes: metadata, content and its audit event. */
function newSecretRows(secret: NewSecret) {
  return {
    metadata: {
      id: secret.id,
      sender_id: secret.senderId,
      kind: secret.kind,
      recipient_email: secret.recipientEmail,
      team_id: secret.teamId,
      invitation_id: null,
      classification: secret.classification,
      status: 'waiting' as const,
      created_at: secret.createdAt,
      expires_at: secret.expiresAt,
      opened_at: null,
      opened_by: null,
      revoked_at: null,
    },
    content: {
      secret_id: secret.id,
      ciphertext: secret.ciphertext,
      iv: secret.iv,
      verifier: secret.verifier,
      expires_at: secret.expiresAt,
    },
    audit: auditRow({
      action: 'secret.created',
      actorId: secret.senderId,
      targetId: secret.id,
      classification: secret.classification,
      outcome: 'ok',
      at: secret.createdAt,
    }),
  };
}

/**
 * Stores metadata and content in one transaction, with its audit event. On PostgreSQL that is one
 * statement (data-modifying WITH), so one round trip instead of five (BEGIN, three INSERTs, COMMIT);
 * SQLite runs in this process, where round trips cost nothing and the commit is what counts.
 */
export async function insertSecret(store: Store, secret: NewSecret): Promise<void> {
  const rows = newSecretRows(secret);
  const { db } = store;
  if (store.dialect === 'postgres') {
    await sql`WITH metadata AS (${db.insertInto('secrets').values(rows.metadata)}),
      content AS (${db.insertInto('secret_contents').values(rows.content)})
      ${db.insertInto('audit_events').values(rows.audit)}`.execute(db);
    return;
  }
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('secrets').values(rows.metadata).execute();
    await trx.insertInto('secret_contents').values(rows.content).execute();
    await trx.insertInto('audit_events').values(rows.audit).execute();
  });
}

export interface SecretToOpen {
  readonly id: string;
  readonly facts: SecretFacts;
  readonly status: SecretState;
  readonly expiresAt: number;
  readonly createdAt: number;
  /** Null once the content is gone. */
  readonly verifier: Uint8Array | null;
  readonly sender: { name: string; email: string };
  readonly teamName: string | null;
}

/** A secret's metadata with its sender and team names: the base of every read below. */
function secretsWithNames(db: Kysely<Database>) {
  return db
    .selectFrom('secrets as s')
    .innerJoin('accounts as sender', 'sender.id', 's.sender_id')
    .leftJoin('teams as t', 't.id', 's.team_id')
    .select([
      's.id',
      's.kind',
      's.recipient_email',
      's.team_id',
      's.classification',
      's.status',
      's.created_at',
      's.expires_at',
      'sender.name as sender_name',
      'sender.email as sender_email',
      't.name as team_name',
    ]);
}

/** Metadata and the stored proof hash of one secret, or undefined. Reads no content. */
export async function findSecretToOpen(store: Store, id: string): Promise<SecretToOpen | undefined> {
  const row = await secretsWithNames(store.db)
    .leftJoin('secret_contents as c', 'c.secret_id', 's.id')
    .select('c.verifier')
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    facts: {
      kind: row.kind,
      recipientEmail: row.recipient_email,
      teamId: row.team_id,
      classification: row.classification as Level,
    },
    status: row.status,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    verifier: row.verifier,
    sender: { name: row.sender_name, email: row.sender_email },
    teamName: row.team_name,
  };
}

export interface BurnRequest {
  readonly id: string;
  readonly verifier: Uint8Array;
  readonly openerId: string;
  readonly classification: number;
  readonly now: number;
}

/** The claim at the heart of O2: one DELETE that matches id, proof hash and not-expired, RETURNING the content. */
export function claimContent(db: Kysely<Database>, request: Pick<BurnRequest, 'id' | 'verifier' | 'now'>) {
  return db
    .deleteFrom('secret_contents')
    .where('secret_id', '=', request.id)
    .where('verifier', '=', request.verifier)
    .where('expires_at', '>', request.now)
    .returning(['ciphertext', 'iv']);
}

/**
 * O2: hands out the content and deletes it in one step. The DELETE matches id, proof hash and
 * not-expired together, so a wrong proof, a second open or an expired secret all delete nothing and
 * get null; of two concurrent opens exactly one deletes the row.
 */
export async function burnSecret(
  store: Store,
  request: BurnRequest,
): Promise<{ ciphertext: Uint8Array; iv: Uint8Array } | null> {
  const opened = { status: 'opened' as const, opened_at: request.now, opened_by: request.openerId };
  const audit = auditRow({
    action: 'secret.opened',
    actorId: request.openerId,
    targetId: request.id,
    classification: request.classification,
    outcome: 'ok',
    at: request.now,
  });
  if (store.dialect === 'postgres') return burnInOneStatement(store.db, request, opened, audit);
  return store.db.transaction().execute(async (trx) => {
    const content = await claimContent(trx, request).executeTakeFirst();
    if (!content) return null;
    await trx.updateTable('secrets').set(opened).where('id', '=', request.id).execute();
    await trx.insertInto('audit_events').values(audit).execute();
    return content;
  });
}

/**
 * PostgreSQL: the claim, the metadata update and the audit row as one statement, hence one transaction
 * and one round trip. The UPDATE and the INSERT read the claim's RETURNING, so they happen exactly when
 * the DELETE deleted the row; a concurrent open blocks on the row lock and then deletes nothing.
 */
async function burnInOneStatement(
  db: Kysely<Database>,
  request: BurnRequest,
  opened: { status: 'opened'; opened_at: number; opened_by: string },
  audit: ReturnType<typeof auditRow>,
): Promise<{ ciphertext: Uint8Array; iv: Uint8Array } | null> {
  const { rows } = await sql<{ ciphertext: Uint8Array; iv: Uint8Array }>`
    WITH claimed AS (${claimContent(db, request).returning('secret_id')}),
    opened AS (
      UPDATE secrets SET status = ${opened.status}, opened_at = ${opened.opened_at}, opened_by = ${opened.opened_by}
      WHERE id IN (SELECT secret_id FROM claimed)
    ),
    audited AS (
      INSERT INTO audit_events (at, actor_id, action, target_hash, classification, outcome, reason)
      SELECT ${audit.at}::bigint, ${audit.actor_id}::text, ${audit.action}::text, ${audit.target_hash}::text,
        ${audit.classification}::integer, ${audit.outcome}::text, ${audit.reason}::text
      FROM claimed
    )
    SELECT ciphertext, iv FROM claimed`.execute(db);
  return rows[0] ?? null;
}

/**
 * O6: the sender withdraws a secret before it is opened. Claims the content the same way a burn does,
 * so a revoke and an open racing each other cannot both succeed. Returns false when there was nothing
 * to revoke (not the sender's, already opened, expired or revoked).
 */
export async function revokeSecret(
  store: Store,
  id: string,
  senderId: string,
  now: number,
): Promise<boolean> {
  return store.db.transaction().execute(async (trx) => {
    const secret = await trx
      .selectFrom('secrets')
      .select(['classification'])
      .where('id', '=', id)
      .where('sender_id', '=', senderId)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    if (!secret) return false;
    const claimed = await trx
      .deleteFrom('secret_contents')
      .where('secret_id', '=', id)
      .where('expires_at', '>', now)
      .returning(['secret_id'])
      .executeTakeFirst();
    if (!claimed) return false;
    await trx
      .updateTable('secrets')
      .set({ status: 'revoked', revoked_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      action: 'secret.revoked',
      actorId: senderId,
      targetId: id,
      classification: secret.classification,
      outcome: 'ok',
      at: now,
    });
    return true;
  });
}

/** Records a refused attempt (O5, X6) outside any transaction. */
export async function recordRefusal(store: Store, event: Omit<AuditEvent, 'outcome'>): Promise<void> {
  await recordAudit(store.db, { ...event, outcome: 'refused' });
}

/**
 * O3: deletes expired content and marks its metadata expired. Safe to run on several instances at
 * once: each row is marked (and audited) by the one UPDATE that changes it.
 */
export async function sweepExpiredSecrets(store: Store, now: number): Promise<number> {
  return store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('secret_contents').where('expires_at', '<=', now).execute();
    const expired = await trx
      .updateTable('secrets')
      .set({ status: 'expired' })
      .where('status', '=', 'waiting')
      .where('expires_at', '<=', now)
      .returning(['id', 'classification', 'sender_id'])
      .execute();
    await recordAudit(
      trx,
      ...expired.map((row) => ({
        action: 'secret.expired' as const,
        actorId: null,
        targetId: row.id,
        classification: row.classification,
        outcome: 'ok' as const,
        at: now,
      })),
    );
    return expired.length;
  });
}

/** Most recent first; a page is enough for a personal list. */
const LIST_LIMIT = 200;

function summaries(db: Kysely<Database>) {
  return secretsWithNames(db)
    .leftJoin('accounts as opener', 'opener.id', 's.opened_by')
    .select(['s.opened_at', 's.revoked_at', 'opener.name as opener_name', 'opener.email as opener_email'])
    .orderBy('s.created_at', 'desc')
    .limit(LIST_LIMIT);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['execute']>>[number];

function toSummary(row: SummaryRow, now: number): SecretSummary {
  return {
    id: row.id,
    status: effectiveStatus(row.status, row.expires_at, now),
    recipient:
      row.kind === 'team'
        ? { kind: 'team', team: row.team_id ?? '', teamName: row.team_name ?? '' }
        : { kind: 'customer', email: row.recipient_email ?? '' },
    classification: row.classification as Level,
    sender: { name: row.sender_name, email: row.sender_email },
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    openedAt: row.opened_at,
    openedBy:
      row.opener_name !== null && row.opener_email !== null
        ? { name: row.opener_name, email: row.opener_email }
        : null,
    revokedAt: row.revoked_at,
  };
}

/** O6: what `senderId` sent, with status and, for team shares, which member opened it. */
export async function listSentSecrets(store: Store, senderId: string, now: number): Promise<SecretSummary[]> {
  const rows = await summaries(store.db).where('s.sender_id', '=', senderId).execute();
  return rows.map((row) => toSummary(row, now));
}

/** What was addressed to this account: direct shares by its e-mail, team shares to its teams. */
export async function listReceivedSecrets(
  store: Store,
  recipient: { email: string; role: 'staff' | 'customer'; teamIds: readonly string[] },
  now: number,
): Promise<SecretSummary[]> {
  let query = summaries(store.db);
  if (recipient.role === 'customer') {
    query = query.where('s.kind', '=', 'direct').where('s.recipient_email', '=', recipient.email);
  } else if (recipient.teamIds.length > 0) {
    query = query.where('s.kind', '=', 'team').where('s.team_id', 'in', [...recipient.teamIds]);
  } else {
    return [];
  }
  const rows = await query.execute();
  return rows.map((row) => toSummary(row, now));
}
