/**
 * Reasons the store refuses to open, each with a message meant for the operator as it is: the data
 * folder is in use (instance-lock.ts), or the database is newer than this build (migration-check.ts).
 * `main.ts` and the `safe-share` command print the message and exit 1, without a stack trace.
 */
export class StoreRefusedError extends Error {
  override name = 'StoreRefusedError';
}
