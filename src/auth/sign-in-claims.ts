/**
 * What a sign-in learned about the person, read from the ID token and the userinfo response of any
 * OpenID Connect provider. Tolerant in shape (a groups claim may be one string or a list), strict in
 * meaning: only `email_verified` true makes the e-mail count (SPEC section 1).
 *
 * Control characters are never part of an address or any other text field (SPEC section 1). An e-mail
 * claim that holds one is no address at all and counts as missing, so the sign-in is refused: stripping
 * them would turn it into another address, which may be somebody else's. A name is only shown, never
 * compared, so its control characters are stripped instead (a person is not locked out over a name).
 */
import { parseEmail } from '../protocol/email.ts';
import { withoutControlCharacters } from '../protocol/text.ts';

export interface SignInClaims {
  readonly subject: string;
  /** Normalised (protocol `parseEmail`); undefined when the provider sent none or no address. */
  readonly email: string | undefined;
  readonly emailVerified: boolean;
  readonly name: string | undefined;
  readonly locale: string | undefined;
  readonly groups: readonly string[];
}

type Claims = Readonly<Record<string, unknown>>;

/** A text claim fit to store and show, or undefined when it holds nothing else. */
const text = (value: unknown): string | undefined => {
  const shown = typeof value === 'string' ? withoutControlCharacters(value) : '';
  return shown === '' ? undefined : shown;
};

/** The e-mail claim in its normal form (SPEC section 1), or undefined when it is missing or no address. */
const emailOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? parseEmail(value) : undefined;

/**
 * Merges the ID token's claims with the userinfo response (same subject, checked by the caller); the
 * signed ID token wins where both have a value.
 */
export function readSignInClaims(idToken: Claims, userinfo: Claims = {}): SignInClaims {
  const claim = (name: string): unknown => idToken[name] ?? userinfo[name];
  const email = emailOf(claim('email'));
  const verified = claim('email_verified');
  const groups = claim('groups');
  return {
    subject: String(idToken.sub),
    email,
    // Some providers send the boolean as a string; nothing else counts as verified.
    emailVerified: verified === true || verified === 'true',
    name: text(claim('name')) ?? text(claim('preferred_username')),
    locale: text(claim('locale')),
    groups: (Array.isArray(groups) ? groups : [groups]).filter(
      (group): group is string => typeof group === 'string',
    ),
  };
}
