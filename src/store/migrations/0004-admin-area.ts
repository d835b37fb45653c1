/**
 * The admin area and confidentiality levels (issue 17; X6, C5, C7, C8):
 * - audit rows name the owner of their secret or invitation (its creator sees every event of it, C5),
 *   whom an admin's change was about, and what changed (before and after), as JSON;
 * - the eligible recipients of a team secret are recorded when it is shared, with their clearance then
 *   (C7), and go with the secret.
 * Older audit rows keep no owner: only admins see them in the audit view.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export function adminArea(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const column of ['owner_id', 'subject_id', 'detail']) {
        await db.schema.alterTable('audit_events').addColumn(column, 'text').execute();
      }
      await db.schema
        .createIndex('audit_events_owner')
        .on('audit_events')
        .columns(['owner_id', 'id'])
        .execute();
      await db.schema
        .createIndex('audit_events_actor')
        .on('audit_events')
        .columns(['actor_id', 'id'])
        .execute();

      await db.schema
        .createTable('secret_recipients')
        .addColumn('secret_id', 'text', (c) => c.notNull().references('secrets.id').onDelete('cascade'))
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('clearance', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('secret_recipients_pk', ['secret_id', 'account_id'])
        .execute();
      await db.schema
        .createIndex('secret_recipients_account')
        .on('secret_recipients')
        .column('account_id')
        .execute();
    },
  };
}
