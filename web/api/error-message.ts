/**
 * Which catalogue message describes a failure: the server's code, a secret or a guest's submission altered
 * after it was sent, or an invitation link whose key the server does not hold.
 */
import type { ErrorCode } from '../../src/protocol/errors.ts';
import { ApiError } from './client.ts';
import { isAlteredSubmission, isKeyMismatch } from './invitations.ts';
import { isAlteredSecret } from './secrets.ts';

export type ErrorMessageKey =
  | `errors.${ErrorCode}`
  | 'open.damaged'
  | 'open.altered'
  | 'open.wrongOrGone'
  | 'open.notForYou'
  | 'open.notForYourTeam'
  | 'guest.damaged'
  | 'guest.mismatch'
  | 'submission.altered';

export function errorMessageKey(error: unknown): ErrorMessageKey {
  if (error instanceof ApiError) return `errors.${error.code}`;
  if (isAlteredSecret(error)) return 'open.altered';
  if (isKeyMismatch(error)) return 'guest.mismatch';
  if (isAlteredSubmission(error)) return 'submission.altered';
  return 'errors.server.internal';
}
