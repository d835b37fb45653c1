/** Which catalogue message describes a failure: the server's code, or a damaged link. */
import type { ErrorCode } from '../../src/protocol/errors.ts';
import { ApiError } from './client.ts';
import { isDamagedLink } from './secrets.ts';

export type ErrorMessageKey = `errors.${ErrorCode}` | 'open.damaged' | 'open.undecryptable';

export function errorMessageKey(error: unknown): ErrorMessageKey {
  if (error instanceof ApiError) return `errors.${error.code}`;
  if (isDamagedLink(error)) return 'open.undecryptable';
  return 'errors.server.internal';
}
