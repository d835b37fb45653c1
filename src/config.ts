/**
 * Configuration: the only reader of `process.env`.
 *
 * Every setting is one row of {@link SETTINGS}: its environment name, its doc, its zod schema and its
 * default. `docs/configuration.md` is generated from this table (`npm run docs:config`) and a test keeps
 * the two in step, so the docs cannot drift from the code.
 */
import { z } from 'zod';
import { normaliseDomain, parseEmail } from './protocol/email.ts';

const csv = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  )
  .pipe(z.array(z.string()));

/**
 * A list whose every entry must have a normal form (SPEC section 1: e-mail domains and addresses compare
 * lower-cased, IDNA to ASCII, without a trailing dot), kept in that form once, here. An entry without one
 * is refused, named by what it should be, never echoed.
 */
const normalisedList = (normalise: (entry: string) => string | undefined, what: string) =>
  csv.transform((list, context) => {
    const normalised = list.map(normalise);
    if (normalised.every((entry) => entry !== undefined)) return normalised;
    context.issues.push({ code: 'custom', message: `holds an entry that is not ${what}`, input: list });
    return z.NEVER;
  });

const domains = normalisedList(normaliseDomain, 'a domain name');
const emails = normalisedList(parseEmail, 'an e-mail address');

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const seconds = z.coerce.number().int().positive();

/** One configurable setting. `fallback` is the default as an environment string, `undefined` = unset. */
interface Setting<S extends z.ZodType> {
  readonly env: string;
  readonly doc: string;
  readonly schema: S;
  readonly fallback: string | undefined;
}

const setting = <S extends z.ZodType>(env: string, doc: string, schema: S, fallback?: string): Setting<S> =>
  Object.freeze({ env, doc, schema, fallback });

export const SETTINGS = {
  nodeEnv: setting(
    'NODE_ENV',
    '`production` refuses the demo identity provider and marks cookies `__Host-`/Secure.',
    z.enum(['development', 'test', 'production']),
    'development',
  ),
  host: setting('HOST', 'Address to listen on.', z.string().min(1), '127.0.0.1'),
  port: setting(
    'PORT',
    'TCP port to listen on (0 picks a free one).',
    z.coerce.number().int().min(0).max(65535),
    '3000',
  ),
  publicUrl: setting(
    'PUBLIC_URL',
    'Origin users reach the service at (e.g. `https://share.example.com`). Unset: `http://127.0.0.1:<port>`.',
    z.url().optional(),
  ),
  trustProxy: setting(
    'TRUST_PROXY',
    'Trust `X-Forwarded-*` and `X-Request-Id` from a reverse proxy (client address, scheme, request id).',
    flag,
    'false',
  ),
  metricsPort: setting(
    'METRICS_PORT',
    'Serve `/metrics` on this port (on HOST) and not on PORT, so only your monitoring reaches it. Unset: on PORT.',
    z.coerce.number().int().min(1).max(65535).optional(),
  ),
  dataDir: setting(
    'DATA_DIR',
    'Folder for the embedded database and the demo provider keys.',
    z.string().min(1),
    './data',
  ),
  databaseUrl: setting(
    'DATABASE_URL',
    'PostgreSQL connection URL. Unset: embedded SQLite in `DATA_DIR`.',
    z.string().startsWith('postgres').optional(),
  ),
  databasePoolSize: setting(
    'DATABASE_POOL_SIZE',
    'PostgreSQL connections per instance.',
    z.coerce.number().int().min(1).max(200),
    '10',
  ),
  oidcIssuer: setting(
    'OIDC_ISSUER',
    'OpenID Connect issuer URL. Unset: the built-in demo provider with demo accounts (not in production).',
    z.url().optional(),
  ),
  oidcClientId: setting(
    'OIDC_CLIENT_ID',
    'Client id at the OpenID Connect provider.',
    z.string().min(1),
    'safe-share',
  ),
  oidcClientSecret: setting(
    'OIDC_CLIENT_SECRET',
    'Client secret at the OpenID Connect provider. Unset with the demo provider: generated at first start.',
    z.string().min(1).optional(),
  ),
  staffEmailDomains: setting(
    'STAFF_EMAIL_DOMAINS',
    'Comma-separated e-mail domains whose verified addresses are staff, subdomains included.',
    domains,
    'example.com',
  ),
  staffGroup: setting(
    'STAFF_GROUP',
    'Groups-claim value that makes an account staff.',
    z.string().min(1).optional(),
  ),
  adminGroup: setting(
    'ADMIN_GROUP',
    'Groups-claim value that makes a staff account admin.',
    z.string().min(1),
    'safe-share-admins',
  ),
  adminEmails: setting(
    'ADMIN_EMAILS',
    'Comma-separated bootstrap admin e-mail addresses (staff only).',
    emails,
    '',
  ),
  teams: setting(
    'TEAMS',
    'Comma-separated staff team names; a groups-claim value equal to a name makes the account a member.',
    csv.pipe(z.array(z.string()).min(1)),
    'Service,GO Engineers,Inside Sales',
  ),
  expiryDefaultSeconds: setting(
    'EXPIRY_DEFAULT_SECONDS',
    'Expiry preset for new secrets (O3).',
    seconds,
    String(7 * 24 * 3600),
  ),
  expiryMaxSeconds: setting(
    'EXPIRY_MAX_SECONDS',
    'Longest expiry a sender may choose (O3).',
    seconds,
    String(30 * 24 * 3600),
  ),
  invitationExpiryDefaultSeconds: setting(
    'INVITATION_EXPIRY_DEFAULT_SECONDS',
    'Expiry preset for new guest invitations (S5).',
    seconds,
    String(7 * 24 * 3600),
  ),
  invitationExpiryMaxSeconds: setting(
    'INVITATION_EXPIRY_MAX_SECONDS',
    'Longest expiry a staff member may give a guest invitation (S5).',
    seconds,
    String(30 * 24 * 3600),
  ),
  defaultClearance: setting(
    'DEFAULT_CLEARANCE',
    'Clearance level (1-3) new non-admin accounts get (C2).',
    z.coerce.number().int().min(1).max(3),
    '1',
  ),
  sessionTtlSeconds: setting(
    'SESSION_TTL_SECONDS',
    'Lifetime of a sign-in session.',
    seconds,
    String(8 * 3600),
  ),
  sweepIntervalSeconds: setting(
    'SWEEP_INTERVAL_SECONDS',
    'How often expired secrets and sessions are deleted (O3).',
    seconds,
    '60',
  ),
  logLevel: setting(
    'LOG_LEVEL',
    'pino log level.',
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    'info',
  ),
  shutdownGraceSeconds: setting(
    'SHUTDOWN_GRACE_SECONDS',
    'On SIGTERM, how long requests in flight may take before the process exits anyway.',
    seconds,
    '10',
  ),
} as const;

type Settings = typeof SETTINGS;
export type Config = Readonly<{ [K in keyof Settings]: z.output<Settings[K]['schema']> }>;

/** A setting that failed validation; names the variable, never echoes its value (it may be a secret). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment into a frozen {@link Config}. Throws {@link ConfigError} naming every bad variable.
 * @example const config = loadConfig(process.env);
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, { env: name, schema, fallback }] of Object.entries(SETTINGS)) {
    const given = env[name];
    const raw = given === undefined || given === '' ? fallback : given;
    const parsed = schema.safeParse(raw);
    if (parsed.success) values[key] = parsed.data;
    else problems.push(`${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  const config = values as Config;
  if (config.expiryDefaultSeconds > config.expiryMaxSeconds) {
    throw new ConfigError('Invalid configuration: EXPIRY_DEFAULT_SECONDS is above EXPIRY_MAX_SECONDS');
  }
  if (config.invitationExpiryDefaultSeconds > config.invitationExpiryMaxSeconds) {
    throw new ConfigError(
      'Invalid configuration: INVITATION_EXPIRY_DEFAULT_SECONDS is above INVITATION_EXPIRY_MAX_SECONDS',
    );
  }
  if (config.metricsPort !== undefined && config.metricsPort === config.port) {
    throw new ConfigError('Invalid configuration: METRICS_PORT is the same as PORT');
  }
  if (config.nodeEnv === 'production' && !config.oidcIssuer) {
    throw new ConfigError('Invalid configuration: OIDC_ISSUER is required in production (no demo provider)');
  }
  return Object.freeze(config);
}

/** Config for tests and tools: defaults plus overrides, without reading the environment. */
export function configWith(overrides: Partial<Config> = {}): Config {
  return Object.freeze({ ...loadConfig({}), ...overrides });
}
