/**
 * The one door to the server's JSON API: same-origin fetch with the session cookie, JSON in and out, and
 * every failure turned into an ApiError carrying a stable code from the protocol's registry.
 */
import { type ErrorBody, type ErrorCode, isErrorCode } from '../../src/protocol/errors.ts';

export type Issue = { path: string; problem: string };

export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues: Issue[];

  constructor(code: ErrorCode, status: number, issues: Issue[] = []) {
    super(code);
    this.code = code;
    this.status = status;
    this.issues = issues;
  }
}

/** Reads an error body if it is one of ours; a proxy's HTML page or a dropped connection gets a generic code. */
async function errorFrom(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as Partial<ErrorBody> | null;
  const code = body?.error?.code;
  if (typeof code === 'string' && isErrorCode(code)) {
    return new ApiError(code, response.status, Array.isArray(body?.error?.issues) ? body.error.issues : []);
  }
  const fallback: ErrorCode =
    response.status >= 502 && response.status <= 504 ? 'server.unavailable' : 'server.internal';
  return new ApiError(fallback, response.status);
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        method === 'POST'
          ? { accept: 'application/json', 'content-type': 'application/json' }
          : { accept: 'application/json' },
      ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
  } catch {
    throw new ApiError('server.unavailable', 0);
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export function getJson<T>(path: string): Promise<T> {
  return request<T>('GET', path);
}

/** Every POST carries a JSON body (the server refuses other types), `{}` when there is nothing to say. */
export function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  return request<T>('POST', path, body);
}
