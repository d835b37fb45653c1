/**
 * The guest-invitation protocol in the browser (S4, X2; DESIGN "Guest invitation", decision 0013), with
 * `@hpke/core`'s WebCrypto-native DHKEM X25519, HKDF-SHA256 and AES-256-GCM:
 * - the staff browser makes a non-extractable X25519 key pair and a random invitation secret; the link
 *   carries the secret and the public key in its fragment, the server gets the public key and the
 *   secret's SHA-256;
 * - the guest's browser checks that the server's public key is the link's, seals the text to it, and
 *   exports a proof key from the same HPKE context; the server stores SHA-256 of it as the verifier;
 * - the staff browser, holding the private key, derives the same proof from HPKE's `enc`, opens the
 *   submission like any secret, and decrypts it.
 * Every failure to decrypt is one opaque error (no oracle). The same code seals the test fixtures in Node.
 * The browser app loads this module (and `@hpke/core`) only on the invitation pages.
 */
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256, type RecipientContext } from '@hpke/core';
import { PROOF_BYTES } from '../../src/protocol/crypto.ts';
import {
  hpkeInfo,
  INVITATION_PROTOCOL_VERSION,
  INVITE_SECRET_BYTES,
  SUBMISSION_PROOF_EXPORT,
  type SubmissionFacts,
  submissionAssociatedData,
} from '../../src/protocol/invitation-crypto.ts';
import type { SubmitInvitationRequest } from '../../src/protocol/invitations.ts';
import type { InvitationFragment } from '../link/invitation-link.ts';
import { fromBase64url, toBase64url } from './base64url.ts';
import { KeyMismatchError, SubmissionDecryptionError } from './invitation-errors.ts';

export { KeyMismatchError, SubmissionDecryptionError };

const suite = new CipherSuite({
  kem: new DhkemX25519HkdfSha256(),
  kdf: new HkdfSha256(),
  aead: new Aes256Gcm(),
});

const encoder = new TextEncoder();
const proofContext = encoder.encode(SUBMISSION_PROOF_EXPORT);

export interface NewInvitationKeys {
  /** Stays in this browser (IndexedDB); the private key is not extractable, not even by this app. */
  readonly keyPair: CryptoKeyPair;
  /** Raw public key, base64url: to the server and into the link. */
  readonly publicKey: string;
  /** The invitation secret, base64url: only into the link's fragment. */
  readonly inviteSecret: string;
  /** SHA-256 of the invitation secret, base64url: what the server stores (X2). */
  readonly secretHash: string;
}

/** X2: a key pair and an invitation secret for a new invitation. */
export async function makeInvitationKeys(): Promise<NewInvitationKeys> {
  // The library's own generateKeyPair makes extractable keys; WebCrypto's does not have to.
  const keyPair = (await crypto.subtle.generateKey({ name: 'X25519' }, false, [
    'deriveBits',
  ])) as CryptoKeyPair;
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey));
  const inviteSecret = crypto.getRandomValues(new Uint8Array(INVITE_SECRET_BYTES));
  const secretHash = new Uint8Array(await crypto.subtle.digest('SHA-256', inviteSecret));
  return {
    keyPair,
    publicKey: toBase64url(publicKey),
    inviteSecret: toBase64url(inviteSecret),
    secretHash: toBase64url(secretHash),
  };
}

/** What the guest's browser seals to: the link's fragment and what the server says of the invitation. */
export interface SealTarget extends SubmissionFacts {
  readonly fragment: InvitationFragment;
  /** The public key as the server returned it; must equal the link's (X2). */
  readonly serverPublicKey: string;
}

/**
 * S4, X2: seals the guest's text to the invitation's public key, after checking that the server holds
 * the key the link names (else {@link KeyMismatchError}, and nothing is sealed). Returns the submit
 * request's body.
 */
export async function sealSubmission(
  plaintext: string,
  target: SealTarget,
): Promise<SubmitInvitationRequest> {
  if (target.serverPublicKey !== target.fragment.publicKey) throw new KeyMismatchError();
  const recipientPublicKey = await suite.kem.importKey(
    'raw',
    fromBase64url(target.fragment.publicKey).buffer,
    true,
  );
  const sender = await suite.createSenderContext({
    recipientPublicKey,
    info: hpkeInfo(target.invitationId),
  });
  const ciphertext = await sender.seal(encoder.encode(plaintext), submissionAssociatedData(target));
  const authKey = new Uint8Array(await sender.export(proofContext, PROOF_BYTES));
  const verifier = new Uint8Array(await crypto.subtle.digest('SHA-256', authKey));
  return {
    version: INVITATION_PROTOCOL_VERSION,
    secret: target.fragment.inviteSecret,
    enc: toBase64url(new Uint8Array(sender.enc)),
    ciphertext: toBase64url(new Uint8Array(ciphertext)),
    verifier: toBase64url(verifier),
  };
}

/** What the inviter's browser holds for one submission: the proof to send, and the decryption. */
export interface SubmissionOpener {
  /** The possession proof (authKey), base64url, for peek and open. */
  readonly proof: string;
  /** Decrypts the opened ciphertext; a {@link SubmissionDecryptionError} if anything does not fit. */
  open(ciphertext: string): Promise<string>;
}

/**
 * S4, O1: from this browser's key pair and the submission's `enc`, the proof and the decryption. `facts`
 * are the invitation's as this browser recorded them when it made the invitation, so a server that
 * moved or reclassified it makes decryption fail (X1).
 */
export async function submissionOpener(
  keyPair: CryptoKeyPair,
  enc: string,
  facts: SubmissionFacts,
): Promise<SubmissionOpener> {
  let recipient: RecipientContext;
  let proof: string;
  try {
    recipient = await suite.createRecipientContext({
      recipientKey: keyPair,
      enc: fromBase64url(enc),
      info: hpkeInfo(facts.invitationId),
    });
    proof = toBase64url(new Uint8Array(await recipient.export(proofContext, PROOF_BYTES)));
  } catch {
    throw new SubmissionDecryptionError();
  }
  return {
    proof,
    open: async (ciphertext) => {
      try {
        const plaintext = await recipient.open(fromBase64url(ciphertext), submissionAssociatedData(facts));
        return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
      } catch {
        throw new SubmissionDecryptionError();
      }
    },
  };
}
