/**
 * R5: a downgrade is refused at start. A database that holds a migration this build does not know (it was
 * upgraded by a newer version) is not opened: the message names that migration and what to do, in our
 * words rather than Kysely's ("corrupted migrations"). On both databases, in the store and at the entry.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, sqliteFile } from '../../src/store/connection.ts';
import { MIGRATION_TABLE, UnknownMigrationError } from '../../src/store/migration-check.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.ts';
import { buildInstallation, type Installation } from '../support/installation.ts';
import { freePort, startProcess, waitForExit } from '../support/processes.ts';

const NEWER = '9999-from-a-newer-version';

/** Records NEWER as applied, as a newer Safe Share's migrator would have. */
async function applyNewerMigration(database: TestDatabase): Promise<void> {
  const sql = `INSERT INTO ${MIGRATION_TABLE} (name, timestamp) VALUES ('${NEWER}', '2099-01-01T00:00:00.000Z')`;
  if (database.databaseUrl) {
    const client = new pg.Client({ connectionString: database.databaseUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  } else {
    const db = new DatabaseSync(sqliteFile(database.dataDir));
    db.exec(sql);
    db.close();
  }
}

describe.each(DIALECTS)('a downgrade on %s', (dialect) => {
  let database: TestDatabase;
  let installation: Installation;

  beforeAll(async () => {
    installation = buildInstallation();
    database = await createTestDatabase(dialect);
    const store = await openStore({ dataDir: database.dataDir, databaseUrl: database.databaseUrl });
    await store.close();
    await applyNewerMigration(database);
  });
  afterAll(async () => {
    installation?.remove();
    await database?.drop();
  });

  it('R5: the store refuses a database with a migration this build does not know, naming it', async () => {
    const opening = openStore({ dataDir: database.dataDir, databaseUrl: database.databaseUrl });
    await expect(opening).rejects.toThrow(UnknownMigrationError);
    await expect(opening).rejects.toThrow(NEWER);
    await expect(opening).rejects.not.toThrow(/corrupted/i);
  });

  it('R5: bin/start.js exits 1 with that message on stderr', async () => {
    const env: Record<string, string> = { PORT: String(await freePort()), DATA_DIR: join(database.dataDir) };
    if (database.databaseUrl) env.DATABASE_URL = database.databaseUrl;
    const server = startProcess({ cwd: installation.root, env });
    expect(await waitForExit(server, 15_000)).toBe(1);
    expect(server.stderr()).toContain(
      `The database has migration ${NEWER}, which this version of Safe Share`,
    );
    expect(server.stderr()).not.toMatch(/corrupted/i);
  });
});
