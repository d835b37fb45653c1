/**
 * Who sees which audit entries (X6, C5, C6, C8; issue 17). Pure. Admins see every entry. Everyone else
 * sees the entries of the secrets and invitations they created, whatever their level (C5), and the
 * entries of what they did themselves, unless the item is classified above their clearance (C8). A
 * customer never learns which staff member did something, except who opened their secret (O6 shows
 * that already), as C6 keeps staff names from customers.
 */
import type { RefusedOpensView } from '../protocol/secrets.ts';
import type { Level } from '../protocol/values.ts';
import type { Account, Role } from './accounts.ts';
import { currentClearance, decideLevel, type LevelSettings } from './levels.ts';
import type { OpenDenial } from './opening.ts';

/** What the store must select for a viewer: everything, or their items and (up to a level) their acts. */
export type AuditScope =
  | { readonly all: true }
  | {
      readonly all: false;
      readonly accountId: string;
      /** C8: the highest level of an item whose entries of the viewer's own acts they see; null: any. */
      readonly maxClassification: Level | null;
    };

/** @example auditScope(sven, settings) // { all: false, accountId: sven.id, maxClassification: 1 } */
export function auditScope(viewer: Account, settings: LevelSettings): AuditScope {
  if (viewer.isAdmin) return { all: true };
  return {
    all: false,
    accountId: viewer.id,
    maxClassification: settings.levelsEnabled ? currentClearance(viewer) : null,
  };
}

/** What the rules read of an entry. */
export interface AuditFacts {
  readonly action: string;
  readonly actorId: string | null;
  /** The creator of the entry's secret or invitation, if it has one. */
  readonly ownerId: string | null;
  readonly classification: Level | null;
}

export type AuditEntryDecision =
  | { readonly visible: false }
  | { readonly visible: true; readonly actorShown: boolean };

/**
 * Whether `viewer` sees `entry`, and whether they see who did it. The store selects by
 * {@link auditScope}; this says the same per entry, and decides the actor.
 */
export function decideAuditEntry(
  viewer: Account,
  entry: AuditFacts,
  settings: LevelSettings,
): AuditEntryDecision {
  if (viewer.isAdmin) return { visible: true, actorShown: true };
  const own = entry.actorId === viewer.id;
  const created = entry.ownerId === viewer.id;
  if (!created) {
    if (!own) return { visible: false };
    // C8: the viewer's own act on an item above their clearance now is left out.
    const level = entry.classification ?? 1;
    const view = decideLevel({ action: 'view', person: viewer, classification: level }, settings);
    if (!view.allowed) return { visible: false };
  }
  const actorShown = own || viewer.role === 'staff' || entry.action === 'secret.opened';
  return { visible: true, actorShown };
}

/** The refusals that are someone's attempt to open a secret not theirs, or above their clearance. */
export const REFUSED_OPEN_REASONS: readonly OpenDenial[] = Object.freeze([
  'account_disabled',
  'not_recipient',
  'not_team_member',
  'wrong_role',
  'below_classification',
]);

/** One account's refused attempts (repeated `count` times) to open one secret. */
export interface RefusedAttempt {
  readonly actor: { readonly name: string; readonly email: string } | null;
  readonly count: number;
  readonly firstAt: number;
  readonly lastAt: number;
}

/**
 * A secret's refused open attempts as its sender may see them (X6): staff who tried and when; customers
 * only how many and when (C6 keeps staff names from them). Undefined when there were none.
 * @example refusedOpensView([{ actor: dirk, count: 2, firstAt, lastAt }], 'customer') // { shown: 'count', count: 2, ... }
 */
export function refusedOpensView(
  attempts: readonly RefusedAttempt[],
  viewer: Role,
): RefusedOpensView | undefined {
  if (attempts.length === 0) return undefined;
  const count = attempts.reduce((sum, attempt) => sum + attempt.count, 0);
  const firstAt = Math.min(...attempts.map((attempt) => attempt.firstAt));
  const lastAt = Math.max(...attempts.map((attempt) => attempt.lastAt));
  if (viewer !== 'staff') return { shown: 'count', count, firstAt, lastAt };
  return {
    shown: 'people',
    count,
    firstAt,
    lastAt,
    // Field by field: the caller's rows may carry more (the hashed id), which is nobody's to see.
    attempts: attempts.map((attempt) => ({
      name: attempt.actor?.name ?? '',
      email: attempt.actor?.email ?? '',
      count: attempt.count,
      firstAt: attempt.firstAt,
      lastAt: attempt.lastAt,
    })),
  };
}
