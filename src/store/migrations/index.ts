/** Every migration, in order. Add a file, add a line; names sort in the order they apply. */
import type { Migration } from 'kysely/migration';
import { initialSchema } from './0001-initial.ts';
import { secretProtocolVersion } from './0002-secret-protocol-version.ts';
import { guestInvitations } from './0003-guest-invitations.ts';
import { adminArea } from './0004-admin-area.ts';
import { boundedGrowth } from './0005-bounded-growth.ts';
import { COLUMN_TYPES, type Dialect } from './types.ts';

export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  const types = COLUMN_TYPES[dialect];
  return {
    '0001-initial': initialSchema(types),
    '0002-secret-protocol-version': secretProtocolVersion(),
    '0003-guest-invitations': guestInvitations(types),
    '0004-admin-area': adminArea(),
    '0005-bounded-growth': boundedGrowth(),
  };
}
