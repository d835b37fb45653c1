/**
 * Who may create a secret for whom (S1-S3), with which classification (C3) and expiry (O3).
 * Pure: the caller looks up the facts (known teams, whether an address belongs to staff) and the clock.
 */
import { emailDomain } from '../protocol/email.ts';
import type { ErrorCode } from '../protocol/errors.ts';
import type { Recipient } from '../protocol/secrets.ts';
import { type Level, MIN_EXPIRY_SECONDS } from '../protocol/values.ts';
import type { Account } from './accounts.ts';
import { isStaffDomain, mixesScripts } from './addresses.ts';

export interface SharePolicy {
  /** Normalised e-mail domains of staff (protocol `normaliseDomain`); their subdomains are staff too. */
  readonly staffEmailDomains: readonly string[];
  readonly expiryDefaultSeconds: number;
  readonly expiryMaxSeconds: number;
  /**
   * Ids of the teams offered (the configured ones); a team taken out of the configuration is refused as
   * unknown for new secrets. Undefined: every team that exists.
   */
  readonly offeredTeamIds?: readonly string[] | undefined;
}

export interface ShareRequest {
  readonly sender: Account;
  readonly recipient: Recipient;
  readonly classification?: Level | undefined;
  readonly expiresInSeconds?: number | undefined;
  /** Whether the addressed team exists (team shares only). */
  readonly teamExists: boolean;
  /** Whether the addressed e-mail belongs to a known staff account (e.g. staff by group claim). */
  readonly addressIsKnownStaff: boolean;
  readonly now: number;
}

export type ShareDecision =
  | {
      readonly allowed: true;
      readonly kind: 'direct' | 'team';
      readonly classification: Level;
      readonly expiresAt: number;
    }
  | { readonly allowed: false; readonly code: ErrorCode };

const deny = (code: ErrorCode): ShareDecision => ({ allowed: false, code });

export function isStaffAddress(email: string, policy: SharePolicy, addressIsKnownStaff: boolean): boolean {
  return addressIsKnownStaff || isStaffDomain(emailDomain(email), policy.staffEmailDomains);
}

/**
 * Decides whether `sender` may share with `recipient`; anything not explicitly allowed is denied.
 * @example decideShare({ sender: staff, recipient: { kind: 'customer', email: 'c@acme.test' }, ... }, policy)
 */
export function decideShare(request: ShareRequest, policy: SharePolicy): ShareDecision {
  const { sender, recipient } = request;
  if (!sender.active) return deny('auth.account_disabled');

  if (sender.role === 'staff') {
    // S1: staff address one customer by e-mail; a staff address is refused, and so is a team.
    if (recipient.kind !== 'customer') return deny('share.staff_to_team');
    // A domain that mixes scripts reads as another one (a Cyrillic е in `example.com`): refused, so a
    // secret never goes to a look-alike of the address the sender meant.
    if (mixesScripts(emailDomain(recipient.email))) return deny('share.mixed_script_address');
    if (isStaffAddress(recipient.email, policy, request.addressIsKnownStaff))
      return deny('share.staff_address');
  } else {
    // S2, S3: customers choose a team; they never address a person, and never another customer.
    if (recipient.kind === 'customer') {
      return deny(
        isStaffAddress(recipient.email, policy, request.addressIsKnownStaff)
          ? 'share.customer_to_individual'
          : 'share.customer_to_customer',
      );
    }
    const offered = policy.offeredTeamIds?.includes(recipient.team) ?? true;
    if (!request.teamExists || !offered) return deny('share.unknown_team');
  }

  // C3: default the lowest level; never above the sender's own clearance.
  const classification = request.classification ?? 1;
  if (classification > sender.clearance) return deny('share.classification_above_clearance');

  // O3: every secret expires; the preset applies unless the sender chose within the allowed range.
  const seconds = request.expiresInSeconds ?? policy.expiryDefaultSeconds;
  if (seconds < MIN_EXPIRY_SECONDS || seconds > policy.expiryMaxSeconds)
    return deny('share.expiry_out_of_range');

  return {
    allowed: true,
    kind: recipient.kind === 'customer' ? 'direct' : 'team',
    classification,
    expiresAt: request.now + seconds * 1000,
  };
}
