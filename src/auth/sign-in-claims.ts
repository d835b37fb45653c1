/**
 * What a sign-in learned about the person, read from the ID token and the userinfo response of any
 * OpenID Connect provider. Tolerant in shape (a groups claim may be one string or a list), strict in
 * meaning: only `email_verified` true makes the e-mail count (SPEC section 1).
 */
import { normaliseEmail } from '../protocol/secrets.ts';

export interface SignInClaims {
  readonly subject: string;
  /** Normalised; undefined when the provider sent none. */
  readonly email: string | undefined;
  readonly emailVerified: boolean;
  readonly name: string | undefined;
  readonly locale: string | undefined;
  readonly groups: readonly string[];
}

type Claims = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * Merges the ID token's claims with the userinfo response (same subject, checked by the caller); the
 * signed ID token wins where both have a value.
 */
export function readSignInClaims(idToken: Claims, userinfo: Claims = {}): SignInClaims {
  const claim = (name: string): unknown => idToken[name] ?? userinfo[name];
  const email = text(claim('email'));
  const verified = claim('email_verified');
  const groups = claim('groups');
  return {
    subject: String(idToken.sub),
    email: email === undefined ? undefined : normaliseEmail(email),
    // Some providers send the boolean as a string; nothing else counts as verified.
    emailVerified: verified === true || verified === 'true',
    name: text(claim('name')) ?? text(claim('preferred_username')),
    locale: text(claim('locale')),
    groups: (Array.isArray(groups) ? groups : [groups]).filter(
      (group): group is string => typeof group === 'string',
    ),
  };
}
