/**
 * O6: the sender withdraws a secret before it is opened. The use case has asked `domain/` already; the
 * statements below repeat its conditions (the sender's, waiting, not expired) as a second line, and claim
 * the content the way a burn does, so a revoke and an open racing each other cannot both succeed. One
 * version for both databases: a revoke is rare, and its round trips do not matter.
 */
import { recordAudit } from '../audit.ts';
import type { Store } from '../connection.ts';
import { databaseOf, inTransaction } from '../query-target.ts';

export interface RevokeRequest {
  readonly id: string;
  readonly senderId: string;
  readonly now: number;
}

/** True when this call revoked the secret; false when there was nothing (left) to revoke. */
export async function revokeSecretOfSender(store: Store, revoke: RevokeRequest): Promise<boolean> {
  return inTransaction(store, async (transaction) => {
    const db = databaseOf(transaction);
    // Read first, lock nothing: the content row is locked (by the claim) before the metadata row, in
    // the same order as the burn, so the two cannot deadlock.
    const secret = await db
      .selectFrom('secrets')
      .select(['classification'])
      .where('id', '=', revoke.id)
      .where('sender_id', '=', revoke.senderId)
      .where('status', '=', 'waiting')
      .where('expires_at', '>', revoke.now)
      .executeTakeFirst();
    if (!secret) return false;
    const claimed = await db
      .deleteFrom('secret_contents')
      .where('secret_id', '=', revoke.id)
      .where('expires_at', '>', revoke.now)
      .returning(['secret_id'])
      .executeTakeFirst();
    if (!claimed) return false;
    await db
      .updateTable('secrets')
      .set({ status: 'revoked', revoked_at: revoke.now })
      .where('id', '=', revoke.id)
      .execute();
    await recordAudit(transaction, {
      action: 'secret.revoked',
      actorId: revoke.senderId,
      ownerId: revoke.senderId,
      targetId: revoke.id,
      classification: secret.classification,
      outcome: 'ok',
      at: revoke.now,
    });
    return true;
  });
}
