/**
 * Creating a secret: its metadata (`secrets`), its content (`secret_contents`), a team secret's eligible
 * recipients (C7, `secret_recipients`) and its `secret.created` audit row, all or nothing. PostgreSQL
 * runs them as one statement; SQLite, in this process, as INSERTs in one transaction. Both versions are
 * below, side by side.
 */
import { type Kysely, sql } from 'kysely';
import type { ProtocolVersion } from '../../protocol/crypto.ts';
import type { Level } from '../../protocol/secrets.ts';
import { type AuditValues, auditInsertQuery, auditRow, preparedAuditInsert } from '../audit.ts';
import type { Store } from '../connection.ts';
import { preparedQuery } from '../prepared.ts';
import { databaseOf, inTransaction, type QueryTarget } from '../query-target.ts';
import type { Database, SecretKind } from '../schema.ts';

export interface NewSecret {
  readonly id: string;
  /** The crypto protocol version the browser sealed it with. */
  readonly version: ProtocolVersion;
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
  /** C7, team secrets: the members who may open it, with their clearance now; none for others. */
  readonly recipients?: readonly { readonly accountId: string; readonly clearance: number }[] | undefined;
}

/** The INSERT of a new secret's metadata, column by column, so it can be prepared (prepared.ts). */
function metadataInsertQuery(db: Kysely<Database>, secret: NewSecret) {
  return db.insertInto('secrets').values({
    id: secret.id,
    sender_id: secret.senderId,
    kind: secret.kind,
    recipient_email: secret.recipientEmail,
    team_id: secret.teamId,
    invitation_id: null,
    classification: secret.classification,
    status: 'waiting',
    created_at: secret.createdAt,
    expires_at: secret.expiresAt,
    opened_at: null,
    opened_by: null,
    revoked_at: null,
    protocol_version: secret.version,
  });
}

function contentInsertQuery(db: Kysely<Database>, secret: NewSecret) {
  return db.insertInto('secret_contents').values({
    secret_id: secret.id,
    ciphertext: secret.ciphertext,
    iv: secret.iv,
    verifier: secret.verifier,
    expires_at: secret.expiresAt,
  });
}

/**
 * PostgreSQL: metadata, content and audit row as one statement (a data-modifying WITH), so one round
 * trip instead of five (BEGIN, three INSERTs, COMMIT). The secret's and the audit row's values arrive as
 * one flat object; their only shared name, `classification`, holds the same value in both.
 */
const preparedCreateOnPostgres = preparedQuery(
  (db, created: NewSecret & AuditValues) => sql`WITH
    metadata AS (${metadataInsertQuery(db, created)}),
    content AS (${contentInsertQuery(db, created)})
    ${auditInsertQuery(db, created)}`,
);

/** A team secret's recorded recipients (C7), as two arrays of one length: one statement for any number. */
interface RecipientColumns {
  readonly recipientIds: readonly string[];
  readonly recipientClearances: readonly number[];
}

/**
 * PostgreSQL, a team secret: the same statement with the recorded recipients as a fourth INSERT, their
 * rows unnested from two array parameters so that the statement's text (and its named statement) is
 * the same for any number of members. The foreign key to the new `secrets` row holds: PostgreSQL checks
 * it at the end of the statement, after every part of the WITH ran.
 */
const preparedTeamCreateOnPostgres = preparedQuery(
  (db, created: NewSecret & AuditValues & RecipientColumns) => sql`WITH
    metadata AS (${metadataInsertQuery(db, created)}),
    content AS (${contentInsertQuery(db, created)}),
    recipients AS (INSERT INTO secret_recipients (secret_id, account_id, clearance)
      SELECT ${created.id}::text, recipient.account_id, recipient.clearance
      FROM unnest(${created.recipientIds}::text[], ${created.recipientClearances}::integer[])
        AS recipient(account_id, clearance))
    ${auditInsertQuery(db, created)}`,
);

/** SQLite: the same three INSERTs in one transaction; round trips cost nothing in-process, the commit counts. */
const preparedMetadataInsert = preparedQuery(metadataInsertQuery);
const preparedContentInsert = preparedQuery(contentInsertQuery);

async function createOnSqlite(target: QueryTarget, secret: NewSecret, audit: AuditValues): Promise<void> {
  await preparedMetadataInsert(target, secret);
  await preparedContentInsert(target, secret);
  await preparedAuditInsert(target, audit);
}

async function create(target: QueryTarget, secret: NewSecret, audit: AuditValues): Promise<void> {
  if (target.dialect === 'postgres') await preparedCreateOnPostgres(target, { ...audit, ...secret });
  else await createOnSqlite(target, secret, audit);
}

/** Stores metadata and content with the `secret.created` audit event, atomically. */
export async function insertSecret(store: Store, secret: NewSecret): Promise<void> {
  const audit = auditRow({
    action: 'secret.created',
    actorId: secret.senderId,
    ownerId: secret.senderId,
    targetId: secret.id,
    classification: secret.classification,
    outcome: 'ok',
    at: secret.createdAt,
  });
  const recipients = secret.recipients ?? [];
  // On PostgreSQL every create is one statement, its own transaction; on SQLite a transaction holds them.
  if (store.dialect === 'postgres') {
    if (recipients.length === 0) return create(store, secret, audit);
    await preparedTeamCreateOnPostgres(store, {
      ...audit,
      ...secret,
      recipientIds: recipients.map((recipient) => recipient.accountId),
      recipientClearances: recipients.map((recipient) => recipient.clearance),
    });
    return;
  }
  await inTransaction(store, async (transaction) => {
    await create(transaction, secret, audit);
    if (recipients.length === 0) return;
    await databaseOf(transaction)
      .insertInto('secret_recipients')
      .values(
        recipients.map((recipient) => ({
          secret_id: secret.id,
          account_id: recipient.accountId,
          clearance: recipient.clearance,
        })),
      )
      .execute();
  });
}
