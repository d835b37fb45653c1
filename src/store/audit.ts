/**
 * The audit trail (X6): metadata events only. Ids are stored hashed (X3), so the log links the events
 * of one secret without holding anything that opens it.
 */
import type { Kysely } from 'kysely';
import type { Store } from './connection.ts';
import { sha256Hex } from './ids.ts';
import { preparedQuery } from './prepared.ts';
import type { Database } from './schema.ts';

export type AuditAction =
  | 'secret.created'
  | 'secret.opened'
  | 'secret.refused'
  | 'secret.expired'
  | 'secret.revoked'
  | 'share.refused';

export interface AuditEvent {
  readonly action: AuditAction;
  readonly actorId: string | null;
  /** Raw id of the secret or invitation; hashed before it is written. */
  readonly targetId?: string | undefined;
  readonly classification?: number | undefined;
  readonly outcome: 'ok' | 'refused';
  /** A reason code (never free text with values in it). */
  readonly reason?: string | undefined;
  readonly at: number;
}

/** The hashed id as the audit log stores it. Domain-separated so it matches no other hash of the id. */
export function auditTargetHash(id: string): string {
  return sha256Hex(`safe-share audit v1:${id}`);
}

/** One event as the row `audit_events` stores. */
export function auditRow(event: AuditEvent) {
  return {
    at: event.at,
    actor_id: event.actorId,
    action: event.action,
    target_hash: event.targetId ? auditTargetHash(event.targetId) : null,
    classification: event.classification ?? null,
    outcome: event.outcome,
    reason: event.reason ?? null,
  };
}

export type AuditValues = ReturnType<typeof auditRow>;

/** The INSERT of one audit row, column by column, so it can be prepared (prepared.ts). */
export function auditInsert(db: Kysely<Database>, row: AuditValues) {
  return db.insertInto('audit_events').values({
    at: row.at,
    actor_id: row.actor_id,
    action: row.action,
    target_hash: row.target_hash,
    classification: row.classification,
    outcome: row.outcome,
    reason: row.reason,
  });
}

/** One audit row, compiled once: every create and every open writes one. */
export const insertAuditRow = preparedQuery(auditInsert);

export async function recordAudit(db: Kysely<Database>, ...events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insertInto('audit_events').values(events.map(auditRow)).execute();
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
export async function listAudit(store: Store, limit = 100): Promise<AuditRow[]> {
  const rows = await store.db
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
