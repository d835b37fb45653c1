/**
 * `safe-share <command>`: the operator's commands beside the service (R5), run by `bin/safe-share.js`
 * with the same environment variables as the service.
 *
 *   backup <file>             copy the embedded database to a new file, also while the service runs
 *   restore <file> [--replace] put a backup in place; refused while an instance uses the data folder
 *   migrate                   apply the database migrations of this version and exit
 *   check-config              parse the settings as the service would, and say what they amount to
 *
 * Exit codes: 0 done, 1 refused or failed (the message says why), 2 a usage mistake. PostgreSQL is backed
 * up and restored with its own tools (docs/operations.md, "Backup and restore").
 */
import { parseArgs } from 'node:util';
import { type Config, ConfigError, databaseLocation, loadConfig } from '../config.ts';
import { openStore, sqliteFile } from '../store/connection.ts';
import { migrationsFor } from '../store/migrations/index.ts';
import { StoreRefusedError } from '../store/refusals.ts';
import { backupSqlite, CommandError, restoreSqlite } from './sqlite-backup.ts';

export const USAGE = `Usage: safe-share <command>

  backup <file>              Copy the embedded database (SQLite) to a new file; safe while the service runs.
  restore <file> [--replace] Put a backup in place as the database of DATA_DIR; refused while an instance
                             runs on it. --replace replaces an existing database (kept beside it).
  migrate                    Apply this version's database migrations and exit (before rolling instances).
  check-config               Check the settings (environment variables) as the service would read them.

Settings come from the environment, as for the service: DATA_DIR, DATABASE_URL, ... (docs/configuration.md).
PostgreSQL: back up with pg_dump and restore with pg_restore (docs/operations.md).
`;

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

const processOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const NOT_FOR_POSTGRES =
  'DATABASE_URL is set: this command covers the embedded SQLite database only. For PostgreSQL use ' +
  'pg_dump and pg_restore (docs/operations.md, "Backup and restore").';

/** Runs one command; resolves to the process exit code. */
export async function runCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  output: Output = processOutput,
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    output.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { command, file, replace } = parsed;
  if (command === 'help') {
    output.out(USAGE);
    return 0;
  }
  try {
    const config = loadConfig(env);
    switch (command) {
      case 'check-config':
        for (const line of describeConfig(config)) output.out(line);
        return 0;
      case 'migrate':
        await migrate(config, output);
        return 0;
      case 'backup': {
        if (config.databaseUrl) throw new CommandError(NOT_FOR_POSTGRES);
        const { migrations } = await backupSqlite(config.dataDir, file);
        output.out(
          `Backed up ${sqliteFile(config.dataDir)} to ${file} (migrations: ${migrations.join(', ')}).`,
        );
        return 0;
      }
      case 'restore': {
        if (config.databaseUrl) throw new CommandError(NOT_FOR_POSTGRES);
        const result = restoreSqlite(config.dataDir, file, { replace });
        if (result.replaced) output.out(`The database that was there is kept as ${result.replaced}.`);
        output.out(
          `Restored ${file} into ${sqliteFile(config.dataDir)} (migrations: ${result.migrations.join(', ')}). ` +
            'Start Safe Share on this data folder; newer migrations apply at start.',
        );
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CommandError || error instanceof StoreRefusedError) {
      output.err(`safe-share ${command}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

type Command = 'backup' | 'restore' | 'migrate' | 'check-config' | 'help';

function parse(argv: readonly string[]): { command: Command; file: string; replace: boolean } {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { replace: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  const [command, file, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help')
    return { command: 'help', file: '', replace: false };
  if (command === 'backup' || command === 'restore') {
    if (!file || rest.length > 0) throw new Error(`safe-share ${command} needs exactly one file name.`);
    if (values.replace && command === 'backup') throw new Error('--replace is an option of restore.');
    return { command, file, replace: values.replace };
  }
  if (command === 'migrate' || command === 'check-config') {
    if (file !== undefined || values.replace) throw new Error(`safe-share ${command} takes no arguments.`);
    return { command, file: '', replace: false };
  }
  throw new Error(`Unknown command: ${command}`);
}

async function migrate(config: Config, output: Output): Promise<void> {
  // Opening the store applies the migrations; on SQLite it takes the instance lock first, so this is
  // refused while an instance runs on the folder.
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, poolSize: 1 });
  await store.close();
  const names = Object.keys(migrationsFor(config.databaseUrl ? 'postgres' : 'sqlite'));
  output.out(`The database is at this version's latest migration, ${names.at(-1)} (${names.length} in all).`);
}

/** What the settings amount to, without any secret: no client secret, no database password. */
export function describeConfig(config: Config): string[] {
  const database = config.databaseUrl
    ? `PostgreSQL at ${databaseLocation(config.databaseUrl)}, ${config.databasePoolSize} connections per instance`
    : `embedded SQLite at ${sqliteFile(config.dataDir)} (one instance)`;
  const signIn = config.oidcIssuer
    ? `OpenID Connect provider ${config.oidcIssuer}, client ${config.oidcClientId}`
    : 'the built-in DEMO provider with demo accounts (not for production)';
  return [
    'The configuration is valid.',
    `  NODE_ENV: ${config.nodeEnv}`,
    `  listens on: ${config.host}:${config.port}`,
    `  public origin: ${config.publicUrl ?? `http://127.0.0.1:${config.port} (PUBLIC_URL unset)`}`,
    `  reverse proxies believed (TRUST_PROXY): ${describeTrust(config.trustProxy)}`,
    `  database: ${database}`,
    `  sign-in: ${signIn}`,
  ];
}

function describeTrust(trust: Config['trustProxy']): string {
  if (trust === true) return 'every peer';
  if (trust === false) return 'none';
  return trust.join(', ');
}
