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
import {
  type AuditEvent,
  type AuditValues,
  auditInsert,
  auditRow,
  insertAuditRow,
  recordAudit,
} from './audit.ts';
import type { Store } from './connection.ts';
import { preparedQuery } from './prepared.ts';
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

/** The INSERTs of a new secret's metadata and content, column by column (prepared.ts). */
function metadataInsert(db: Kysely<Database>, p: NewSecret) {
  return db.insertInto('secrets').values({
    id: p.id,
    sender_id: p.senderId,
    kind: p.kind,
    recipient_email: p.recipientEmail,
    team_id: p.teamId,
    invitation_id: null,
    classification: p.classification,
    status: 'waiting',
    created_at: p.createdAt,
    expires_at: p.expiresAt,
    opened_at: null,
    opened_by: null,
    revoked_at: null,
  });
}

function contentInsert(db: Kysely<Database>, p: NewSecret) {
  return db.insertInto('secret_contents').values({
    secret_id: p.id,
    ciphertext: p.ciphertext,
    iv: p.iv,
    verifier: p.verifier,
    expires_at: p.expiresAt,
  });
}

const insertMetadata = preparedQuery(metadataInsert);
const insertContent = preparedQuery(contentInsert);

/**
 * PostgreSQL: metadata, content and audit row as one statement (data-modifying WITH), so one round trip
 * instead of five (BEGIN, three INSERTs, COMMIT). The secret's and the audit row's values arrive as one
 * flat object; their only shared name, `classification`, holds the same value in both.
 */
const insertAllInOneStatement = preparedQuery(
  (db, p: NewSecret & AuditValues) => sql`WITH
    metadata AS (${metadataInsert(db, p)}),
    content AS (${contentInsert(db, p)})
    ${auditInsert(db, p)}`,
);

function createdEvent(secret: NewSecret): AuditValues {
  return auditRow({
    action: 'secret.created',
    actorId: secret.senderId,
    targetId: secret.id,
    classification: secret.classification,
    outcome: 'ok',
    at: secret.createdAt,
  });
}

/**
 * Stores metadata and content in one transaction, with its audit event: one statement on PostgreSQL;
 * SQLite runs in this process, where round trips cost nothing and the commit is what counts.
 */
export async function insertSecret(store: Store, secret: NewSecret): Promise<void> {
  const audit = createdEvent(secret);
  if (store.dialect === 'postgres') {
    await insertAllInOneStatement(store, { ...audit, ...secret });
    return;
  }
  await store.db.transaction().execute(async (trx) => {
    const target = { db: trx, dialect: store.dialect };
    await insertMetadata(target, secret);
    await insertContent(target, secret);
    await insertAuditRow(target, audit);
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

const secretToOpen = preparedQuery((db, p: { id: string }) =>
  secretsWithNames(db)
    .leftJoin('secret_contents as c', 'c.secret_id', 's.id')
    .select('c.verifier')
    .where('s.id', '=', p.id),
);

/** Metadata and the stored proof hash of one secret, or undefined. Reads no content. */
export async function findSecretToOpen(store: Store, id: string): Promise<SecretToOpen | undefined> {
  const [row] = await secretToOpen(store, { id });
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

type Burn = BurnRequest & AuditValues;

const claim = preparedQuery(claimContent);

function markOpened(db: Kysely<Database>, p: Burn) {
  return db
    .updateTable('secrets')
    .set({ status: 'opened', opened_at: p.now, opened_by: p.openerId })
    .where('id', '=', p.id);
}
const markSecretOpened = preparedQuery(markOpened);

/**
 * PostgreSQL: the claim, the metadata update and the audit row as one statement, hence one transaction
 * and one round trip. The UPDATE and the INSERT read the claim's RETURNING, so they happen exactly when
 * the DELETE deleted the row; a concurrent open blocks on the row lock and then deletes nothing.
 */
const burnInOneStatement = preparedQuery(
  (db, p: Burn) => sql<{ ciphertext: Uint8Array; iv: Uint8Array }>`
    WITH claimed AS (${claimContent(db, p).returning('secret_id')}),
    opened AS (
      UPDATE secrets SET status = ${'opened'}, opened_at = ${p.now}, opened_by = ${p.openerId}
      WHERE id IN (SELECT secret_id FROM claimed)
    ),
    audited AS (
      INSERT INTO audit_events (at, actor_id, action, target_hash, classification, outcome, reason)
      SELECT ${p.at}::bigint, ${p.actor_id}::text, ${p.action}::text, ${p.target_hash}::text,
        ${p.classification}::integer, ${p.outcome}::text, ${p.reason}::text
      FROM claimed
    )
    SELECT ciphertext, iv FROM claimed`,
);

/**
 * O2: hands out the content and deletes it in one step. The DELETE matches id, proof hash and
 * not-expired together, so a wrong proof, a second open or an expired secret all delete nothing and
 * get null; of two concurrent opens exactly one deletes the row.
 */
export async function burnSecret(
  store: Store,
  request: BurnRequest,
): Promise<{ ciphertext: Uint8Array; iv: Uint8Array } | null> {
  const audit = auditRow({
    action: 'secret.opened',
    actorId: request.openerId,
    targetId: request.id,
    classification: request.classification,
    outcome: 'ok',
    at: request.now,
  });
  const burn: Burn = { ...audit, ...request };
  if (store.dialect === 'postgres') {
    const [content] = await burnInOneStatement(store, burn);
    return content ?? null;
  }
  return store.db.transaction().execute(async (trx) => {
    const target = { db: trx, dialect: store.dialect };
    const [content] = await claim(target, burn);
    if (!content) return null;
    await markSecretOpened(target, burn);
    await insertAuditRow(target, audit);
    return content;
  });
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
