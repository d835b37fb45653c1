/**
 * Issue 14, SPEC section 1, X7: a control character in any string field is refused with 400
 * `request.control_character` and a localised message, and nothing is stored, on both databases.
 * (Before: PostgreSQL answered 500 `invalid byte sequence for encoding "UTF8": 0x00`; SQLite stored it.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealSecret } from '../../web/crypto/secret-crypto.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { shareSecret, toCustomer, toTeam } from '../support/secrets.ts';
import { type SignedInClient, signIn } from '../support/sign-in.ts';

const CONTROL: [string, string][] = [
  ['NUL', '\u0000'],
  ['LF', '\n'],
  ['DEL', '\u007f'],
  ['C1 NEL', '\u0085'],
  ['line separator', '\u2028'],
  ['right-to-left override', '\u202e'],
  ['zero-width space', '\u200b'],
];

describe.each(DIALECTS)('control characters on %s', (dialect) => {
  let t: TestApp;
  let sven: SignedInClient;
  let carla: SignedInClient;

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    [sven, carla] = await Promise.all([signIn(t.baseUrl, 'sven'), signIn(t.baseUrl, 'carla')]);
  });
  afterAll(() => t?.close());

  /** What the sender's list holds: a refused request must add nothing to it (X7). */
  const sentBy = async (client: SignedInClient) => (await client.api('GET', '/api/secrets')).body.sent;

  async function expectRefused(client: SignedInClient, body: unknown, path: string) {
    const before = await sentBy(client);
    const { status, body: reply } = await client.api('POST', '/api/secrets', body);
    expect(status).toBe(400);
    expect(reply.error.code).toBe('request.control_character');
    expect(reply.error.issues).toEqual([{ path, problem: 'request.control_character' }]);
    expect(await sentBy(client)).toEqual(before);
    return reply;
  }

  it.each(CONTROL)('staff to a customer e-mail holding %s: 400, nothing stored', async (_name, character) => {
    const sealed = await sealSecret('x', toCustomer('carla@acme.test'), { senderId: 'test-sender' });
    const body = { ...sealed.request, recipient: { kind: 'customer', email: `carla${character}@acme.test` } };
    await expectRefused(sven, body, 'recipient.email');
  });

  it.each(CONTROL)('a customer to a team id holding %s: 400, nothing stored', async (_name, character) => {
    const sealed = await sealSecret('x', toTeam('service'), { senderId: 'test-sender' });
    const body = { ...sealed.request, recipient: { kind: 'team', team: `serv${character}ice` } };
    await expectRefused(carla, body, 'recipient.team');
  });

  it.each(['ciphertext', 'iv', 'verifier'])('a NUL in %s: 400, nothing stored', async (field) => {
    const sealed = await sealSecret('x', toCustomer('carla@acme.test'), { senderId: 'test-sender' });
    const request = sealed.request as unknown as Record<string, string>;
    await expectRefused(sven, { ...request, [field]: `\u0000${request[field]?.slice(1)}` }, field);
  });

  it('L1: the message is in the account language (German for Sven)', async () => {
    const sealed = await sealSecret('x', toCustomer('carla@acme.test'), { senderId: 'test-sender' });
    const reply = await expectRefused(
      sven,
      { ...sealed.request, recipient: { kind: 'customer', email: 'carla\u0000@acme.test' } },
      'recipient.email',
    );
    expect(reply.error.message).toMatch(/Steuer- oder unsichtbares Zeichen/);
  });

  it('the same addresses without the control character still work, and show in the list', async () => {
    expect((await shareSecret(sven, 'fine', toCustomer('carla@acme.test'))).status).toBe(201);
    expect((await shareSecret(carla, 'fine', toTeam('service'))).status).toBe(201);
    expect(await sentBy(sven)).toHaveLength(1);
    expect(await sentBy(carla)).toHaveLength(1);
  });
});
