/**
 * The invitation protocol in the browser's own code, run on Node 24's WebCrypto (X2, X1): the link's
 * fragment, the key check before sealing, the proof both sides derive, and decryption that fails on any
 * changed fact, with one opaque error.
 */
import { describe, expect, it } from 'vitest';
import { describeBrowser } from '../../../web/api/invitations.ts';
import {
  KeyMismatchError,
  makeInvitationKeys,
  SubmissionDecryptionError,
  sealSubmission,
  submissionOpener,
} from '../../../web/crypto/invitation-crypto.ts';
import { invitationLink, parseInvitationFragment } from '../../../web/link/invitation-link.ts';

const facts = { invitationId: 'AAAAAAAAAAAAAAAAAAAAAA', inviterId: 'staff-1', classification: 1 };

async function sealed(text = 'vpn: hunter2') {
  const keys = await makeInvitationKeys();
  const fragment = { inviteSecret: keys.inviteSecret, publicKey: keys.publicKey };
  const request = await sealSubmission(text, { fragment, serverPublicKey: keys.publicKey, ...facts });
  return { keys, request };
}

const sha256 = async (base64url: string) =>
  Buffer.from(await crypto.subtle.digest('SHA-256', Buffer.from(base64url, 'base64url'))).toString(
    'base64url',
  );

describe('invitation links (X2)', () => {
  it('carry the secret and the public key in the fragment, and read back', async () => {
    const keys = await makeInvitationKeys();
    const link = invitationLink(
      'https://share.example.com',
      facts.invitationId,
      keys.inviteSecret,
      keys.publicKey,
    );
    expect(link).toBe(
      `https://share.example.com/i/${facts.invitationId}#${keys.inviteSecret}.${keys.publicKey}`,
    );
    expect(parseInvitationFragment(link.split('#')[1] as string)).toEqual({
      inviteSecret: keys.inviteSecret,
      publicKey: keys.publicKey,
    });
    expect(keys.secretHash).toBe(await sha256(keys.inviteSecret));
  });

  it.each([
    ['empty', ''],
    ['the secret alone', 'A'.repeat(43)],
    ['a cut public key', `${'A'.repeat(43)}.${'A'.repeat(42)}`],
    ['a third part', `${'A'.repeat(43)}.${'A'.repeat(43)}.x`],
    ['a non-canonical spelling', `${'A'.repeat(42)}B.${'A'.repeat(43)}`],
    ['a character outside base64url', `${'A'.repeat(42)}+.${'A'.repeat(43)}`],
  ])('a damaged fragment (%s) is refused', (_name, fragment) => {
    expect(parseInvitationFragment(fragment)).toBeUndefined();
  });
});

describe('sealing and opening a submission (X2, X1)', () => {
  it('the inviter derives the same proof the guest committed to, and decrypts', async () => {
    const { keys, request } = await sealed('zugang: 4711');
    expect(request.secret).toBe(keys.inviteSecret);
    const opener = await submissionOpener(keys.keyPair, request.enc, facts);
    expect(await sha256(opener.proof)).toBe(request.verifier);
    expect(await opener.open(request.ciphertext)).toBe('zugang: 4711');
  });

  it('X2: a server key that is not the link key stops before anything is sealed', async () => {
    const keys = await makeInvitationKeys();
    const other = await makeInvitationKeys();
    await expect(
      sealSubmission('x', {
        fragment: { inviteSecret: keys.inviteSecret, publicKey: keys.publicKey },
        serverPublicKey: other.publicKey,
        ...facts,
      }),
    ).rejects.toBeInstanceOf(KeyMismatchError);
  });

  it('the private key stays non-extractable', async () => {
    const { keyPair } = await makeInvitationKeys();
    expect(keyPair.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', keyPair.privateKey)).rejects.toThrow();
  });

  it.each([
    ['another invitation', { ...facts, invitationId: 'BBBBBBBBBBBBBBBBBBBBBB' }],
    ['another recipient', { ...facts, inviterId: 'staff-2' }],
    ['another classification', { ...facts, classification: 2 }],
  ])('X1: bound into the seal, %s makes opening fail with one opaque error', async (_name, changed) => {
    const { keys, request } = await sealed();
    const opener = await submissionOpener(keys.keyPair, request.enc, changed);
    await expect(opener.open(request.ciphertext)).rejects.toBeInstanceOf(SubmissionDecryptionError);
  });

  it('another key pair derives another proof and cannot decrypt', async () => {
    const { request } = await sealed();
    const stranger = await makeInvitationKeys();
    const opener = await submissionOpener(stranger.keyPair, request.enc, facts);
    expect(await sha256(opener.proof)).not.toBe(request.verifier);
    await expect(opener.open(request.ciphertext)).rejects.toBeInstanceOf(SubmissionDecryptionError);
  });
});

describe('describeBrowser names where the key is kept', () => {
  it.each([
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0 Safari/537.36',
      'Chrome (Linux)',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36 Edg/156.0',
      'Edge (Windows)',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5; rv:140.0) Gecko/20100101 Firefox/140.0',
      'Firefox (macOS)',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
      'Safari (iOS)',
    ],
    ['curl/8.0', 'Browser'],
  ])('%s', (userAgent, expected) => {
    expect(describeBrowser(userAgent)).toBe(expected);
  });
});
