/**
 * O3: deletes expired content and marks its metadata expired. Safe to run on several instances at once:
 * each row is marked (and audited) by the one UPDATE that changes it.
 */
import { recordAudit } from '../audit.ts';
import type { Store } from '../connection.ts';
import { databaseOf, inTransaction } from '../query-target.ts';

/** Returns how many secrets this call marked expired. */
export async function sweepExpiredSecrets(store: Store, now: number): Promise<number> {
  return inTransaction(store, async (transaction) => {
    const db = databaseOf(transaction);
    await db.deleteFrom('secret_contents').where('expires_at', '<=', now).execute();
    const expired = await db
      .updateTable('secrets')
      .set({ status: 'expired' })
      .where('status', '=', 'waiting')
      .where('expires_at', '<=', now)
      .returning(['id', 'classification', 'sender_id'])
      .execute();
    await recordAudit(
      transaction,
      ...expired.map((row) => ({
        action: 'secret.expired' as const,
        actorId: null,
        ownerId: row.sender_id,
        targetId: row.id,
        classification: row.classification,
        outcome: 'ok' as const,
        at: now,
      })),
    );
    return expired.length;
  });
}
