/**
 * Reading the audit trail (X6, C5, C8; issue 17): the entries a viewer's scope selects (`domain/audit.ts`),
 * filtered and a page at a time, newest first; and the refused attempts to open a sender's secrets, for
 * "My secrets". Writing stays in `audit.ts`.
 */
import type { AuditScope } from '../domain/audit.ts';
import type { AuditFilter } from '../protocol/audit.ts';
import type { Level } from '../protocol/values.ts';
import { databaseOf, type QueryTarget } from './query-target.ts';
import { nameOrEmailHolds } from './text-search.ts';

/** An entry with the names of its actor and subject, as the use case reads it. */
export interface StoredAuditEntry {
  readonly id: number;
  readonly at: number;
  readonly count: number;
  readonly firstAt: number | null;
  readonly action: string;
  readonly outcome: 'ok' | 'refused';
  readonly reason: string | null;
  readonly classification: Level | null;
  readonly actorId: string | null;
  readonly actor: { name: string; email: string } | null;
  readonly ownerId: string | null;
  readonly subject: { name: string; email: string } | null;
  readonly targetHash: string | null;
  readonly detail: string | null;
}

/** Where a page starts: the entry after this one, newest first. */
export interface AuditCursor {
  readonly at: number;
  readonly id: number;
}

/**
 * Up to `limit` entries of `scope` that match `filter`, newest first (by the time of the latest
 * repetition, then by id), starting after `before`.
 */
export async function listAuditEntries(
  target: QueryTarget,
  scope: AuditScope,
  filter: AuditFilter,
  page: { readonly before?: AuditCursor | undefined; readonly limit: number },
): Promise<StoredAuditEntry[]> {
  let query = databaseOf(target)
    .selectFrom('audit_events as e')
    .leftJoin('accounts as actor', 'actor.id', 'e.actor_id')
    .leftJoin('accounts as subject', 'subject.id', 'e.subject_id')
    .select([
      'e.id',
      'e.at',
      'e.count',
      'e.first_at',
      'e.action',
      'e.outcome',
      'e.reason',
      'e.classification',
      'e.actor_id',
      'e.owner_id',
      'e.target_hash',
      'e.detail',
      'actor.name as actor_name',
      'actor.email as actor_email',
      'subject.name as subject_name',
      'subject.email as subject_email',
    ]);
  if (!scope.all) {
    const { accountId, maxClassification } = scope;
    query = query.where((eb) =>
      eb.or([
        // C5: every entry of the viewer's own items.
        eb('e.owner_id', '=', accountId),
        // The viewer's own acts, up to their clearance (C8).
        maxClassification === null
          ? eb('e.actor_id', '=', accountId)
          : eb.and([
              eb('e.actor_id', '=', accountId),
              eb.or([eb('e.classification', 'is', null), eb('e.classification', '<=', maxClassification)]),
            ]),
      ]),
    );
  }
  if (filter.from !== undefined) query = query.where('e.at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('e.at', '<', filter.to);
  if (filter.action) query = query.where('e.action', '=', filter.action);
  if (filter.outcome) query = query.where('e.outcome', '=', filter.outcome);
  if (filter.actor) query = query.where(nameOrEmailHolds('actor', filter.actor));
  const { before } = page;
  if (before) {
    query = query.where((eb) =>
      eb.or([eb('e.at', '<', before.at), eb.and([eb('e.at', '=', before.at), eb('e.id', '<', before.id)])]),
    );
  }
  const rows = await query.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(page.limit).execute();
  return rows.map((row) => ({
    id: Number(row.id),
    at: row.at,
    count: row.count,
    firstAt: row.first_at,
    action: row.action,
    outcome: row.outcome,
    reason: row.reason,
    classification: row.classification as Level | null,
    actorId: row.actor_id,
    actor:
      row.actor_name !== null && row.actor_email !== null
        ? { name: row.actor_name, email: row.actor_email }
        : null,
    ownerId: row.owner_id,
    subject:
      row.subject_name !== null && row.subject_email !== null
        ? { name: row.subject_name, email: row.subject_email }
        : null,
    targetHash: row.target_hash,
    detail: row.detail,
  }));
}

/** A refused attempt (repeated `count` times) by one account to open one of the owner's secrets. */
export interface RefusedOpen {
  readonly targetHash: string;
  readonly actor: { name: string; email: string } | null;
  readonly count: number;
  readonly firstAt: number;
  readonly lastAt: number;
}

/**
 * The refused attempts by others to open `ownerId`'s secrets of `targetHashes` for one of `reasons`
 * (someone not the recipient, or below the level), for "My secrets".
 */
export async function listRefusedOpens(
  target: QueryTarget,
  ownerId: string,
  targetHashes: readonly string[],
  reasons: readonly string[],
): Promise<RefusedOpen[]> {
  if (targetHashes.length === 0) return [];
  const rows = await databaseOf(target)
    .selectFrom('audit_events as e')
    .leftJoin('accounts as actor', 'actor.id', 'e.actor_id')
    .select(['e.target_hash', 'e.count', 'e.at', 'e.first_at', 'actor.name', 'actor.email'])
    .where('e.owner_id', '=', ownerId)
    .where('e.action', '=', 'secret.refused')
    .where('e.target_hash', 'in', targetHashes)
    .where('e.reason', 'in', reasons)
    .where((eb) => eb.or([eb('e.actor_id', 'is', null), eb('e.actor_id', '!=', ownerId)]))
    .orderBy('e.at', 'desc')
    .execute();
  return rows.map((row) => ({
    targetHash: row.target_hash ?? '',
    actor: row.name !== null && row.email !== null ? { name: row.name, email: row.email } : null,
    count: row.count,
    firstAt: row.first_at ?? row.at,
    lastAt: row.at,
  }));
}
