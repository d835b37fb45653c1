/**
 * Runs once per test run: checks the runtime, migrates a PostgreSQL template for per-file databases, and
 * makes the folder every test app of this run logs to; after the run, scans those logs (X3, log-scan.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openStore } from '../../src/store/connection.ts';
import { databaseUrlFor, withAdminClient } from './databases.ts';
import { secretShapedLogLines } from './log-scan.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
    /** This run's log folder: test apps write here, the teardown reads it all. */
    testLogDir: string;
  }
}

export default async function setup(project: TestProject) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24)
    throw new Error(
      `Safe Share tests need Node.js 24 or newer; this is ${process.version}. Run them through npm.`,
    );

  const template = `ss_tpl_${process.pid}`;
  await withAdminClient(async (client) => {
    // Databases left behind by an interrupted run: only those whose process is gone, so two runs on one
    // machine (a developer's and a helper's) never drop each other's databases.
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'ss\\_t\\_%' OR datname LIKE 'ss\\_tpl\\_%'",
    );
    for (const { datname } of rows) {
      if (processIsAlive(Number(datname.split('_')[2]))) continue;
      await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE ${template}`);
  });
  const store = await openStore({ dataDir: '', databaseUrl: databaseUrlFor(template) });
  await store.close();
  project.provide('pgTemplate', template);
  const logDir = mkdtempSync(join(tmpdir(), 'safe-share-test-logs-'));
  project.provide('testLogDir', logDir);

  return async () => {
    // Issue 18, X3: no log line of the whole run holds a key, proof, secret or ciphertext.
    const leaks = secretShapedLogLines(logDir);
    if (leaks.length > 0) {
      throw new Error(`X3: secret-shaped values in the test logs (kept in ${logDir}):\n${leaks.join('\n')}`);
    }
    rmSync(logDir, { recursive: true, force: true });
    await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`));
  };
}

/** True while a process with this id runs (signal 0 only checks). */
function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
