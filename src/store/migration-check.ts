/**
 * A downgrade is refused before anything runs (R5): a database that holds a migration this build does
 * not know was migrated by a newer version, whose schema this code may misread or damage. Kysely's
 * migrator refuses it too, but in its own words ("corrupted migrations"); this check names the newer
 * migration and says what to do.
 */
import type { Kysely } from 'kysely';
import { StoreRefusedError } from './refusals.ts';

/** Kysely's bookkeeping table: one row per applied migration. */
export const MIGRATION_TABLE = 'kysely_migration';

/** The database holds migrations this build does not have. */
export class UnknownMigrationError extends StoreRefusedError {
  override name = 'UnknownMigrationError';
  readonly unknown: readonly string[];

  constructor(unknown: readonly string[]) {
    const list = unknown.join(', ');
    super(
      `The database has migration ${list}, which this version of Safe Share does not know: it was upgraded ` +
        'by a newer version. Downgrades are not supported. Start that newer version again, or restore the ' +
        'backup taken before the upgrade (docs/operations.md, "Upgrades").',
    );
    this.unknown = unknown;
  }
}

type MigrationTable = Record<typeof MIGRATION_TABLE, { name: string }>;

/** Names of the migrations applied to `db`, oldest first; none on a new, empty database. */
export async function appliedMigrations<DB>(db: Kysely<DB>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((table) => table.name === MIGRATION_TABLE)) return [];
  const rows = await (db as unknown as Kysely<MigrationTable>)
    .selectFrom(MIGRATION_TABLE)
    .select('name')
    .orderBy('name')
    .execute();
  return rows.map((row) => row.name);
}

/**
 * Throws {@link UnknownMigrationError} when `db` holds a migration not among `known`.
 * @example await refuseUnknownMigrations(db, Object.keys(migrationsFor(dialect)));
 */
export async function refuseUnknownMigrations<DB>(db: Kysely<DB>, known: readonly string[]): Promise<void> {
  const knownNames = new Set(known);
  const unknown = (await appliedMigrations(db)).filter((name) => !knownNames.has(name));
  if (unknown.length > 0) throw new UnknownMigrationError(unknown);
}
