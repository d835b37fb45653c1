/**
 * Each secret's crypto protocol version (decision 0012): version 2 binds the sender's account id into the
 * ciphertext's additional data, so the browser must know which version a secret was sealed with. Rows
 * stored before this migration were all sealed with version 1.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export function secretProtocolVersion(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('secrets')
        .addColumn('protocol_version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
    },
  };
}
