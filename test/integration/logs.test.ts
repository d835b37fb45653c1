/**
 * X3, R3: nothing secret reaches a log or the audit trail. Runs a whole lifecycle with known values,
 * then reads every log line the app wrote and every audit row.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseForTests } from '../../src/store/testing.ts';
import { proofFor } from '../../web/crypto/secret-crypto.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { openSecret, type SharedSecret, shareSecret, toCustomer, toTeam } from '../support/secrets.ts';
import { signInAll } from '../support/sign-in.ts';

describe.each(DIALECTS)('no secrets in logs on %s', (dialect) => {
  let t: TestApp;
  const shared: SharedSecret[] = [];
  const plaintexts = ['log-canary-plaintext-1', 'log-canary-plaintext-2', 'log-canary-plaintext-3'];

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    const [sven, carla, dirk] = await signInAll(t.baseUrl, ['sven', 'carla', 'dirk']);
    shared.push(await shareSecret(sven, plaintexts[0] as string, toCustomer('carla@acme.test')));
    shared.push(await shareSecret(carla, plaintexts[1] as string, toTeam('service')));
    shared.push(await shareSecret(sven, plaintexts[2] as string, toCustomer('carla@acme.test')));
    const [first, second, third] = shared as [SharedSecret, SharedSecret, SharedSecret];
    await openSecret(dirk, first.id, first.linkKey); // refused
    await openSecret(carla, first.id, first.linkKey); // opened
    await openSecret(carla, first.id, first.linkKey); // gone
    await openSecret(sven, second.id, second.linkKey); // opened by a team member
    await openSecret(carla, third.id, shared[1]?.linkKey as string); // wrong proof
    await sven.api('POST', `/api/secrets/${third.id}/revoke`);
  });
  afterAll(() => t?.close());

  async function secretValues(): Promise<string[]> {
    const values: string[] = [...plaintexts];
    for (const s of shared) {
      values.push(s.id, s.linkKey, s.sent.ciphertext, s.sent.verifier, s.sent.iv, await proofFor(s.linkKey));
    }
    return values;
  }

  it('the log file holds request lines but no id, key, proof, verifier, ciphertext or plaintext', async () => {
    const log = await readFile(t.logFile, 'utf8');
    expect(log.split('\n').length).toBeGreaterThan(10); // the app did log: the check below is not vacuous
    for (const value of await secretValues()) expect(log).not.toContain(value);
  });

  it('the audit trail records every step by hashed id, never a secret value', async () => {
    const rows = await databaseForTests(t.store).selectFrom('audit_events').selectAll().execute();
    const actions = rows.map((row) => `${row.action}:${row.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'secret.created:ok',
        'secret.opened:ok',
        'secret.refused:refused',
        'secret.revoked:ok',
      ]),
    );
    const dump = JSON.stringify(rows);
    for (const value of await secretValues()) expect(dump).not.toContain(value);
  });
});
