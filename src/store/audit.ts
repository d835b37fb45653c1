/**
 * The audit trail (X6): metadata events only. Ids are stored hashed (X3), so the log links the events
 * of one secret without holding anything that opens it.
 *
 * The columns of a row are listed once, in {@link AUDIT_COLUMNS}; the plain INSERT and the
 * INSERT ... SELECT that PostgreSQL's one-statement create and burn use are both built from it.
 */
import { type Kysely, sql } from 'kysely';
import { sha256Hex } from './ids.ts';
import { preparedQuery } from './prepared.ts';
import { databaseOf, type QueryTarget } from './query-target.ts';
import type { Database } from './schema.ts';

export type AuditAction =
  | 'secret.created'
  | 'secret.opened'
  | 'secret.refused'
  | 'secret.expired'
  | 'secret.revoked'
  | 'share.refused'
  | 'invitation.created'
  | 'invitation.used'
  | 'invitation.revoked'
  | 'invitation.refused'
  | 'settings.changed'
  | 'member.clearance_changed'
  | 'member.disabled'
  | 'member.enabled'
  | 'member.team_added'
  | 'member.team_removed';

export interface AuditEvent {
  readonly action: AuditAction;
  readonly actorId: string | null;
  /** Raw id of the secret or invitation; hashed before it is written. */
  readonly targetId?: string | undefined;
  readonly classification?: number | undefined;
  readonly outcome: 'ok' | 'refused';
  /** A reason code (never free text with values in it). */
  readonly reason?: string | undefined;
  /**
   * The account that created the secret or invitation (its sender or inviter), so its creator sees every
   * event of it (C5, X6); undefined for events of no item or of an unknown one.
   */
  readonly ownerId?: string | null | undefined;
  /** Whom an admin's change was about (member management). */
  readonly subjectId?: string | undefined;
  /** What changed, before and after (settings, member management); never a secret, key or id. */
  readonly detail?: Readonly<Record<string, unknown>> | undefined;
  readonly at: number;
}

/** One event as the row `audit_events` stores it. */
export interface AuditValues {
  readonly at: number;
  readonly actor_id: string | null;
  readonly action: AuditAction;
  readonly target_hash: string | null;
  readonly classification: number | null;
  readonly outcome: 'ok' | 'refused';
  readonly reason: string | null;
  readonly owner_id: string | null;
  readonly subject_id: string | null;
  /** JSON of the event's `detail`. */
  readonly detail: string | null;
}

/**
 * Every column an event writes, with its PostgreSQL type: a value in a SELECT list has no column to
 * take its type from, so the INSERT ... SELECT casts it.
 */
const AUDIT_COLUMNS: Readonly<Record<keyof AuditValues, string>> = Object.freeze({
  at: 'bigint',
  actor_id: 'text',
  action: 'text',
  target_hash: 'text',
  classification: 'integer',
  outcome: 'text',
  reason: 'text',
  owner_id: 'text',
  subject_id: 'text',
  detail: 'text',
});
const AUDIT_COLUMN_NAMES = Object.keys(AUDIT_COLUMNS) as (keyof AuditValues)[];

/** The hashed id as the audit log stores it. Domain-separated so it matches no other hash of the id. */
export function auditTargetHash(id: string): string {
  return sha256Hex(`safe-share audit v1:${id}`);
}

export function auditRow(event: AuditEvent): AuditValues {
  return {
    at: event.at,
    actor_id: event.actorId,
    action: event.action,
    target_hash: event.targetId ? auditTargetHash(event.targetId) : null,
    classification: event.classification ?? null,
    outcome: event.outcome,
    reason: event.reason ?? null,
    owner_id: event.ownerId ?? null,
    subject_id: event.subjectId ?? null,
    detail: event.detail === undefined ? null : JSON.stringify(event.detail),
  };
}

/**
 * The INSERT of one audit row. Reads `row` column by column (a spread would not), so it can be prepared
 * with placeholders for the values (prepared.ts).
 */
export function auditInsertQuery(db: Kysely<Database>, row: AuditValues) {
  const values: Record<string, unknown> = {};
  for (const column of AUDIT_COLUMN_NAMES) values[column] = row[column];
  return db.insertInto('audit_events').values(values as unknown as AuditValues);
}

/**
 * PostgreSQL: `INSERT INTO audit_events ... SELECT <row> FROM <source>`, one row per row of `source` (a
 * WITH query of the same statement): the event is written exactly when that query returned something.
 */
export function auditInsertFromQuery(row: AuditValues, source: string) {
  const columns = sql.join(AUDIT_COLUMN_NAMES.map((column) => sql.ref(column)));
  const values = sql.join(
    AUDIT_COLUMN_NAMES.map((column) => sql`${row[column]}::${sql.raw(AUDIT_COLUMNS[column])}`),
  );
  return sql`INSERT INTO audit_events (${columns}) SELECT ${values} FROM ${sql.table(source)}`;
}

/** One audit row, compiled once: every create and every open writes one. */
export const preparedAuditInsert = preparedQuery(auditInsertQuery);

export async function recordAudit(target: QueryTarget, ...events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await databaseOf(target).insertInto('audit_events').values(events.map(auditRow)).execute();
}

/** What makes two refusals the same, as the unique index `audit_events_refusal` spells it. */
const REFUSAL_KEY = sql`action, (coalesce(actor_id, '')), (coalesce(target_hash, '')), (coalesce(reason, ''))`;

/**
 * Records a refused attempt (O5, X6), keeping the trail bounded: a refusal that repeats one already
 * recorded (same action, actor, target and reason) adds one to that row's `count` and moves its `at` to
 * now (`first_at` keeps the first), so an actor who keeps trying adds one row, not one per try. A
 * refusal of an id that never existed (reason `unknown`) keeps no target: its hash would name nothing,
 * and guesses at random ids then make one row per actor, not one per guess.
 */
export async function recordRefusal(target: QueryTarget, event: Omit<AuditEvent, 'outcome'>): Promise<void> {
  const row = auditRow({
    ...event,
    targetId: event.reason === 'unknown' ? undefined : event.targetId,
    outcome: 'refused',
  });
  // One statement against the unique index of refusals (migration 0005), so concurrent repeats on any
  // number of instances still make one row.
  await databaseOf(target)
    .insertInto('audit_events')
    .values(row)
    .onConflict((conflict) =>
      conflict
        .expression(REFUSAL_KEY)
        // A literal, not a parameter: the database must see that it is the unique index's own WHERE.
        .where('outcome', '=', sql.lit('refused'))
        .doUpdateSet((eb) => ({
          count: eb('audit_events.count', '+', 1),
          first_at: eb.fn.coalesce('audit_events.first_at', 'audit_events.at'),
          at: eb.ref('excluded.at'),
        })),
    )
    .execute();
}

/** How many audit rows the retention sweep deletes in one statement, so no sweep holds a long lock. */
const RETENTION_BATCH_ROWS = 5_000;

/**
 * Deletes the audit events whose (latest) time is before `cutoff` (AUDIT_RETENTION_DAYS), in batches;
 * the expiry sweeper calls it. Returns how many it deleted.
 */
export async function deleteAuditEventsBefore(target: QueryTarget, cutoff: number): Promise<number> {
  const db = databaseOf(target);
  let deleted = 0;
  for (;;) {
    const batch = db
      .selectFrom('audit_events')
      .select('id')
      .where('at', '<', cutoff)
      .orderBy('at')
      .limit(RETENTION_BATCH_ROWS);
    const result = await db.deleteFrom('audit_events').where('id', 'in', batch).executeTakeFirst();
    const count = Number(result.numDeletedRows);
    deleted += count;
    if (count < RETENTION_BATCH_ROWS) return deleted;
  }
}

export interface AuditRow {
  action: string;
  actorId: string | null;
  targetHash: string | null;
  classification: number | null;
  outcome: string;
  reason: string | null;
  at: number;
}

/** Newest first. */
export async function listAudit(target: QueryTarget, limit = 100): Promise<AuditRow[]> {
  const rows = await databaseOf(target)
    .selectFrom('audit_events')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    action: row.action,
    actorId: row.actor_id,
    targetHash: row.target_hash,
    classification: row.classification,
    outcome: row.outcome,
    reason: row.reason,
    at: row.at,
  }));
}
