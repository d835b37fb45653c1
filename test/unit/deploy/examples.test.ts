/**
 * R5: the deployment examples say what the service needs. compose.yaml with its example .env is a valid
 * production configuration; the reverse proxies set the forwarded headers TRUST_PROXY trusts (set, not
 * appended), replace the request id, let the largest body through and add no security header of their
 * own (X5 is the app's); the systemd unit restarts on failure, is sandboxed, and keeps the data folder in
 * its StateDirectory. (caddy validate, nginx -t and systemd-analyze verify were run on these files by
 * hand; see the README.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVE_COMMAND } from '../../../scripts/release.ts';
import { loadConfig, SETTINGS } from '../../../src/config.ts';
import { MAX_BODY_BYTES } from '../../../src/protocol/crypto.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const KNOWN = new Set(Object.values(SETTINGS).map((setting) => setting.env));

/** `KEY=value` lines of an env file, comments and blank lines skipped. */
function envFile(text: string): Record<string, string> {
  const entries = text
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const);
  return Object.fromEntries(entries);
}

/** `KEY: value` lines of the safe-share service's `environment:` block in compose.yaml. */
function composeEnvironment(compose: string): Record<string, string> {
  const block = /\n {4}environment:\n((?: {6}.*\n)+)/.exec(compose)?.[1] ?? '';
  const entries = block
    .split('\n')
    .map((line) => /^ {6}([A-Z_]+): "?([^"]*)"?$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => [match[1] as string, match[2] as string] as const);
  return Object.fromEntries(entries);
}

describe('compose.yaml and deploy/compose.env.example', () => {
  const compose = read('compose.yaml');
  const environment = composeEnvironment(compose);

  it('R5: together they are a valid production configuration', () => {
    expect(environment.NODE_ENV).toBe('production');
    const env = {
      ...envFile(read('deploy/compose.env.example')),
      ...environment,
      DATABASE_URL: 'postgres://safe_share:password@postgres:5432/safe_share',
    };
    const config = loadConfig(env);
    expect(config).toMatchObject({ nodeEnv: 'production', trustProxy: true, metricsPort: 9464 });
  });

  it('R5: every variable compose sets is a setting (REDIS_URL: of the rate limits, X4)', () => {
    const unknown = Object.keys(environment).filter((name) => !KNOWN.has(name));
    expect(unknown).toEqual(KNOWN.has('REDIS_URL') ? [] : ['REDIS_URL']);
    expect(environment.REDIS_URL).toBe('redis://redis:6379');
  });

  it('R5: Safe Share runs on a read-only root file system with PostgreSQL and Redis beside it', () => {
    expect(compose).toMatch(/\n {4}read_only: true\n/);
    expect(compose).toMatch(/\n {2}postgres:\n {4}image: postgres:/);
    expect(compose).toMatch(/\n {2}redis:\n {4}image: redis:/);
    expect(compose).toContain('- safe-share-data:/data');
  });
});

describe('reverse proxy examples', () => {
  it('R5: nginx sets (never appends) the forwarded headers and the request id, and lets the largest body through', () => {
    const nginx = read('deploy/nginx.conf');
    expect(nginx).toContain('proxy_set_header X-Forwarded-For $remote_addr;');
    expect(nginx).not.toContain('$proxy_add_x_forwarded_for');
    expect(nginx).toContain('proxy_set_header X-Forwarded-Proto $scheme;');
    expect(nginx).toContain('proxy_set_header X-Request-Id $request_id;');
    const bodyLimitKb = Number(/client_max_body_size (\d+)k;/.exec(nginx)?.[1]);
    expect(bodyLimitKb * 1024).toBeGreaterThan(MAX_BODY_BYTES);
    const bufferKb = Number(/client_body_buffer_size (\d+)k;/.exec(nginx)?.[1]);
    expect(bufferKb * 1024).toBeGreaterThan(MAX_BODY_BYTES);
    expect(nginx).not.toMatch(/^\s*add_header/m);
    // Its access log leaves out the path and query (secret ids, sign-in codes: X3).
    const logFormat = /log_format safe_share ([^;]*);/.exec(nginx)?.[1] ?? '';
    expect(logFormat).toContain('$request_id');
    expect(logFormat).not.toMatch(/\$request_uri|\$request\b|\$uri|\$args|\$query_string/);
  });

  it('R5: Caddy replaces the request id and adds no header of its own', () => {
    const caddy = read('deploy/Caddyfile');
    expect(caddy).toContain('header_up X-Request-Id {http.request.uuid}');
    expect(caddy).not.toMatch(/^\s*header\s/m);
    expect(caddy).not.toMatch(/request_body|max_size/);
    expect(caddy).toContain('request>uri delete');
  });
});

describe('deploy/safe-share.service', () => {
  const unit = read('deploy/safe-share.service');
  const directive = (name: string) => unit.match(new RegExp(`^${name}=(.*)$`, 'gm')) ?? [];

  it('R5: restarts on failure, stops with SIGTERM after the grace time, keeps its data in StateDirectory', () => {
    expect(directive('Restart')).toEqual(['Restart=on-failure']);
    expect(directive('KillSignal')).toEqual(['KillSignal=SIGTERM']);
    expect(directive('StateDirectory')).toEqual(['StateDirectory=safe-share']);
    expect(unit).toMatch(/^Environment=.*\bDATA_DIR=\/var\/lib\/safe-share\b/m);
    const [, flags = ''] = /^ExecStart=\S+ (.*)$/m.exec(unit) ?? [];
    expect(`node ${flags}`).toBe(SERVE_COMMAND);
  });

  it('R5: is sandboxed, but lets V8 compile', () => {
    for (const setting of [
      'DynamicUser=yes',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ProtectHome=yes',
      'PrivateTmp=yes',
      'CapabilityBoundingSet=',
      'SystemCallFilter=@system-service',
    ]) {
      expect(unit).toMatch(new RegExp(`^${setting.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    }
    expect(unit).not.toMatch(/^MemoryDenyWriteExecute=yes$/m);
  });
});
