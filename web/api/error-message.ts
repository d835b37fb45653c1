/** Which catalogue message describes a failure: the server's code, or a secret altered after it was sent. */
import type { ErrorCode } from '../../src/protocol/errors.ts';
import { ApiError } from './client.ts';
import { isAlteredSecret } from './secrets.ts';

export type ErrorMessageKey = `errors.${ErrorCode}` | 'open.damaged' | 'open.altered';

export function errorMessageKey(error: unknown): ErrorMessageKey {
  if (error instanceof ApiError) return `errors.${error.code}`;
  if (isAlteredSecret(error)) return 'open.altered';
  return 'errors.server.internal';
}
