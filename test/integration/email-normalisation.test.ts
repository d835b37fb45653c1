/**
 * Issue 14, SPEC section 1 and S1 over HTTP on both databases: an address is compared in its normal form
 * (trimmed, NFC, lower case, IDNA, no trailing dot), a subdomain of a staff domain is staff, and a domain
 * that mixes scripts is refused. Each refusal has its code and a localised message and creates nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { openSecret, shareSecret, toCustomer } from '../support/secrets.ts';
import { type SignedInClient, signIn } from '../support/sign-in.ts';

describe.each(DIALECTS)('e-mail and domain normalisation on %s', (dialect) => {
  let t: TestApp;
  let sven: SignedInClient;
  let carla: SignedInClient;

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    [sven, carla] = await Promise.all([signIn(t.baseUrl, 'sven'), signIn(t.baseUrl, 'carla')]);
  });
  afterAll(() => t?.close());

  /** What the sender's list holds: a refused share must add nothing to it (X7). */
  const sentBy = async (client: SignedInClient) => (await client.api('GET', '/api/secrets')).body.sent;

  it.each([
    ['S1: a staff address with a trailing dot', 'ada.admin@example.com.', 'share.staff_address'],
    ['S1: a staff address in capitals with a trailing dot', 'Ada.Admin@EXAMPLE.com.', 'share.staff_address'],
    ['S1: an address in a subdomain of a staff domain', 'x@sub.example.com', 'share.staff_address'],
    [
      'S1: a staff address with an ideographic full stop',
      'ada.admin@example\u3002com',
      'share.staff_address',
    ],
    ['a Cyrillic look-alike of the staff domain', 'ada.admin@\u0435xample.com', 'share.mixed_script_address'],
    [
      'the same look-alike in its xn-- spelling',
      'ada.admin@xn--xample-2of.com',
      'share.mixed_script_address',
    ],
    ['a Greek look-alike of a customer domain', 'carla@\u03b1cme.test', 'share.mixed_script_address'],
  ])('%s (%s) is refused with %s, nothing created', async (_rule, email, code) => {
    const before = await sentBy(sven);
    const { status, body } = await shareSecret(sven, 'x', toCustomer(email));
    expect(status).toBe(422);
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
    expect(await sentBy(sven)).toEqual(before);
  });

  it('L1: the look-alike refusal is in the account language (German for Sven)', async () => {
    const { body } = await shareSecret(sven, 'x', toCustomer('ada.admin@\u0435xample.com'));
    expect(body.error.message).toMatch(/mischt Schriften/);
  });

  it('an address that is no host name is request.invalid', async () => {
    for (const email of ['carla@acme', 'carla@127.0.0.1', 'carla@xn--a.test', 'carla@acme.test/x']) {
      const { status, body } = await shareSecret(sven, 'x', toCustomer(email));
      expect([status, body.error.code], email).toEqual([400, 'request.invalid']);
    }
  });

  it('O1: a customer address in another spelling reaches that customer, who opens it', async () => {
    const shared = await shareSecret(sven, 'for carla', toCustomer('  Carla@ACME.test. '));
    expect(shared.status).toBe(201);
    const listed = (await sentBy(sven)).find((secret: { id: string }) => secret.id === shared.id);
    expect(listed.recipient).toEqual({ kind: 'customer', email: 'carla@acme.test' });
    const opened = await openSecret(carla, shared.id, shared.linkKey);
    expect(opened.status).toBe(200);
    expect(opened.plaintext).toBe('for carla');
  });

  it('an internationalised customer domain is stored in its ASCII form', async () => {
    const shared = await shareSecret(sven, 'x', toCustomer('Kunde@Bücher.de'));
    expect(shared.status).toBe(201);
    const listed = (await sentBy(sven)).find((secret: { id: string }) => secret.id === shared.id);
    expect(listed.recipient).toEqual({ kind: 'customer', email: 'kunde@xn--bcher-kva.de' });
  });
});
