/**
 * Run-time settings an admin changed (C1, C2, C7, O3, S5): one row per setting, its value as JSON. A
 * setting without a row holds the configuration's value. A change and its `settings.changed` audit rows
 * (who, which setting, before and after) are written in one transaction.
 */

import { recordAudit } from './audit.ts';
import type { Store } from './connection.ts';
import { databaseOf, inTransaction, type QueryTarget } from './query-target.ts';

/** The stored values by setting name, parsed from JSON; the caller validates them. */
export async function readStoredSettings(target: QueryTarget): Promise<Record<string, unknown>> {
  const rows = await databaseOf(target).selectFrom('settings').select(['key', 'value']).execute();
  const values: Record<string, unknown> = {};
  for (const row of rows) {
    try {
      values[row.key] = JSON.parse(row.value);
    } catch {
      // A value that is not JSON holds nothing: the configuration's value applies.
    }
  }
  return values;
}

export interface SettingChange {
  readonly key: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** Stores each change and audits it (X6: settings changed, with who, before and after). */
export async function saveSettings(
  store: Store,
  change: { readonly changes: readonly SettingChange[]; readonly actorId: string; readonly now: number },
): Promise<void> {
  if (change.changes.length === 0) return;
  await inTransaction(store, async (transaction) => {
    const db = databaseOf(transaction);
    for (const { key, after } of change.changes) {
      const row = { key, value: JSON.stringify(after), updated_at: change.now, updated_by: change.actorId };
      await db
        .insertInto('settings')
        .values(row)
        .onConflict((conflict) =>
          conflict
            .column('key')
            .doUpdateSet({ value: row.value, updated_at: row.updated_at, updated_by: row.updated_by }),
        )
        .execute();
    }
    await recordAudit(
      transaction,
      ...change.changes.map(({ key, before, after }) => ({
        action: 'settings.changed' as const,
        actorId: change.actorId,
        outcome: 'ok' as const,
        detail: { setting: key, before, after },
        at: change.now,
      })),
    );
  });
}
