import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONFIG_DOCS_FILE,
  ENV_EXAMPLE_FILE,
  renderConfigDocs,
  renderEnvExample,
} from '../../scripts/config-docs.ts';
import { ConfigError, loadConfig, SETTINGS } from '../../src/config.ts';

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
      oidcIssuer: undefined,
      oidcClientId: 'safe-share',
      staffEmailDomains: ['example.com'],
      adminEmails: [],
      teams: ['Service', 'GO Engineers', 'Inside Sales'],
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
    expect(loadConfig({ PORT: '', TEAMS: '' })).toMatchObject({
      port: 3000,
      teams: ['Service', 'GO Engineers', 'Inside Sales'],
    });
  });

  it('trims comma-separated lists, drops empty items, lower-cases staff domains', () => {
    const config = loadConfig({
      STAFF_EMAIL_DOMAINS: ' example.com , Example.ORG,, ',
      TEAMS: 'Service ,  Field Ops,',
      ADMIN_EMAILS: ' ada.admin@example.com ',
    });
    expect(config.staffEmailDomains).toEqual(['example.com', 'example.org']);
    expect(config.teams).toEqual(['Service', 'Field Ops']);
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
    'ADMIN_GROUP',
    'TEAMS',
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
    const error = refusal({ NODE_ENV: 'production' });
    expect(error.message).toContain('OIDC_ISSUER');
    expect(loadConfig({ NODE_ENV: 'production', OIDC_ISSUER: 'https://id.example.com' }).nodeEnv).toBe(
      'production',
    );
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
