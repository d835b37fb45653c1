/** X7: bad input of any kind gets a clear 4xx with a stable code and a localised message, and changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/protocol/crypto.ts';
import { sealSecret } from '../../web/crypto/secret-crypto.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { shareSecret, toCustomer } from '../support/secrets.ts';
import { type SignedInClient, signIn } from '../support/sign-in.ts';
import { countRows } from '../support/store-rows.ts';

describe.each(DIALECTS)('bad input on %s', (dialect) => {
  let t: TestApp;
  let sven: SignedInClient;
  let valid: Record<string, unknown>;

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    sven = await signIn(t.baseUrl, 'sven');
    valid = (await sealSecret('x', toCustomer('carla@acme.test'), { senderId: 'test-sender' }))
      .request as unknown as Record<string, unknown>;
  });
  afterAll(() => t?.close());

  const rowCounts = async () => {
    return [await countRows(t.store, 'secrets'), await countRows(t.store, 'secret_contents')];
  };

  const post = (body: string, contentType = 'application/json') =>
    sven.fetch('/api/secrets', { method: 'POST', headers: { 'content-type': contentType }, body });

  const cases: [string, () => string, number, string][] = [
    ['malformed JSON', () => '{"version":1,', 400, 'request.malformed_json'],
    ['an empty body', () => '', 400, 'request.malformed_json'],
    ['an array', () => '[]', 400, 'request.invalid'],
    ['an unknown field', () => JSON.stringify({ ...valid, extra: 1 }), 400, 'request.invalid'],
    ['a wrong type', () => JSON.stringify({ ...valid, classification: '1' }), 400, 'request.invalid'],
    ['an unknown protocol version', () => JSON.stringify({ ...valid, version: 3 }), 400, 'request.invalid'],
    [
      'the retired protocol version 1',
      () => JSON.stringify({ ...valid, version: 1 }),
      400,
      'request.invalid',
    ],
    [
      'an invalid e-mail',
      () => JSON.stringify({ ...valid, recipient: { kind: 'customer', email: 'not-an-email' } }),
      400,
      'request.invalid',
    ],
    ['a missing recipient', () => JSON.stringify({ ...valid, recipient: undefined }), 400, 'request.invalid'],
    [
      'a classification out of range',
      () => JSON.stringify({ ...valid, classification: 4 }),
      400,
      'request.invalid',
    ],
    [
      'a verifier of the wrong length',
      () => JSON.stringify({ ...valid, verifier: 'AAAA' }),
      400,
      'request.invalid',
    ],
    [
      'a ciphertext that is not base64url',
      () => JSON.stringify({ ...valid, ciphertext: 'a+b/c=' }),
      400,
      'request.invalid',
    ],
    ['a negative expiry', () => JSON.stringify({ ...valid, expiresInSeconds: -5 }), 400, 'request.invalid'],
    [
      'an oversized body',
      () => JSON.stringify({ ...valid, ciphertext: 'A'.repeat(MAX_BODY_BYTES) }),
      413,
      'request.too_large',
    ],
    [
      'a prototype-pollution key',
      () => `{"__proto__":{"x":1},${JSON.stringify(valid).slice(1)}`,
      400,
      'request.malformed_json',
    ],
  ];

  it.each(cases)('%s', async (_what, body, status, code) => {
    const before = await rowCounts();
    const response = await post(body());
    expect(response.status).toBe(status);
    const reply = await response.json();
    expect(reply.error.code).toBe(code);
    expect(reply.error.message.length).toBeGreaterThan(0);
    expect(await rowCounts()).toEqual(before);
  });

  it('a body that is not JSON gets 415', async () => {
    const response = await post('hello', 'text/plain');
    expect(response.status).toBe(415);
    expect((await response.json()).error.code).toBe('request.unsupported_media_type');
  });

  it('L1: the message is in the account language (German for Sven)', async () => {
    const response = await post('{');
    expect((await response.json()).error.message).toBe(
      'Die Anfrage konnte nicht gelesen werden: Sie ist kein gültiges JSON.',
    );
  });

  it('issues name the bad field, never its value', async () => {
    const response = await post(
      JSON.stringify({ ...valid, recipient: { kind: 'customer', email: 'secret-value-123' } }),
    );
    const text = await response.text();
    expect(text).toContain('recipient.email');
    expect(text).not.toContain('secret-value-123');
  });

  it('a valid request still works after all that', async () => {
    expect((await shareSecret(sven, 'fine', toCustomer('carla@acme.test'))).status).toBe(201);
  });
});
