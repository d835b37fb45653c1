/**
 * Configuration: the only reader of `process.env`.
 *
 * Every setting is one row of {@link SETTINGS}: its environment name, its doc, its zod schema and its
 * default. `docs/configuration.md` is generated from this table (`npm run docs:config`) and a test keeps
 * the two in step, so the docs cannot drift from the code.
 */
import { z } from 'zod';
import { type TeamListProblem, teamIdFor, teamRules } from './domain/teams.ts';
import { parseProxyEntry, type TrustProxy } from './http/client-address.ts';
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

/** Stands in for the empty host of a socket URL, as pg's own parser does (see {@link parseUrl}). */
const SOCKET_HOST_STAND_IN = 'unix-socket.invalid';

/**
 * Parses a URL; with `socketAllowed`, also the form `postgres://user@/database?host=/var/run/postgresql`
 * (a user and an empty host: a Unix socket), which WHATWG URL refuses but pg reads by putting a stand-in
 * host after the `@` (pg-connection-string). Its `hostname` is then empty, as for `postgres:///db`.
 */
function parseUrl(value: string, socketAllowed: boolean): URL | null {
  const url = URL.parse(value);
  if (url || !socketAllowed || !value.includes('@/')) return url;
  const standIn = URL.parse(value.replace('@/', `@${SOCKET_HOST_STAND_IN}/`));
  if (standIn?.hostname === SOCKET_HOST_STAND_IN) standIn.hostname = '';
  return standIn;
}

/**
 * Where a PostgreSQL URL points, for the log and the CLI: host and port, or the socket folder of
 * `?host=` (pg's form for a Unix socket), and the database; never the user or password.
 * @example databaseLocation('postgres://u@/safe_share?host=/var/run/postgresql') // 'socket /var/run/postgresql, database safe_share'
 */
export function databaseLocation(value: string): string {
  const url = parseUrl(value, true);
  if (!url) return '(a URL that does not parse)';
  const database = decodeURIComponent(url.pathname.slice(1));
  const socket = url.searchParams.get('host');
  if (socket?.startsWith('/')) return `socket ${socket}, database ${database}`;
  return `${url.hostname || 'localhost'}:${url.port || '5432'}/${database}`;
}

/**
 * A URL of one of `schemes`, refused with what is wrong with it and never the value (a database URL holds
 * a password). `originOnly`: no path, query, fragment or credentials either (PUBLIC_URL: Safe Share is
 * served at the root of its origin, and its cookies and redirect URI are made for that). `socketAllowed`:
 * a URL without a host is accepted, also with a user (`postgres://user@/db?host=/var/run/postgresql`).
 */
const urlOf = (schemes: readonly string[], options: { originOnly?: boolean; socketAllowed?: boolean } = {}) =>
  z.string().superRefine((value, context) => {
    const url = parseUrl(value, options.socketAllowed === true);
    const problem = !url
      ? 'is not a URL'
      : !schemes.includes(url.protocol)
        ? `must start with ${schemes.map((scheme) => `${scheme}//`).join(' or ')}`
        : url.hostname === '' && !options.socketAllowed
          ? 'has no host'
          : options.originOnly && (url.pathname !== '/' || url.search !== '' || url.hash !== '')
            ? 'must be an origin only, without a path, query or fragment (Safe Share is served at the root)'
            : options.originOnly && (url.username !== '' || url.password !== '')
              ? 'must not hold a user name or password'
              : undefined;
    if (problem) context.issues.push({ code: 'custom', message: problem, input: undefined });
  });

/** A claim name, or a dotted path into nested claims (`realm_access.roles`): visible ASCII, no spaces. */
const claimName = z
  .string()
  .regex(/^[\x21-\x7e]{1,256}$/, 'is not a claim name (visible ASCII without spaces)');

/** OAuth scope tokens (RFC 6749 section 3.3), separated by spaces; `openid` must be among them. */
const scopes = z
  .string()
  .transform((value) => value.split(/[\s,]+/).filter((scope) => scope !== ''))
  .refine(
    (list) => list.every((scope) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope)),
    'holds a character no scope may hold',
  )
  .refine((list) => list.includes('openid'), 'must include openid')
  .transform((list) => [...new Set(list)].join(' '));

/** `Name=group` entries (or `Name` alone: the group is called like the team), as teams with ids. */
const TEAM_PROBLEMS: Readonly<Record<TeamListProblem | 'none', string>> = Object.freeze({
  none: 'holds no team',
  'empty name': 'holds an entry without a team name',
  'empty group': 'holds an entry with an empty group after =',
  'name without letters or digits': 'holds a team name without letters or digits',
  duplicate: 'holds two team names that give one team id',
});
const teamList = csv.transform((entries, context) => {
  const teams = teamRules(entries);
  if (typeof teams !== 'string' && teams.length > 0) return teams;
  const message = TEAM_PROBLEMS[typeof teams === 'string' ? teams : 'none'];
  context.issues.push({ code: 'custom', message, input: undefined });
  return z.NEVER;
});
const seconds = z.coerce.number().int().positive();

/** TRUST_PROXY: `true`, `false`, or the proxies' addresses, CIDRs and named ranges, kept as CIDRs. */
const proxyList = z.string().transform((value, context): TrustProxy => {
  const text = value.trim().toLowerCase();
  if (text === 'true' || text === 'false') return text === 'true';
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const cidrs = entries.map(parseProxyEntry);
  if (cidrs.length > 0 && cidrs.every((cidr) => cidr !== undefined)) return Object.freeze(cidrs.flat());
  const message = 'must be true, false, or proxy addresses and CIDRs separated by commas';
  context.issues.push({ code: 'custom', message, input: undefined });
  return z.NEVER;
});

/** Requests per rate-limit window (X4). */
const perWindow = z.coerce.number().int().min(1).max(1_000_000);

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
    'Origin users reach the service at (e.g. `https://share.example.com`): `http:` or `https:`, no path (Safe Share is served at the root of its origin). Unset: `http://127.0.0.1:<port>`. Required, and `https:`, in production.',
    urlOf(['http:', 'https:'], { originOnly: true }).optional(),
  ),
  allowHttpPublicUrl: setting(
    'ALLOW_HTTP_PUBLIC_URL',
    'Let `NODE_ENV=production` run on an `http:` PUBLIC_URL. Insecure: the session cookie is Secure, so browsers drop it on plain http (except on 127.0.0.1 and localhost) and sign-in fails; for a trial on one machine only.',
    flag,
    'false',
  ),
  trustProxy: setting(
    'TRUST_PROXY',
    "Which reverse proxies to believe: their `X-Forwarded-For` (the client address that rate limits count, X4), `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Request-Id`. A comma-separated list of the proxies' addresses and CIDRs (`10.0.0.0/8,2001:db8::/32`; also `loopback`, `linklocal`, `uniquelocal`): the client is the nearest address in `X-Forwarded-For` that is not one of them, and a peer outside the list is never believed. `true` believes every peer (only when nothing but your proxies can reach PORT); `false` nobody.",
    proxyList,
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
    'PostgreSQL connection URL (`postgres://user:password@host:5432/database`; through a Unix socket on the same host: `postgres://user@/database?host=/var/run/postgresql`). Unset: embedded SQLite in `DATA_DIR`.',
    // No host: a Unix socket named by `?host=/var/run/postgresql`, which pg accepts.
    urlOf(['postgres:', 'postgresql:'], { socketAllowed: true }).optional(),
  ),
  databasePoolSize: setting(
    'DATABASE_POOL_SIZE',
    'PostgreSQL connections per instance.',
    z.coerce.number().int().min(1).max(200),
    '10',
  ),
  sqliteBatchMax: setting(
    'SQLITE_BATCH_MAX',
    'Embedded SQLite: most writes (or transactions) committed together in one group commit. The writes of one event-loop turn share one transaction and one fsync; a full batch commits at once. 1 commits every write alone.',
    z.coerce.number().int().min(1).max(10000),
    '64',
  ),
  oidcIssuer: setting(
    'OIDC_ISSUER',
    'OpenID Connect issuer URL, exactly as the provider names itself (Authentik: with the trailing `/`). `https:` (or `http:` with OIDC_ALLOW_HTTP). Unset: the built-in demo provider with demo accounts (not in production). Provider by provider: docs/identity-providers.md.',
    urlOf(['https:', 'http:']).optional(),
  ),
  oidcClientId: setting(
    'OIDC_CLIENT_ID',
    'Client id at the OpenID Connect provider.',
    z.string().min(1),
    'safe-share',
  ),
  oidcClientSecret: setting(
    'OIDC_CLIENT_SECRET',
    'Client secret at the OpenID Connect provider; required with OIDC_ISSUER. Unset with the demo provider: generated at first start.',
    z.string().min(1).optional(),
  ),
  oidcAllowHttp: setting(
    'OIDC_ALLOW_HTTP',
    'Allow an `http:` OIDC_ISSUER: for a provider on a development machine only (tokens and the client secret would cross the network in the clear). Refused in production.',
    flag,
    'false',
  ),
  oidcPushedAuthorization: setting(
    'OIDC_PUSHED_AUTHORIZATION',
    'Send the sign-in request to the provider server to server first (RFC 9126) when it offers that (Keycloak does), so a redirect URI or client it refuses shows in the log.',
    flag,
    'true',
  ),
  oidcScopes: setting(
    'OIDC_SCOPES',
    'Scopes asked for at sign-in, separated by spaces; must include `openid`. Google and Entra ID refuse a `groups` scope: see docs/identity-providers.md.',
    scopes,
    'openid email profile groups',
  ),
  oidcEmailClaim: setting('OIDC_EMAIL_CLAIM', 'Claim that holds the e-mail address.', claimName, 'email'),
  oidcEmailVerifiedClaim: setting(
    'OIDC_EMAIL_VERIFIED_CLAIM',
    'Claim that says the provider verified the e-mail (`true` or `"true"`); Entra ID: `xms_edov`. An address counts only when verified (SPEC section 1).',
    claimName,
    'email_verified',
  ),
  oidcEmailVerifiedIfAbsent: setting(
    'OIDC_EMAIL_VERIFIED_IF_ABSENT',
    'Count an e-mail as verified when the verified claim is absent (an explicit false is still refused). Risk: whoever can set an address at this issuer, unchecked, receives the secrets sent to it; turn on only for an issuer whose every address belongs to a mailbox it controls.',
    flag,
    'false',
  ),
  oidcNameClaim: setting(
    'OIDC_NAME_CLAIM',
    'Claim that holds the display name (falls back to `preferred_username`, then the e-mail).',
    claimName,
    'name',
  ),
  oidcGroupsClaim: setting(
    'OIDC_GROUPS_CLAIM',
    'Claim that lists group memberships (for STAFF_GROUP, ADMIN_GROUP and TEAMS).',
    claimName,
    'groups',
  ),
  oidcRolesClaim: setting(
    'OIDC_ROLES_CLAIM',
    'Claim that lists role values (for STAFF_ROLE and ADMIN_ROLE), e.g. `roles` (Entra ID) or `realm_access.roles` (Keycloak). Unset: roles are not read.',
    claimName.optional(),
  ),
  oidcLocaleClaim: setting(
    'OIDC_LOCALE_CLAIM',
    'Claim that holds the language (a BCP 47 tag such as `de` or `nl-BE`, L2); Entra ID: `xms_pl`.',
    claimName,
    'locale',
  ),
  oidcClearanceClaim: setting(
    'OIDC_CLEARANCE_CLAIM',
    'Claim that holds the clearance level, 1-3 (C2). Set: the provider decides clearance at every sign-in, a missing or other value gives DEFAULT_CLEARANCE, and a level set in Safe Share lasts until the next sign-in. Unset: clearance is managed in Safe Share.',
    claimName.optional(),
  ),
  oidcGroupPrefix: setting(
    'OIDC_GROUP_PREFIX',
    "Stripped from the start of group values, in the claim and in STAFF_GROUP, ADMIN_GROUP and TEAMS alike, before they are compared: `/` for Keycloak's full group paths.",
    z.string().min(1).optional(),
  ),
  staffEmailDomains: setting(
    'STAFF_EMAIL_DOMAINS',
    "Comma-separated e-mail domains whose verified addresses are staff, subdomains included. The default is the demo's, refused in production.",
    domains,
    'example.com',
  ),
  staffGroup: setting(
    'STAFF_GROUP',
    'Groups-claim value that makes an account staff.',
    z.string().min(1).optional(),
  ),
  staffRole: setting(
    'STAFF_ROLE',
    'Roles-claim value (OIDC_ROLES_CLAIM) that makes an account staff.',
    z.string().min(1).optional(),
  ),
  adminGroup: setting(
    'ADMIN_GROUP',
    'Groups-claim value that makes a staff account admin.',
    z.string().min(1),
    'safe-share-admins',
  ),
  adminRole: setting(
    'ADMIN_ROLE',
    'Roles-claim value (OIDC_ROLES_CLAIM) that makes a staff account admin, e.g. `SafeShare.Admin`.',
    z.string().min(1).optional(),
  ),
  adminEmails: setting(
    'ADMIN_EMAILS',
    'Comma-separated bootstrap admin e-mail addresses (staff only).',
    emails,
    '',
  ),
  teams: setting(
    'TEAMS',
    "Comma-separated staff teams, each `Name=group`: people see the name, and staff whose groups claim holds the group are members (`Service=/support/service`, an Entra group id). `Name` alone: the group is called like the team. A team taken out stops being offered; its secrets stay openable by its recorded members until they expire. The default is the demo's, refused in production.",
    teamList,
    'Service,GO Engineers,Inside Sales',
  ),
  teamsSetByAdmins: setting(
    'TEAMS_SET_BY_ADMINS',
    "Comma-separated names of TEAMS whose members admins set in member management instead of the provider's groups claim (for a provider that sends no groups, or a team it has no group for). The groups claim is not read for these teams.",
    csv.transform((names) => [...new Set(names.map(teamIdFor))]),
    '',
  ),
  expiryDefaultSeconds: setting(
    'EXPIRY_DEFAULT_SECONDS',
    'Expiry preset for new secrets (O3). The first value: admins change it at run time on the admin page (stored in the database, for every instance).',
    seconds,
    String(7 * 24 * 3600),
  ),
  expiryMaxSeconds: setting(
    'EXPIRY_MAX_SECONDS',
    'Longest expiry a sender may choose (O3). The first value: admins change it at run time on the admin page (stored in the database, for every instance).',
    seconds,
    String(30 * 24 * 3600),
  ),
  invitationExpiryDefaultSeconds: setting(
    'INVITATION_EXPIRY_DEFAULT_SECONDS',
    'Expiry preset for new guest invitations (S5). The first value: admins change it at run time on the admin page (stored in the database, for every instance).',
    seconds,
    String(7 * 24 * 3600),
  ),
  invitationExpiryMaxSeconds: setting(
    'INVITATION_EXPIRY_MAX_SECONDS',
    'Longest expiry a staff member may give a guest invitation (S5). The first value: admins change it at run time on the admin page (stored in the database, for every instance).',
    seconds,
    String(30 * 24 * 3600),
  ),
  defaultClearance: setting(
    'DEFAULT_CLEARANCE',
    'Clearance level (1-3) new non-admin accounts get (C2). The first value: admins change it at run time on the admin page (stored in the database, for every instance).',
    z.coerce.number().int().min(1).max(3),
    '1',
  ),
  levelsEnabled: setting(
    'LEVELS_ENABLED',
    'Confidentiality levels (C1): `false` makes every secret and invitation level 1 and shows no level anywhere. The first value: admins change it at run time on the admin page (stored in the database, for every instance).',
    flag,
    'true',
  ),
  recheckClearanceOnOpen: setting(
    'RECHECK_CLEARANCE_ON_OPEN',
    "Re-check clearance when opening (C7): `true` judges every open by the recipient's clearance now; `false` lets a team member whose clearance was lowered after a secret was shared with them still open it. The first value: admins change it at run time on the admin page (stored in the database, for every instance).",
    flag,
    'false',
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
  auditRetentionDays: setting(
    'AUDIT_RETENTION_DAYS',
    'How long audit events are kept (X6): the expiry sweeper deletes older ones. A refusal that keeps being repeated is one event whose time is its latest repetition. The first value: admins change it at run time on the admin page (stored in the database, for every instance).',
    z.coerce.number().int().min(1).max(36_500),
    '365',
  ),
  signInFlowsPerAddress: setting(
    'SIGN_IN_FLOWS_PER_ADDRESS',
    'Unfinished sign-ins kept per client address (each lives 10 minutes): a new one beyond this replaces the oldest, so nobody can fill the database by starting sign-ins.',
    z.coerce.number().int().min(1).max(100_000),
    '50',
  ),
  redisUrl: setting(
    'REDIS_URL',
    'Redis for the rate limits (`redis://[:password@]host:6379[/db]`, `rediss:` with TLS), so that they hold across instances (X4). Unset: each instance counts in its own memory, which is enough for one instance. While Redis cannot be reached, each instance counts in its own memory (never not at all) and says so in the log and in `safe_share_rate_limit_memory_fallback`.',
    urlOf(['redis:', 'rediss:']).optional(),
  ),
  redisKeyPrefix: setting(
    'REDIS_KEY_PREFIX',
    'Put before every key Safe Share writes to Redis, so that one Redis can serve several installations.',
    z.string().min(1).max(200),
    'safe-share:rate-limit:',
  ),
  rateLimitWindowSeconds: setting(
    'RATE_LIMIT_WINDOW_SECONDS',
    'The window the RATE_LIMIT_* budgets count in (X4): a client over a budget is refused (429 `request.rate_limited`, with `Retry-After`) until its window ends.',
    z.coerce.number().int().min(1).max(86_400),
    '60',
  ),
  rateLimitSignInPerAddress: setting(
    'RATE_LIMIT_SIGN_IN_PER_ADDRESS',
    'Sign-in requests (`/auth/login` and `/auth/callback`, two per sign-in) per client address and window.',
    perWindow,
    '60',
  ),
  rateLimitCreatePerAccount: setting(
    'RATE_LIMIT_CREATE_PER_ACCOUNT',
    'Secrets created per account and window.',
    perWindow,
    '30',
  ),
  rateLimitCreatePerAddress: setting(
    'RATE_LIMIT_CREATE_PER_ADDRESS',
    'Secrets created per client address and window.',
    perWindow,
    '120',
  ),
  rateLimitOpenPerAccount: setting(
    'RATE_LIMIT_OPEN_PER_ACCOUNT',
    'Peeks and opens of secrets together (two per secret read; every wrong link counts) per account and window.',
    perWindow,
    '30',
  ),
  rateLimitOpenPerAddress: setting(
    'RATE_LIMIT_OPEN_PER_ADDRESS',
    'Peeks and opens of secrets together per client address and window.',
    perWindow,
    '120',
  ),
  rateLimitRevokePerAccount: setting(
    'RATE_LIMIT_REVOKE_PER_ACCOUNT',
    'Revocations per account and window.',
    perWindow,
    '30',
  ),
  rateLimitRevokePerAddress: setting(
    'RATE_LIMIT_REVOKE_PER_ADDRESS',
    'Revocations per client address and window.',
    perWindow,
    '120',
  ),
  rateLimitInvitationPerAccount: setting(
    'RATE_LIMIT_INVITATION_PER_ACCOUNT',
    'Views and submissions of guest invitations together, per signed-in account and window.',
    perWindow,
    '30',
  ),
  rateLimitInvitationPerAddress: setting(
    'RATE_LIMIT_INVITATION_PER_ADDRESS',
    'Views and submissions of guest invitations together (a guest needs two), per client address and window.',
    perWindow,
    '30',
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
  const defaulted = new Set<string>();
  for (const [key, { env: name, schema, fallback }] of Object.entries(SETTINGS)) {
    const given = env[name];
    if (given === undefined || given === '') defaulted.add(name);
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
  const refusals = crossChecks(config, defaulted);
  if (refusals.length > 0) throw new ConfigError(`Invalid configuration: ${refusals.join('; ')}`);
  return Object.freeze(config);
}

/** The demo's staff domain (RFC 2606 reserves it), which no real installation has staff in. */
const DEMO_STAFF_DOMAIN = 'example.com';

/**
 * Settings that parse one by one but not together, each refused with the variable named and never a
 * value: a start that cannot work (every sign-in failing later, in silence) stops here instead.
 */
function crossChecks(config: Config, defaulted: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const production = config.nodeEnv === 'production';
  if (config.teamsSetByAdmins.some((id) => !config.teams.some((team) => team.id === id)))
    problems.push('TEAMS_SET_BY_ADMINS names a team that is not in TEAMS');
  if (config.oidcIssuer) {
    if (!config.oidcClientSecret) problems.push('OIDC_CLIENT_SECRET is required with OIDC_ISSUER');
    if (config.oidcIssuer.startsWith('http:') && !config.oidcAllowHttp) {
      problems.push(
        'OIDC_ISSUER is http: (set OIDC_ALLOW_HTTP=true for a development provider, never in production)',
      );
    }
  }
  if (!production) return problems;
  if (!config.oidcIssuer) problems.push('OIDC_ISSUER is required in production (no demo provider)');
  if (config.oidcAllowHttp) problems.push('OIDC_ALLOW_HTTP is refused in production');
  if (!config.publicUrl) {
    problems.push('PUBLIC_URL is required in production (the origin users reach, https://...)');
  } else if (config.publicUrl.startsWith('http:') && !config.allowHttpPublicUrl) {
    problems.push(
      'PUBLIC_URL is http: in production; browsers drop its Secure session cookie and every sign-in fails (use https, or set ALLOW_HTTP_PUBLIC_URL=true for a trial on one machine)',
    );
  }
  if (
    config.staffEmailDomains.some(
      (domain) => domain === DEMO_STAFF_DOMAIN || domain.endsWith(`.${DEMO_STAFF_DOMAIN}`),
    )
  ) {
    problems.push(`STAFF_EMAIL_DOMAINS still holds the demo's ${DEMO_STAFF_DOMAIN} in production`);
  }
  if (defaulted.has(SETTINGS.teams.env))
    problems.push("TEAMS is still the demo's list in production: set your teams");
  return problems;
}

/** Config for tests and tools: defaults plus overrides, without reading the environment. */
export function configWith(overrides: Partial<Config> = {}): Config {
  return Object.freeze({ ...loadConfig({}), ...overrides });
}
