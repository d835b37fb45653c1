/**
 * The page a browser lands on when its sign-in is refused, shared by server (which redirects there) and
 * browser app (which renders it). The address carries a reason code and nothing else: never the
 * provider's message, a sign-in code or state.
 */
import type { ErrorCode } from './errors.ts';

export const SIGN_IN_FAILED_PATH = '/sign-in-failed';

export const SIGN_IN_FAILURE_REASONS = [
  'login_failed',
  'email_unverified',
  'account_disabled',
  'provider_unavailable',
] as const;
export type SignInFailureReason = (typeof SIGN_IN_FAILURE_REASONS)[number];

const REASON_OF_CODE: Readonly<Partial<Record<ErrorCode, SignInFailureReason>>> = Object.freeze({
  'auth.login_failed': 'login_failed',
  'auth.email_unverified': 'email_unverified',
  'auth.account_disabled': 'account_disabled',
  'auth.provider_unavailable': 'provider_unavailable',
});

/** The reason a sign-in refusal's error code stands for; undefined for any other code. */
export function signInFailureReason(code: ErrorCode): SignInFailureReason | undefined {
  return REASON_OF_CODE[code];
}

/** @example signInFailedHref('email_unverified') // '/sign-in-failed?reason=email_unverified' */
export function signInFailedHref(reason: SignInFailureReason): string {
  return `${SIGN_IN_FAILED_PATH}?reason=${reason}`;
}

/** The reason named in the page's query; anything else (a hand-edited address) reads as `login_failed`. */
export function parseSignInFailureReason(value: string | null): SignInFailureReason {
  return SIGN_IN_FAILURE_REASONS.find((reason) => reason === value) ?? 'login_failed';
}
