/**
 * Secrets in the database: metadata in `secrets` (kept for status and history, O6), content in
 * `secret_contents` (deleted when handed out, revoked or expired). One file per operation; where
 * PostgreSQL runs an operation as one statement, that version sits beside its SQLite twin.
 */
export { type BurnRequest, burnSecret, claimContentQuery, type SecretContent } from './burn.ts';
export { insertSecret, type NewSecret } from './create.ts';
export { findSecret, listReceivedSecrets, listSentSecrets, type StoredSecret } from './read.ts';
export { findSessionAccountAndSecret, type SecretForAccount } from './read-with-session.ts';
export { type RevokeRequest, revokeSecretOfSender } from './revoke.ts';
export { sweepExpiredSecrets } from './sweep.ts';
