/**
 * R4: a failed sign-in is diagnosed from the error alone, as a reason code with its cause, and never with
 * an error message or a provider's description (they can quote codes and tokens). Errors shaped as fetch,
 * Node's sockets and openid-client throw them.
 */
import { describe, expect, it } from 'vitest';
import { diagnoseSignInError, isProviderFault, SIGN_IN_FAILURES } from '../../../src/auth/sign-in-failure.ts';

/** fetch's `TypeError: fetch failed` over a socket error with `code`. */
const fetchFailed = (code: string) =>
  new TypeError('fetch failed', {
    cause: Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code }),
  });

/** openid-client's ClientError over another error. */
const clientError = (code: string, cause?: unknown) => Object.assign(new Error('x', { cause }), { code });

describe('diagnoseSignInError', () => {
  it.each([
    ['ECONNREFUSED', fetchFailed('ECONNREFUSED'), { reason: 'issuer_unreachable', errno: 'ECONNREFUSED' }],
    ['EHOSTUNREACH', fetchFailed('EHOSTUNREACH'), { reason: 'issuer_unreachable', errno: 'EHOSTUNREACH' }],
    [
      'ECONNREFUSED on every address (AggregateError)',
      new TypeError('fetch failed', {
        cause: new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], 'x'),
      }),
      { reason: 'issuer_unreachable', errno: 'ECONNREFUSED' },
    ],
    ['a timeout', clientError('OAUTH_TIMEOUT'), { reason: 'issuer_unreachable', errno: 'ETIMEDOUT' }],
    ['ENOTFOUND', fetchFailed('ENOTFOUND'), { reason: 'issuer_dns', errno: 'ENOTFOUND' }],
    ['EAI_AGAIN', fetchFailed('EAI_AGAIN'), { reason: 'issuer_dns', errno: 'EAI_AGAIN' }],
    [
      'an untrusted CA',
      fetchFailed('UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
      { reason: 'issuer_tls', tlsReason: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
    ],
    [
      'an expired certificate',
      fetchFailed('CERT_HAS_EXPIRED'),
      { reason: 'issuer_tls', tlsReason: 'CERT_HAS_EXPIRED' },
    ],
    [
      'a certificate for another name',
      fetchFailed('ERR_TLS_CERT_ALTNAME_INVALID'),
      { reason: 'issuer_tls', tlsReason: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    ],
    [
      'a self-signed certificate',
      fetchFailed('DEPTH_ZERO_SELF_SIGNED_CERT'),
      { reason: 'issuer_tls', tlsReason: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    ],
  ])('%s at discovery', (_what, error, expected) => {
    expect(diagnoseSignInError(error, 'discovery')).toEqual({ step: 'discovery', ...expected });
  });

  it('an issuer that names another: discovery_failed with the check', () => {
    expect(diagnoseSignInError(clientError('OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED'), 'discovery')).toEqual({
      reason: 'discovery_failed',
      step: 'discovery',
      check: 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
    });
  });

  it("Entra ID's wrong secret: client_rejected with its AADSTS number, never its description", () => {
    const description = 'AADSTS7000215: Invalid client secret provided. Trace ID: 1f2e Correlation ID: 3d4c';
    const error = Object.assign(new Error(description), {
      code: 'OAUTH_RESPONSE_BODY_ERROR',
      error: 'invalid_client',
      error_description: description,
      status: 401,
    });
    const diagnosis = diagnoseSignInError(error, 'token');
    expect(diagnosis).toEqual({
      reason: 'client_rejected',
      step: 'token',
      providerError: 'invalid_client',
      providerErrorNumber: 'AADSTS7000215',
      httpStatus: 401,
    });
    expect(JSON.stringify(diagnosis)).not.toContain('Trace');
  });

  it('a 401 challenge at the token endpoint is the client refused, with or without an error in it', () => {
    const challenge = (parameters: object) =>
      Object.assign(new Error('x'), {
        code: 'OAUTH_WWW_AUTHENTICATE_CHALLENGE',
        status: 401,
        cause: [{ scheme: 'basic', parameters }],
      });
    expect(diagnoseSignInError(challenge({ realm: 'x' }), 'token')).toMatchObject({
      reason: 'client_rejected',
    });
    expect(diagnoseSignInError(challenge({ error: 'invalid_client' }), 'authorization')).toMatchObject({
      reason: 'client_rejected',
      providerError: 'invalid_client',
    });
    expect(diagnoseSignInError(challenge({ realm: 'x' }), 'userinfo')).toMatchObject({
      reason: 'userinfo_failed',
    });
  });

  it.each([
    ['invalid_redirect_uri', '', 'authorization', 'redirect_uri_rejected'],
    ['invalid_request', 'Invalid parameter: redirect_uri', 'authorization', 'redirect_uri_rejected'],
    ['invalid_request', 'missing nonce', 'authorization', 'authorization_request_failed'],
    ['invalid_scope', '', 'callback', 'scope_rejected'],
    ['unauthorized_client', '', 'callback', 'client_rejected'],
    ['access_denied', 'the user said no', 'callback', 'provider_refused'],
    ['login_required', '', 'callback', 'provider_refused'],
    ['server_error', '', 'callback', 'provider_error'],
    ['temporarily_unavailable', '', 'callback', 'provider_error'],
    ['invalid_grant', 'code already used', 'token', 'token_request_failed'],
  ] as const)('OAuth error %s (%j) at %s: %s', (error, description, step, reason) => {
    expect(diagnoseSignInError({ error, error_description: description }, step)).toMatchObject({
      reason,
      step,
      providerError: error,
    });
  });

  it.each([
    ['OAUTH_JWT_TIMESTAMP_CHECK_FAILED', 'clock_skew'],
    ['OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'id_token_invalid'],
    ['OAUTH_KEY_SELECTION_FAILED', 'id_token_invalid'],
    ['OAUTH_INVALID_RESPONSE', 'id_token_invalid'],
    ['OAUTH_RESPONSE_IS_NOT_CONFORM', 'token_request_failed'],
  ])('the check %s at the token request: %s', (check, reason) => {
    expect(diagnoseSignInError(clientError(check), 'token')).toEqual({ reason, step: 'token', check });
  });

  it('an HTTP status the provider answered with is kept', () => {
    const notFound = clientError('OAUTH_RESPONSE_IS_NOT_CONFORM', {
      status: 404,
      url: 'https://x/.well-known',
    });
    expect(diagnoseSignInError(notFound, 'discovery')).toEqual({
      reason: 'discovery_failed',
      step: 'discovery',
      check: 'OAUTH_RESPONSE_IS_NOT_CONFORM',
      httpStatus: 404,
    });
  });

  it('X3: codes that are not short words (a quoted token, a long text) are never taken over', () => {
    const odd = { error: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig with spaces', code: 'x'.repeat(65) };
    const diagnosis = diagnoseSignInError(odd, 'token');
    expect(diagnosis).toEqual({ reason: 'token_request_failed', step: 'token' });
  });

  it('anything else: the step says where', () => {
    expect(diagnoseSignInError(new Error('boom'), 'userinfo')).toEqual({
      reason: 'userinfo_failed',
      step: 'userinfo',
    });
    expect(diagnoseSignInError('not even an error', 'discovery')).toEqual({
      reason: 'discovery_failed',
      step: 'discovery',
    });
  });

  it('a cycle of causes ends', () => {
    const a: { cause?: unknown; code: string } = { code: 'OAUTH_X' };
    a.cause = { cause: a };
    expect(diagnoseSignInError(a, 'token').reason).toBe('token_request_failed');
  });
});

describe('isProviderFault: what the person is told', () => {
  it.each(SIGN_IN_FAILURES)('%s', (reason) => {
    const personal = [
      'no_flow',
      'state_mismatch',
      'provider_refused',
      'token_request_failed',
      'email_missing',
      'email_unverified',
      'account_disabled',
    ];
    expect(isProviderFault(reason)).toBe(!personal.includes(reason));
  });
});
