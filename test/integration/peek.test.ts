/** O4, O5: the open page learns who sent a secret without handing it out or burning it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proofFor } from '../../web/crypto/secret-crypto.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { openSecret, shareSecret, toCustomer } from '../support/secrets.ts';
import { type SignedInClient, signInAll } from '../support/sign-in.ts';

describe.each(DIALECTS)('peek on %s', (dialect) => {
  let t: TestApp;
  let sven: SignedInClient;
  let carla: SignedInClient;
  let dirk: SignedInClient;

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    [sven, carla, dirk] = await signInAll(t.baseUrl, ['sven', 'carla', 'dirk']);
  });
  afterAll(() => t?.close());

  const peek = async (client: SignedInClient, id: string, linkKey: string) =>
    client.api('POST', `/api/secrets/${id}/peek`, { proof: await proofFor(linkKey) });

  it('O4: the recipient sees sender, recipient and expiry; nothing is handed out or burned', async () => {
    const shared = await shareSecret(sven, 'peek-canary', toCustomer('carla@acme.test'));
    for (let i = 0; i < 3; i++) {
      const { status, body } = await peek(carla, shared.id, shared.linkKey);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        id: shared.id,
        sender: { name: 'Sven Service', email: 'sven.service@example.com' },
        recipient: { kind: 'customer', email: 'carla@acme.test' },
        classification: 1,
        expiresAt: shared.body.expiresAt,
      });
      expect(JSON.stringify(body)).not.toContain(shared.sent.ciphertext);
    }
    expect((await openSecret(carla, shared.id, shared.linkKey)).plaintext).toBe('peek-canary');
    expect((await peek(carla, shared.id, shared.linkKey)).body.error.code).toBe('secret.gone');
  });

  it('O5: peek refuses like open: a non-recipient, a wrong proof, no sign-in', async () => {
    const shared = await shareSecret(sven, 'x', toCustomer('carla@acme.test'));
    const other = await shareSecret(sven, 'y', toCustomer('carla@acme.test'));
    expect((await peek(dirk, shared.id, shared.linkKey)).body.error.code).toBe('secret.not_for_you');
    expect((await peek(carla, shared.id, other.linkKey)).body.error.code).toBe('secret.gone');
    const anonymous = await fetch(`${t.baseUrl}/api/secrets/${shared.id}/peek`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: t.baseUrl },
      body: JSON.stringify({ proof: await proofFor(shared.linkKey) }),
    });
    expect(anonymous.status).toBe(401);
    expect((await openSecret(carla, shared.id, shared.linkKey)).plaintext).toBe('x');
  });

  it('O3: /api/config offers the expiry choices within the maximum, with the default among them', async () => {
    const response = await fetch(`${t.baseUrl}/api/config`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      expiry: { defaultSeconds: 604800, maxSeconds: 2592000, presetSeconds: [3600, 86400, 604800, 2592000] },
      // S5: invitations have their own preset and maximum, the same by default.
      invitationExpiry: {
        defaultSeconds: 604800,
        maxSeconds: 2592000,
        presetSeconds: [3600, 86400, 604800, 2592000],
      },
      levelsEnabled: true,
      locales: ['en', 'de', 'nl'],
    });
  });
});
