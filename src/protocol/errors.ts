/**
 * The one registry of error codes (X7). Every error the API answers carries one of these codes; the
 * HTTP status lives here beside it, and every code has a message in each catalogue of `protocol/i18n/`
 * (a test checks that). Codes are stable: clients and tests match on them, never on message text.
 */

export const ERRORS = {
  'request.invalid': 400,
  'request.malformed_json': 400,
  'request.control_character': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'request.headers_too_large': 431,
  'request.timeout': 408,
  'request.cross_origin': 403,
  'request.rate_limited': 429,
  'route.not_found': 404,
  'auth.required': 401,
  'auth.login_failed': 400,
  'auth.email_unverified': 403,
  'auth.account_disabled': 403,
  'auth.provider_unavailable': 503,
  'share.staff_address': 422,
  'share.mixed_script_address': 422,
  'share.customer_to_customer': 403,
  'share.customer_to_individual': 403,
  'share.unknown_team': 422,
  'share.classification_above_clearance': 403,
  'share.expiry_out_of_range': 422,
  'share.levels_off': 422,
  'share.recipient_clearance': 422,
  'share.no_eligible_member': 422,
  'secret.gone': 404,
  'secret.not_for_you': 403,
  'secret.not_for_your_team': 403,
  'secret.above_clearance': 403,
  'invitation.staff_only': 403,
  'invitation.gone': 404,
  'admin.required': 403,
  'settings.expiry_default_above_max': 422,
  'member.not_found': 404,
  'member.admin_clearance': 409,
  'member.self': 409,
  'member.unknown_team': 422,
  'member.team_from_provider': 409,
  'member.customer_team': 422,
  'server.internal': 500,
  'server.unavailable': 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERRORS;

export const ERROR_CODES = Object.freeze(Object.keys(ERRORS) as ErrorCode[]);

/** The body of every error response. `message` is localised; `issues` names bad fields, never their values. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: { path: string; problem: string }[] };
}

/**
 * A failure with a stable code. Thrown by domain and store code, mapped to a reply by `http/`.
 * The message shown to users comes from the catalogues, so `detail` is for logs and must never hold
 * secret material.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly issues: { path: string; problem: string }[] | undefined;

  constructor(code: ErrorCode, detail?: string, issues?: { path: string; problem: string }[]) {
    super(detail ?? code);
    this.code = code;
    this.issues = issues;
  }

  get status(): number {
    return ERRORS[this.code];
  }
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERRORS, value);
}
