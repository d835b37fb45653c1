/**
 * The failures of the invitation protocol, apart from its code, so pages can tell them apart without
 * loading the HPKE library (web/crypto/invitation-crypto.ts is loaded only when it is needed).
 */

/** The link's public key is not the one the server holds: nothing may be sealed or sent (X2). */
export class KeyMismatchError extends Error {
  override name = 'KeyMismatchError';
  constructor() {
    super('The invitation link does not match the invitation.');
  }
}

/** A submission could not be decrypted with this browser's key: one opaque error, no oracle. */
export class SubmissionDecryptionError extends Error {
  override name = 'SubmissionDecryptionError';
  constructor() {
    super('The submission could not be decrypted.');
  }
}
