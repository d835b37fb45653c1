/**
 * Creating an invitation (S4): its row and its `invitation.created` audit event, all or nothing. One
 * version for both databases: invitations are made by people, one at a time, so round trips do not count.
 */
import type { Level } from '../../protocol/secrets.ts';
import { recordAudit } from '../audit.ts';
import type { Store } from '../connection.ts';
import { databaseOf, inTransaction } from '../query-target.ts';

export interface NewInvitation {
  readonly id: string;
  readonly inviterId: string;
  readonly label: string;
  /** Raw X25519 public key. */
  readonly publicKey: Uint8Array;
  /** SHA-256 of the invitation secret (X2): the secret itself never reaches the server before use. */
  readonly secretHash: Uint8Array;
  readonly browser: string;
  readonly classification: Level;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export async function insertInvitation(store: Store, invitation: NewInvitation): Promise<void> {
  await inTransaction(store, async (transaction) => {
    await databaseOf(transaction)
      .insertInto('invitations')
      .values({
        id: invitation.id,
        inviter_id: invitation.inviterId,
        public_key: invitation.publicKey,
        secret_hash: invitation.secretHash,
        classification: invitation.classification,
        status: 'waiting',
        created_at: invitation.createdAt,
        expires_at: invitation.expiresAt,
        used_at: null,
        secret_id: null,
        revoked_at: null,
        label: invitation.label,
        browser: invitation.browser,
        enc: null,
      })
      .execute();
    await recordAudit(transaction, {
      action: 'invitation.created',
      actorId: invitation.inviterId,
      ownerId: invitation.inviterId,
      targetId: invitation.id,
      classification: invitation.classification,
      outcome: 'ok',
      at: invitation.createdAt,
    });
  });
}
