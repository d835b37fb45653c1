/**
 * Why a sign-in failed, in words an administrator can act on (R4): a reason code for the log and the
 * metric, with the cause the error carries (the network error's errno, the TLS certificate's complaint,
 * the provider's OAuth error code, the library's check that failed). Never an error message: messages
 * can quote a response, and responses hold codes and tokens. The person is told only that sign-in is
 * not available right now, or what they can do about it themselves (`protocol/sign-in.ts`).
 */

/** Every reason a sign-in can fail for; also the `reason` label of `safe_share_sign_ins_total`. */
export const SIGN_IN_FAILURES = [
  // The provider cannot be reached or read: configuration, network or provider trouble.
  'issuer_unreachable',
  'issuer_dns',
  'issuer_tls',
  'discovery_failed',
  'authorization_request_failed',
  'client_rejected',
  'redirect_uri_rejected',
  'scope_rejected',
  'provider_error',
  'clock_skew',
  'id_token_invalid',
  'token_request_failed',
  'userinfo_failed',
  // The person's own sign-in: nothing for an administrator to fix.
  'no_flow',
  'state_mismatch',
  'provider_refused',
  'email_missing',
  'email_unverified',
  'account_disabled',
] as const;
export type SignInFailure = (typeof SIGN_IN_FAILURES)[number];

/** Where in the flow it failed. */
export type SignInStep = 'discovery' | 'authorization' | 'callback' | 'token' | 'userinfo' | 'account';

/** What the log says about a failed sign-in. Every field is a fixed word or a short code. */
export interface SignInDiagnosis {
  readonly reason: SignInFailure;
  readonly step: SignInStep;
  /** The network error: ECONNREFUSED, ENOTFOUND, ETIMEDOUT ... */
  readonly errno?: string;
  /** The TLS complaint: UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID ... */
  readonly tlsReason?: string;
  /** The provider's OAuth error code: invalid_client, invalid_scope, access_denied ... */
  readonly providerError?: string;
  /** Entra ID's own error number from its description (AADSTS7000215: wrong client secret). */
  readonly providerErrorNumber?: string;
  /** The HTTP status the provider answered with, when it was not the expected one. */
  readonly httpStatus?: number;
  /** The check of openid-client that failed: OAUTH_JWT_TIMESTAMP_CHECK_FAILED ... */
  readonly check?: string;
}

/** A failed sign-in, diagnosed where it happened (`relying-party.ts`). */
export class SignInError extends Error {
  override name = 'SignInError';
  readonly diagnosis: SignInDiagnosis;

  constructor(diagnosis: SignInDiagnosis) {
    super(`sign-in failed: ${diagnosis.reason}`);
    this.diagnosis = diagnosis;
  }
}

/** Reasons the person cannot do anything about: they see "sign-in is not available right now". */
const PROVIDER_FAULTS: ReadonlySet<SignInFailure> = new Set<SignInFailure>([
  'issuer_unreachable',
  'issuer_dns',
  'issuer_tls',
  'discovery_failed',
  'authorization_request_failed',
  'client_rejected',
  'redirect_uri_rejected',
  'scope_rejected',
  'provider_error',
  'clock_skew',
  'id_token_invalid',
  'userinfo_failed',
]);

export function isProviderFault(reason: SignInFailure): boolean {
  return PROVIDER_FAULTS.has(reason);
}

const DNS_ERRORS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
/** Node's and OpenSSL's names for certificate and handshake failures. */
const TLS_ERROR = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH$|EPROTO$)/;
/** A short code: an errno, an OAuth error, a library check. Anything longer or odder is not logged. */
const CODE = /^[A-Za-z0-9_.-]{1,64}$/;
/** Errors the person caused or chose at the provider (RFC 6749 4.1.2.1, OpenID Connect 3.1.2.6). */
const PERSON_ERRORS = new Set([
  'access_denied',
  'login_required',
  'interaction_required',
  'consent_required',
  'account_selection_required',
]);

interface ErrorFields {
  readonly code?: unknown;
  readonly error?: unknown;
  /** A WWW-Authenticate challenge's parameters (its `error`, when the provider names one). */
  readonly parameters?: { readonly error?: unknown };
  readonly error_description?: unknown;
  readonly status?: unknown;
  readonly cause?: unknown;
  readonly errors?: unknown;
}

/** The error and every cause under it (fetch wraps the socket's error; openid-client wraps both). */
function chain(error: unknown): ErrorFields[] {
  const seen: ErrorFields[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.length < 10) {
    const next = queue.shift();
    if (typeof next !== 'object' || next === null || seen.includes(next as ErrorFields)) continue;
    const fields = next as ErrorFields;
    seen.push(fields);
    // A cause may be a list (the challenges of a WWW-Authenticate header), as AggregateError's errors are.
    if (Array.isArray(fields.cause)) queue.push(...fields.cause);
    else queue.push(fields.cause);
    if (Array.isArray(fields.errors)) queue.push(...fields.errors);
  }
  return seen;
}

const codeOf = (value: unknown): string | undefined =>
  typeof value === 'string' && CODE.test(value) ? value : undefined;

/** The first field of the chain that gives a value. */
function first<T>(links: readonly ErrorFields[], pick: (link: ErrorFields) => T | undefined): T | undefined {
  for (const link of links) {
    const value = pick(link);
    if (value !== undefined) return value;
  }
  return undefined;
}

function oauthReason(providerError: string, description: string, step: SignInStep): SignInFailure {
  if (providerError === 'invalid_client' || providerError === 'unauthorized_client') return 'client_rejected';
  if (providerError === 'invalid_redirect_uri') return 'redirect_uri_rejected';
  if (providerError === 'invalid_scope') return 'scope_rejected';
  // Keycloak answers an unregistered redirect URI with invalid_request "Invalid parameter: redirect_uri".
  if (providerError === 'invalid_request' && /redirect_uri/i.test(description))
    return 'redirect_uri_rejected';
  if (step === 'callback' && PERSON_ERRORS.has(providerError)) return 'provider_refused';
  if (step === 'callback') return 'provider_error';
  if (step === 'authorization') return 'authorization_request_failed';
  if (step === 'userinfo') return 'userinfo_failed';
  return 'token_request_failed';
}

function checkReason(check: string, step: SignInStep): SignInFailure {
  if (step === 'discovery') return 'discovery_failed';
  if (check === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return 'clock_skew';
  if (
    step === 'token' &&
    /^OAUTH_(JWT_CLAIM_COMPARISON_FAILED|KEY_SELECTION_FAILED|INVALID_RESPONSE)$/.test(check)
  ) {
    return 'id_token_invalid';
  }
  return stepReason(step);
}

function stepReason(step: SignInStep): SignInFailure {
  switch (step) {
    case 'discovery':
      return 'discovery_failed';
    case 'authorization':
      return 'authorization_request_failed';
    case 'userinfo':
      return 'userinfo_failed';
    default:
      return 'token_request_failed';
  }
}

/**
 * The diagnosis of an error thrown by openid-client (or by fetch under it) during `step`.
 * @example diagnoseSignInError(fetchFailedWithECONNREFUSED, 'discovery') // { reason: 'issuer_unreachable', step: 'discovery', errno: 'ECONNREFUSED' }
 */
export function diagnoseSignInError(error: unknown, step: SignInStep): SignInDiagnosis {
  if (error instanceof SignInError) return error.diagnosis;
  const links = chain(error);
  const codes = links.map((link) => codeOf(link.code)).filter((code) => code !== undefined);
  const tls = codes.find((code) => TLS_ERROR.test(code));
  if (tls) return { reason: 'issuer_tls', step, tlsReason: tls };
  const dns = codes.find((code) => DNS_ERRORS.has(code));
  if (dns) return { reason: 'issuer_dns', step, errno: dns };
  const errno = codes.find((code) => /^E[A-Z]+$/.test(code));
  if (errno) return { reason: 'issuer_unreachable', step, errno };
  if (codes.includes('OAUTH_TIMEOUT') || codes.includes('UND_ERR_CONNECT_TIMEOUT')) {
    return { reason: 'issuer_unreachable', step, errno: 'ETIMEDOUT' };
  }
  const httpStatus = first(links, (link) => (typeof link.status === 'number' ? link.status : undefined));
  const providerError = first(links, (link) => codeOf(link.error) ?? codeOf(link.parameters?.error));
  if (providerError) {
    const description = first(links, (link) =>
      typeof link.error_description === 'string' ? link.error_description : undefined,
    );
    const number = description?.match(/\bAADSTS\d{4,7}\b/)?.[0];
    return {
      reason: oauthReason(providerError, description ?? '', step),
      step,
      providerError,
      ...(number ? { providerErrorNumber: number } : {}),
      ...(httpStatus ? { httpStatus } : {}),
    };
  }
  const check = codes.find((code) => code.startsWith('OAUTH_'));
  // A 401 with a WWW-Authenticate challenge at the token or pushed request: the client's authentication.
  if (
    check === 'OAUTH_WWW_AUTHENTICATE_CHALLENGE' &&
    httpStatus === 401 &&
    (step === 'token' || step === 'authorization')
  ) {
    return { reason: 'client_rejected', step, check, httpStatus };
  }
  return {
    reason: check ? checkReason(check, step) : stepReason(step),
    step,
    ...(check ? { check } : {}),
    ...(httpStatus ? { httpStatus } : {}),
  };
}
