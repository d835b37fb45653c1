/**
 * Guest invitations (S4, S5, X2; decision 0013). The `invitations` table of 0001 gets what the feature
 * needs: the label the guest sees, a description of the browser that holds the private key, and the
 * HPKE `enc` of the one submission. A submission is a secret whose recipient is an account (the inviting
 * staff member), so `secrets` gets `recipient_id`. No rows exist to fill: invitations were schema only.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { ColumnTypes } from './types.ts';

export function guestInvitations(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('invitations')
        .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .alterTable('invitations')
        .addColumn('browser', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema.alterTable('invitations').addColumn('enc', types.binary).execute();
      await db.schema
        .alterTable('secrets')
        .addColumn('recipient_id', 'text', (c) => c.references('accounts.id'))
        .execute();
      await db.schema.createIndex('secrets_recipient').on('secrets').column('recipient_id').execute();
    },
  };
}
