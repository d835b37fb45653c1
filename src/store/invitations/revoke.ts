/**
 * O6: the creator withdraws an invitation while it waits. The use case has asked `domain/` already; the
 * UPDATE repeats its conditions (the creator's, waiting, not expired) as a second line, so a revoke and
 * a guest's submission racing each other cannot both succeed: whichever flips the row first wins.
 */
import { recordAudit } from '../audit.ts';
import type { Store } from '../connection.ts';
import { databaseOf, inTransaction } from '../query-target.ts';

export interface InvitationRevokeRequest {
  readonly id: string;
  readonly inviterId: string;
  readonly now: number;
}

/** True when this call revoked the invitation; false when there was nothing (left) to revoke. */
export async function revokeInvitationOfInviter(
  store: Store,
  revoke: InvitationRevokeRequest,
): Promise<boolean> {
  return inTransaction(store, async (transaction) => {
    const revoked = await databaseOf(transaction)
      .updateTable('invitations')
      .set({ status: 'revoked', revoked_at: revoke.now })
      .where('id', '=', revoke.id)
      .where('inviter_id', '=', revoke.inviterId)
      .where('status', '=', 'waiting')
      .where('expires_at', '>', revoke.now)
      .returning(['classification'])
      .executeTakeFirst();
    if (!revoked) return false;
    await recordAudit(transaction, {
      action: 'invitation.revoked',
      actorId: revoke.inviterId,
      ownerId: revoke.inviterId,
      targetId: revoke.id,
      classification: revoked.classification,
      outcome: 'ok',
      at: revoke.now,
    });
    return true;
  });
}
