import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONFIG_DOCS_FILE,
  ENV_EXAMPLE_FILE,
  renderConfigDocs,
  renderEnvExample,
} from '../../scripts/config-docs.ts';
import { ConfigError, databaseLocation, loadConfig, SETTINGS } from '../../src/config.ts';

const DEMO_TEAMS = [
  { id: 'service', name: 'Service', group: 'Service' },
  { id: 'go-engineers', name: 'GO Engineers', group: 'GO Engineers' },
  { id: 'inside-sales', name: 'Inside Sales', group: 'Inside Sales' },
];

/** A production configuration that starts; the refusal tests below change one thing of it. */
const PRODUCTION = Object.freeze({
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://share.example.org',
  OIDC_ISSUER: 'https://id.example.org/realms/staff',
  OIDC_CLIENT_SECRET: 'sEcReT-client',
  STAFF_EMAIL_DOMAINS: 'example.org',
  TEAMS: 'Service=/support/service',
});

/** A value that must never be echoed back by an error message. */
const SECRET_LOOKING = 'sEcReT-123';

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(Object.keys(env))} to be refused`);
}

describe('configuration docs never drift from SETTINGS (STYLE 7)', () => {
  it('docs/configuration.md is what `npm run docs:config` generates', () => {
    expect(readFileSync(CONFIG_DOCS_FILE, 'utf8')).toBe(renderConfigDocs());
  });

  it('.env.example is what `npm run docs:config` generates', () => {
    expect(readFileSync(ENV_EXAMPLE_FILE, 'utf8')).toBe(renderEnvExample());
  });

  it.each(Object.values(SETTINGS).map((setting) => setting.env))('%s is documented in both files', (env) => {
    expect(renderConfigDocs()).toContain(`| \`${env}\` |`);
    expect(renderEnvExample()).toMatch(new RegExp(`^# ${env}=`, 'm'));
  });
});

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment (R1: starts with no set-up)', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      host: '127.0.0.1',
      port: 3000,
      publicUrl: undefined,
      trustProxy: false,
      dataDir: './data',
      databaseUrl: undefined,
      databasePoolSize: 10,
      sqliteBatchMax: 64,
      oidcIssuer: undefined,
      oidcClientId: 'safe-share',
      staffEmailDomains: ['example.com'],
      adminEmails: [],
      teams: DEMO_TEAMS,
      oidcScopes: 'openid email profile groups',
      oidcEmailClaim: 'email',
      oidcEmailVerifiedClaim: 'email_verified',
      oidcEmailVerifiedIfAbsent: false,
      oidcGroupsClaim: 'groups',
      oidcRolesClaim: undefined,
      oidcLocaleClaim: 'locale',
      oidcClearanceClaim: undefined,
      oidcGroupPrefix: undefined,
      oidcAllowHttp: false,
      expiryDefaultSeconds: 7 * 24 * 3600,
      expiryMaxSeconds: 30 * 24 * 3600,
      defaultClearance: 1,
      sweepIntervalSeconds: 60,
      logLevel: 'info',
      shutdownGraceSeconds: 10,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '', TEAMS: '' })).toMatchObject({ port: 3000, teams: DEMO_TEAMS });
  });

  it('trims comma-separated lists, drops empty items, lower-cases staff domains', () => {
    const config = loadConfig({
      STAFF_EMAIL_DOMAINS: ' example.com , Example.ORG,, ',
      TEAMS: 'Service ,  Field Ops,',
      ADMIN_EMAILS: ' ada.admin@example.com ',
    });
    expect(config.staffEmailDomains).toEqual(['example.com', 'example.org']);
    expect(config.teams).toEqual([
      { id: 'service', name: 'Service', group: 'Service' },
      { id: 'field-ops', name: 'Field Ops', group: 'Field Ops' },
    ]);
    expect(config.adminEmails).toEqual(['ada.admin@example.com']);
  });

  it('section 1: staff domains and admin e-mails are kept in their normal form (IDNA, no trailing dot)', () => {
    const config = loadConfig({
      STAFF_EMAIL_DOMAINS: 'Example.COM., Bücher.de, mail.example.org',
      ADMIN_EMAILS: 'Ada.Admin@Example.COM., boss@BÜCHER.de',
    });
    expect(config.staffEmailDomains).toEqual(['example.com', 'xn--bcher-kva.de', 'mail.example.org']);
    expect(config.adminEmails).toEqual(['ada.admin@example.com', 'boss@xn--bcher-kva.de']);
  });

  it.each([
    ['STAFF_EMAIL_DOMAINS', 'example.com, @example.org'],
    ['STAFF_EMAIL_DOMAINS', 'example.com, localhost'],
    ['STAFF_EMAIL_DOMAINS', 'exa\u0000mple.com'],
    ['STAFF_EMAIL_DOMAINS', 'https://example.com/'],
    ['ADMIN_EMAILS', 'ada@example.com, not-an-address'],
    ['ADMIN_EMAILS', 'ada\u202e@example.com'],
  ])('%s: an entry without a normal form (%j) is refused, named but not echoed', (env, value) => {
    const error = refusal({ [env]: value });
    expect(error.message).toContain(env);
    expect(error.message).not.toContain('example');
  });

  it('parses numbers and flags', () => {
    expect(loadConfig({ PORT: '8080', TRUST_PROXY: 'true', DEFAULT_CLEARANCE: '3' })).toMatchObject({
      port: 8080,
      trustProxy: true,
      defaultClearance: 3,
    });
  });

  it('refuses a bad value, naming the variable without echoing the value (X3)', () => {
    const error = refusal({ PORT: SECRET_LOOKING });
    expect(error.message).toContain('PORT');
    expect(error.message).not.toContain(SECRET_LOOKING);
  });

  it('names every bad variable at once', () => {
    const error = refusal({ PORT: '70000', LOG_LEVEL: 'loud', TRUST_PROXY: 'yes' });
    for (const name of ['PORT', 'LOG_LEVEL', 'TRUST_PROXY']) expect(error.message).toContain(name);
  });

  // Every setting that refuses the value must say which one and must not repeat it: a mistyped
  // DATABASE_URL or client secret would otherwise end up in a start-up log. Each row asserts: a
  // setting either refuses the value without echoing it, or is listed as free text and accepts it.
  const FREE_TEXT = [
    'HOST',
    'DATA_DIR',
    'OIDC_CLIENT_ID',
    'OIDC_CLIENT_SECRET',
    'STAFF_GROUP',
    'STAFF_ROLE',
    'ADMIN_GROUP',
    'ADMIN_ROLE',
    'TEAMS',
    'OIDC_EMAIL_CLAIM',
    'OIDC_EMAIL_VERIFIED_CLAIM',
    'OIDC_NAME_CLAIM',
    'OIDC_GROUPS_CLAIM',
    'OIDC_ROLES_CLAIM',
    'OIDC_LOCALE_CLAIM',
    'OIDC_CLEARANCE_CLAIM',
    'OIDC_GROUP_PREFIX',
    'REDIS_KEY_PREFIX',
  ];
  const envs = Object.values(SETTINGS).map((setting) => setting.env);

  it.each(envs.filter((env) => !FREE_TEXT.includes(env)))('%s: a refused value is never echoed', (env) => {
    const error = refusal({ [env]: SECRET_LOOKING });
    expect(error.message).toContain(env);
    expect(error.message).not.toContain(SECRET_LOOKING);
  });

  it.each(FREE_TEXT)('%s accepts free text, so it has no refusal to echo', (env) => {
    expect(envs).toContain(env);
    expect(() => loadConfig({ [env]: SECRET_LOOKING })).not.toThrow();
  });

  it('refuses a PostgreSQL URL without echoing it (it may hold a password)', () => {
    const error = refusal({ DATABASE_URL: `mysql://user:${SECRET_LOOKING}@db/x` });
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).not.toContain(SECRET_LOOKING);
  });

  it('R2: production without OIDC_ISSUER is refused (no demo provider in production)', () => {
    const error = refusal({ ...PRODUCTION, OIDC_ISSUER: '' });
    expect(error.message).toContain('OIDC_ISSUER');
    expect(loadConfig(PRODUCTION).nodeEnv).toBe('production');
  });

  it('TEAMS_SET_BY_ADMINS names teams of TEAMS, kept as their ids; another name is refused', () => {
    expect(loadConfig({ TEAMS_SET_BY_ADMINS: 'GO Engineers, Service' }).teamsSetByAdmins).toEqual([
      'go-engineers',
      'service',
    ]);
    expect(loadConfig({}).teamsSetByAdmins).toEqual([]);
    expect(refusal({ TEAMS_SET_BY_ADMINS: 'Marketing' }).message).toContain('TEAMS_SET_BY_ADMINS');
  });

  it('O3: an expiry default above the maximum is refused', () => {
    const error = refusal({ EXPIRY_DEFAULT_SECONDS: '7200', EXPIRY_MAX_SECONDS: '3600' });
    expect(error.message).toContain('EXPIRY_DEFAULT_SECONDS');
    expect(loadConfig({ EXPIRY_DEFAULT_SECONDS: '3600', EXPIRY_MAX_SECONDS: '3600' }).expiryMaxSeconds).toBe(
      3600,
    );
  });

  it('S5: invitations expire after 7 days by default, at most 30; a default above the maximum is refused', () => {
    expect(loadConfig({})).toMatchObject({
      invitationExpiryDefaultSeconds: 7 * 24 * 3600,
      invitationExpiryMaxSeconds: 30 * 24 * 3600,
    });
    const error = refusal({
      INVITATION_EXPIRY_DEFAULT_SECONDS: '7200',
      INVITATION_EXPIRY_MAX_SECONDS: '3600',
    });
    expect(error.message).toContain('INVITATION_EXPIRY_DEFAULT_SECONDS');
    expect(
      loadConfig({ INVITATION_EXPIRY_DEFAULT_SECONDS: '3600', INVITATION_EXPIRY_MAX_SECONDS: '3600' })
        .invitationExpiryDefaultSeconds,
    ).toBe(3600);
  });

  it('refuses an empty team list', () => {
    expect(refusal({ TEAMS: ' , ' }).message).toContain('TEAMS');
  });
});

/**
 * Issue 20: a configuration that cannot work stops the start, with a message that names the variable and
 * never its value (which may be a secret, a password, or say where the service runs).
 */
describe('configuration refused at start, naming the variable, never the value (issue 20)', () => {
  const CANARY = 'sEcReT-canary-42';
  const refused = (env: Record<string, string>, variable: string, ...values: string[]) => {
    const error = refusal(env);
    expect(error.message).toContain(variable);
    for (const value of [CANARY, ...values]) expect(error.message).not.toContain(value);
    return error;
  };

  it('R2: production with an http: PUBLIC_URL (its Secure cookie would be dropped), unless the insecure override is set', () => {
    refused({ ...PRODUCTION, PUBLIC_URL: `http://${CANARY}.example.org` }, 'PUBLIC_URL');
    const allowed = loadConfig({
      ...PRODUCTION,
      PUBLIC_URL: `http://${CANARY}.example.org`,
      ALLOW_HTTP_PUBLIC_URL: 'true',
    });
    expect(allowed).toMatchObject({ nodeEnv: 'production', allowHttpPublicUrl: true });
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' }).publicUrl).toBe('http://127.0.0.1:3000');
  });

  it('R2: production without PUBLIC_URL', () => {
    refused({ ...PRODUCTION, PUBLIC_URL: '' }, 'PUBLIC_URL');
  });

  it.each([
    ['a scheme other than http or https', `ftp://${CANARY}.example.org`],
    ['a path', `https://share.example.org/${CANARY}`],
    ['a path ending in a slash', `https://share.example.org/${CANARY}/`],
    ['a query', `https://share.example.org/?${CANARY}`],
    ['a fragment', `https://share.example.org/#${CANARY}`],
    ['credentials', `https://user:${CANARY}@share.example.org`],
    ['no URL at all', CANARY],
  ])('PUBLIC_URL with %s', (_what, value) => {
    refused({ PUBLIC_URL: value }, 'PUBLIC_URL', 'share.example.org');
  });

  it('PUBLIC_URL may end in the root slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://share.example.org/' }).publicUrl).toBe(
      'https://share.example.org/',
    );
  });

  it('OIDC_ISSUER without OIDC_CLIENT_SECRET', () => {
    const error = refused({ OIDC_ISSUER: `https://${CANARY}.example.org/realms/x` }, 'OIDC_CLIENT_SECRET');
    expect(error.message).toContain('OIDC_ISSUER');
  });

  it('an http: OIDC_ISSUER without OIDC_ALLOW_HTTP, and OIDC_ALLOW_HTTP in production', () => {
    const http = { OIDC_ISSUER: `http://${CANARY}.example.org/realms/x`, OIDC_CLIENT_SECRET: CANARY };
    refused(http, 'OIDC_ALLOW_HTTP');
    expect(loadConfig({ ...http, OIDC_ALLOW_HTTP: 'true' }).oidcAllowHttp).toBe(true);
    refused({ ...PRODUCTION, ...http, OIDC_ALLOW_HTTP: 'true' }, 'OIDC_ALLOW_HTTP');
  });

  it.each([
    ['a scheme other than http or https', `ldap://${CANARY}.example.org`],
    ['no URL at all', CANARY],
  ])('OIDC_ISSUER with %s', (_what, value) => {
    refused({ OIDC_ISSUER: value, OIDC_CLIENT_SECRET: 'x' }, 'OIDC_ISSUER');
  });

  it.each([
    ['no URL at all', `user:${CANARY}@db/safe_share`],
    ['another database', `mysql://user:${CANARY}@db/safe_share`],
    ['a broken port', `postgres://user:${CANARY}@db:port/safe_share`],
    ['a space in the host', `postgres://user:${CANARY}@d b/safe_share`],
  ])('a DATABASE_URL that does not parse: %s', (_what, value) => {
    refused({ DATABASE_URL: value }, 'DATABASE_URL', 'user:');
  });

  it('DATABASE_URL: the forms pg reads are accepted (host, socket, postgresql:)', () => {
    for (const url of [
      'postgres://safe_share:pw@db.internal:5433/safe_share',
      'postgresql://db/safe_share?sslmode=require',
      'postgres:///safe_share?host=/var/run/postgresql',
      // A user and no host: WHATWG URL refuses it, pg reads it as a Unix socket (issue 22).
      'postgres://postgres@/test?host=/var/run/postgresql',
      'postgresql://safe_share:pw@/safe_share?host=%2Fvar%2Frun%2Fpostgresql',
    ]) {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    }
  });

  it('DATABASE_URL: where it points is told without the user or password, a socket by its folder', () => {
    expect(databaseLocation('postgres://u:pw@db.internal:5433/safe_share')).toBe(
      'db.internal:5433/safe_share',
    );
    expect(databaseLocation('postgres://u:pw@/safe_share?host=/var/run/postgresql')).toBe(
      'socket /var/run/postgresql, database safe_share',
    );
    expect(databaseLocation('postgres:///safe_share?host=/run/pg')).toBe(
      'socket /run/pg, database safe_share',
    );
  });

  it("production still on the demo's staff domain", () => {
    refused({ ...PRODUCTION, STAFF_EMAIL_DOMAINS: '' }, 'STAFF_EMAIL_DOMAINS');
    refused(
      { ...PRODUCTION, STAFF_EMAIL_DOMAINS: 'example.org, mail.example.com' },
      'STAFF_EMAIL_DOMAINS',
      'mail.',
    );
  });

  it("production still on the demo's teams", () => {
    refused({ ...PRODUCTION, TEAMS: '' }, 'TEAMS');
  });

  it.each([
    ['an entry without a name', `=${CANARY}`],
    ['an entry with an empty group', `${CANARY}=`],
    ['a name without letters or digits', '**=x'],
    ['two names with one id', `Service=${CANARY},service=/other`],
  ])('TEAMS with %s', (_what, value) => {
    refused({ TEAMS: value }, 'TEAMS');
  });

  it.each([
    ['no openid', 'email profile'],
    ['a character no scope may hold', 'openid "groups"'],
  ])('OIDC_SCOPES with %s', (_what, value) => {
    refused({ OIDC_SCOPES: value }, 'OIDC_SCOPES');
  });

  it('R4: a claim name with a space', () => {
    refused({ OIDC_EMAIL_CLAIM: `mail ${CANARY}` }, 'OIDC_EMAIL_CLAIM');
  });

  it('R4: TEAMS as display name plus provider group; a name alone is its own group', () => {
    expect(
      loadConfig({
        TEAMS: 'Service=/support/service, GO Engineers = a2b3c4d5-e6f7-4890-a1b2-c3d4e5f6a7b8, Sales',
      }).teams,
    ).toEqual([
      { id: 'service', name: 'Service', group: '/support/service' },
      { id: 'go-engineers', name: 'GO Engineers', group: 'a2b3c4d5-e6f7-4890-a1b2-c3d4e5f6a7b8' },
      { id: 'sales', name: 'Sales', group: 'Sales' },
    ]);
  });

  it('R4: scopes are kept as one space-separated list without repeats', () => {
    expect(loadConfig({ OIDC_SCOPES: ' openid,email  profile openid ' }).oidcScopes).toBe(
      'openid email profile',
    );
  });

  it('a valid production configuration starts', () => {
    expect(loadConfig(PRODUCTION)).toMatchObject({
      nodeEnv: 'production',
      publicUrl: 'https://share.example.org',
    });
  });
});
