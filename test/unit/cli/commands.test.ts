/** R5: the `safe-share` command's arguments, and check-config, which never prints a secret. */
import { describe, expect, it } from 'vitest';
import { runCommand, USAGE } from '../../../src/cli/index.ts';

async function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(argv, env, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('safe-share', () => {
  it.each([[[]], [['help']], [['--help']]])('prints the usage for %j', async (argv) => {
    const result = await run(argv);
    expect(result.code).toBe(0);
    expect(result.out).toBe(USAGE);
  });

  it.each([
    [['frobnicate'], 'Unknown command: frobnicate'],
    [['backup'], 'needs exactly one file name'],
    [['restore', 'a', 'b'], 'needs exactly one file name'],
    [['migrate', 'now'], 'takes no arguments'],
    [['backup', 'x', '--replace'], '--replace is an option of restore'],
  ])('answers a usage mistake %j with exit 2 and the usage', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).toContain(USAGE);
  });

  it('check-config: a valid production configuration, described without the secret or the password', async () => {
    const result = await run(['check-config'], {
      NODE_ENV: 'production',
      OIDC_ISSUER: 'https://id.example.com/realms/staff',
      OIDC_CLIENT_SECRET: 'sEcReT-client-123',
      DATABASE_URL: 'postgres://safe_share:pAsSwOrD-456@db.internal:5433/safe_share',
      PUBLIC_URL: 'https://share.example.com',
      TRUST_PROXY: 'true',
      STAFF_EMAIL_DOMAINS: 'corp.example.net',
      TEAMS: 'Support,Engineering',
    });
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('PostgreSQL at db.internal:5433/safe_share');
    expect(result.out).toContain('https://id.example.com/realms/staff');
    expect(result.out).toContain('(TRUST_PROXY): every peer');
    expect(result.out).not.toContain('sEcReT-client-123');
    expect(result.out).not.toContain('pAsSwOrD-456');
    expect(result.out).not.toContain('safe_share:');
  });

  it('check-config: an invalid setting exits 1 naming the variable, never its value', async () => {
    const result = await run(['check-config'], { PORT: 'sEcReT-123' });
    expect(result.code).toBe(1);
    expect(result.err).toContain('PORT');
    expect(result.err).not.toContain('sEcReT-123');
  });

  it('check-config: the demo provider is named as such', async () => {
    const result = await run(['check-config']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('DEMO provider');
    expect(result.out).toContain('(TRUST_PROXY): none');
  });

  it('check-config: the proxies TRUST_PROXY names are listed', async () => {
    const result = await run(['check-config'], { TRUST_PROXY: 'loopback' });
    expect(result.out).toContain('(TRUST_PROXY): 127.0.0.0/8, ::1/128');
  });
});
