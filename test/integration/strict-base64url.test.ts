/**
 * Issue 14 over HTTP on both databases: base64url is read in its canonical spelling only. Another
 * spelling of the right proof decodes to the same bytes with a lenient decoder; it is refused exactly
 * like a wrong proof (O5: `secret.gone`), and the secret still opens with the real proof.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proofFor, sealSecret } from '../../web/crypto/secret-crypto.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { openSecret, shareSecret, toCustomer } from '../support/secrets.ts';
import { type SignedInClient, signIn } from '../support/sign-in.ts';

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The same bytes spelled with the lowest unused bit of the last digit set. */
const respelled = (canonical: string) =>
  `${canonical.slice(0, -1)}${DIGITS[DIGITS.indexOf(canonical.at(-1) ?? 'A') ^ 1]}`;

describe.each(DIALECTS)('strict base64url on %s', (dialect) => {
  let t: TestApp;
  let sven: SignedInClient;
  let carla: SignedInClient;

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    [sven, carla] = await Promise.all([signIn(t.baseUrl, 'sven'), signIn(t.baseUrl, 'carla')]);
  });
  afterAll(() => t?.close());

  const post = (client: SignedInClient, path: string, proof: string) => client.api('POST', path, { proof });

  it('O5: a respelled right proof is answered like a wrong proof; the real proof still opens', async () => {
    const shared = await shareSecret(sven, 'strict', toCustomer('carla@acme.test'));
    const other = await shareSecret(sven, 'other', toCustomer('carla@acme.test'));
    const proof = await proofFor(shared.linkKey);
    const respelledProof = respelled(proof);
    expect(respelledProof).not.toBe(proof);
    expect(Buffer.from(respelledProof, 'base64url')).toEqual(Buffer.from(proof, 'base64url'));

    const wrong = await post(carla, `/api/secrets/${shared.id}/open`, await proofFor(other.linkKey));
    for (const action of ['peek', 'open']) {
      const refused = await post(carla, `/api/secrets/${shared.id}/${action}`, respelledProof);
      expect(refused.status, action).toBe(404);
      expect(refused.body, action).toEqual(wrong.body);
    }

    const opened = await openSecret(carla, shared.id, shared.linkKey);
    expect(opened.status).toBe(200);
    expect(opened.plaintext).toBe('strict');
  });

  it('O5: a respelled secret id is no id; the real one still opens', async () => {
    const shared = await shareSecret(sven, 'id', toCustomer('carla@acme.test'));
    const refused = await post(
      carla,
      `/api/secrets/${respelled(shared.id)}/open`,
      await proofFor(shared.linkKey),
    );
    expect([refused.status, refused.body.error.code]).toEqual([404, 'secret.gone']);
    expect((await openSecret(carla, shared.id, shared.linkKey)).plaintext).toBe('id');
  });

  it.each(['iv', 'verifier', 'ciphertext'])(
    'X7: a create request with a non-canonical %s is request.invalid, nothing created',
    async (field) => {
      const before = (await sven.api('GET', '/api/secrets')).body.sent;
      const sealed = await sealSecret('x', toCustomer('carla@acme.test'), { senderId: 'test-sender' });
      const request = sealed.request as unknown as Record<string, string>;
      // An iv of 12 bytes has no unused bits: its spellings are all canonical, so lengthen it by a digit.
      const value = request[field] ?? '';
      const bad = field === 'iv' ? `${value}A` : respelled(value);
      const { status, body } = await sven.api('POST', '/api/secrets', { ...request, [field]: bad });
      expect([status, body.error.code]).toEqual([400, 'request.invalid']);
      expect(body.error.issues.map((issue: { path: string }) => issue.path)).toContain(field);
      expect((await sven.api('GET', '/api/secrets')).body.sent).toEqual(before);
    },
  );
});
