import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LINK_KEY_BYTES } from '../../../src/protocol/crypto.ts';
import { createSecretRequest, type OpenSecretResponse } from '../../../src/protocol/secrets.ts';
import { fromBase64url } from '../../../web/crypto/base64url.ts';
import { DecryptionError, openSealed, proofFor, sealSecret } from '../../../web/crypto/secret-crypto.ts';

const recipient = { kind: 'customer', email: 'carla@acme.test' } as const;

async function sealedAndOpened(plaintext: string) {
  const sealed = await sealSecret(plaintext, recipient, { classification: 2 });
  const opened: OpenSecretResponse = {
    id: 'x',
    version: 1,
    ciphertext: sealed.request.ciphertext,
    iv: sealed.request.iv,
    recipient,
    classification: 2,
    sender: { name: 'S', email: 's@example.com' },
    createdAt: 0,
  };
  return { sealed, opened };
}

describe('protocol v1 crypto (X1)', () => {
  it('round-trips text, Unicode included', async () => {
    const { sealed, opened } = await sealedAndOpened('pässwörd 🔑 ✓');
    expect(await openSealed(sealed.linkKey, opened)).toBe('pässwörd 🔑 ✓');
  });

  it('sends a request the server schema accepts, without the key or the plaintext', async () => {
    const { sealed } = await sealedAndOpened('hunter2');
    expect(createSecretRequest.safeParse(sealed.request).success).toBe(true);
    const wire = JSON.stringify(sealed.request);
    expect(wire).not.toContain(sealed.linkKey);
    expect(wire).not.toContain('hunter2');
    expect(fromBase64url(sealed.linkKey)).toHaveLength(LINK_KEY_BYTES);
  });

  it('stores only SHA-256 of the proof, and the proof is not the link key', async () => {
    const { sealed } = await sealedAndOpened('x');
    const proof = await proofFor(sealed.linkKey);
    expect(proof).not.toBe(sealed.linkKey);
    const hash = createHash('sha256').update(Buffer.from(proof, 'base64url')).digest('base64url');
    expect(sealed.request.verifier).toBe(hash);
  });

  it.each([
    ['another recipient', { recipient: { kind: 'customer', email: 'dirk@globex.test' } }],
    ['another classification', { classification: 1 }],
    ['a changed ciphertext', { ciphertext: 'AAAA' }],
  ] as const)('fails opaquely when the server changed %s', async (_what, change) => {
    const { sealed, opened } = await sealedAndOpened('x');
    await expect(openSealed(sealed.linkKey, { ...opened, ...change } as OpenSecretResponse)).rejects.toThrow(
      DecryptionError,
    );
  });

  it('fails opaquely with a wrong key', async () => {
    const { opened } = await sealedAndOpened('x');
    const other = await sealSecret('y', recipient);
    await expect(openSealed(other.linkKey, opened)).rejects.toThrow(DecryptionError);
  });
});
