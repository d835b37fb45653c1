import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { associatedData, LINK_KEY_BYTES, type ProtocolVersion } from '../../../src/protocol/crypto.ts';
import { createSecretRequest, type OpenSecretResponse } from '../../../src/protocol/secrets.ts';
import { fromBase64url } from '../../../web/crypto/base64url.ts';
import {
  DecryptionError,
  openSealed,
  proofFor,
  sealSecret,
  sealWithVersion,
} from '../../../web/crypto/secret-crypto.ts';

const recipient = { kind: 'customer', email: 'carla@acme.test' } as const;
const SENDER = 'sender-account-id';

/** A secret sealed by SENDER, and the open response a server that changed nothing would give. */
async function sealedAndOpened(plaintext: string, version: ProtocolVersion = 2) {
  const sealed = await sealWithVersion(version, plaintext, recipient, {
    senderId: SENDER,
    classification: 2,
  });
  const opened: OpenSecretResponse = {
    id: 'x',
    version,
    ciphertext: sealed.request.ciphertext,
    iv: sealed.request.iv,
    recipient,
    classification: 2,
    senderId: SENDER,
    sender: { name: 'S', email: 's@example.com' },
    createdAt: 0,
  };
  return { sealed, opened };
}

describe('protocol v2 crypto (X1)', () => {
  it('round-trips text, Unicode included', async () => {
    const { sealed, opened } = await sealedAndOpened('pässwörd 🔑 ✓');
    expect(await openSealed(sealed.linkKey, opened)).toBe('pässwörd 🔑 ✓');
  });

  it('new secrets are version 2, in a request the server schema accepts, without the key or the plaintext', async () => {
    const sealed = await sealSecret('hunter2', recipient, { senderId: SENDER });
    expect(sealed.request.version).toBe(2);
    expect(createSecretRequest.safeParse(sealed.request).success).toBe(true);
    const wire = JSON.stringify(sealed.request);
    expect(wire).not.toContain(sealed.linkKey);
    expect(wire).not.toContain('hunter2');
    expect(fromBase64url(sealed.linkKey)).toHaveLength(LINK_KEY_BYTES);
  });

  it('the server accepts no version 1 secret any more', async () => {
    const sealed = await sealSecret('x', recipient, { senderId: SENDER });
    expect(createSecretRequest.safeParse({ ...sealed.request, version: 1 }).success).toBe(false);
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
    ['v2: another sender', { senderId: 'someone-else' }],
    ['v2: an empty sender', { senderId: '' }],
    ['v2 sold as v1 (the sender binding dropped)', { version: 1 }],
    ['an unknown version', { version: 3 }],
  ] as const)('fails opaquely when the server changed %s', async (_what, change) => {
    const { sealed, opened } = await sealedAndOpened('x');
    await expect(openSealed(sealed.linkKey, { ...opened, ...change } as OpenSecretResponse)).rejects.toThrow(
      DecryptionError,
    );
  });

  it('fails opaquely with a wrong key', async () => {
    const { opened } = await sealedAndOpened('x');
    const other = await sealSecret('y', recipient, { senderId: SENDER });
    await expect(openSealed(other.linkKey, opened)).rejects.toThrow(DecryptionError);
  });

  it('binds the sender as one field of its own: no recipient text can stand in for it', () => {
    const a = associatedData(2, { recipient, classification: 1, senderId: 'x' });
    const b = associatedData(2, {
      recipient: { kind: 'customer', email: 'carla@acme.test","1,"x' },
      classification: 1,
      senderId: '',
    });
    expect(new TextDecoder().decode(a)).toBe('["safe-share",2,"customer:carla@acme.test",1,"x"]');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });
});

describe('protocol v1 secrets still open until they expire', () => {
  it('a v1 secret decrypts, and its additional data is what v1 browsers sealed with', async () => {
    const { sealed, opened } = await sealedAndOpened('from before v2', 1);
    expect(await openSealed(sealed.linkKey, opened)).toBe('from before v2');
    expect(
      new TextDecoder().decode(associatedData(1, { recipient, classification: 2, senderId: SENDER })),
    ).toBe('safe-share v1|customer:carla@acme.test|2');
  });

  it('v1 does not bind the sender (why v2 exists), but still binds recipient and classification', async () => {
    const { sealed, opened } = await sealedAndOpened('v1', 1);
    expect(await openSealed(sealed.linkKey, { ...opened, senderId: 'someone-else' })).toBe('v1');
    await expect(openSealed(sealed.linkKey, { ...opened, classification: 1 })).rejects.toThrow(
      DecryptionError,
    );
    await expect(openSealed(sealed.linkKey, { ...opened, version: 2 })).rejects.toThrow(DecryptionError);
  });
});
