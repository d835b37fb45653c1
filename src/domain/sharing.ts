/**
 * Who may create a secret for whom (S1-S3; staff may also address a team, issue 17, decision 0017), with
 * which classification (C3) and expiry (O3).
 * Pure: the caller looks up the facts (known teams, whether an address belongs to staff) and the clock.
 */
import { emailDomain } from '../protocol/email.ts';
import type { ErrorCode } from '../protocol/errors.ts';
import type { Recipient } from '../protocol/secrets.ts';
import { type Level, MIN_EXPIRY_SECONDS } from '../protocol/values.ts';
import type { Account } from './accounts.ts';
import { isStaffDomain, mixesScripts } from './addresses.ts';
import {
  decideLevel,
  effectiveClassification,
  type LevelSettings,
  partitionTeam,
  type TeamMember,
} from './levels.ts';

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
  /** C1, C7: the installation's level settings. */
  readonly levels: LevelSettings;
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
  /**
   * C4, direct shares: the addressed customer's clearance, or, for an address nobody has signed in with
   * yet, the level new accounts get (C2).
   */
  readonly recipientClearance: Level;
  /** C6, team shares: the team's active members as they are now. */
  readonly teamMembers?: readonly TeamMember[] | undefined;
  readonly now: number;
}

export type ShareDecision =
  | {
      readonly allowed: true;
      readonly kind: 'direct' | 'team';
      readonly classification: Level;
      readonly expiresAt: number;
      /** C6, C7 (team shares; empty for direct ones): who may open it, recorded with the secret. */
      readonly eligible: readonly TeamMember[];
      /** C6: who of the team may not, by their clearance. */
      readonly excluded: readonly TeamMember[];
    }
  | { readonly allowed: false; readonly code: ErrorCode };

const deny = (code: ErrorCode): ShareDecision => ({ allowed: false, code });

export function isStaffAddress(email: string, policy: SharePolicy, addressIsKnownStaff: boolean): boolean {
  return addressIsKnownStaff || isStaffDomain(emailDomain(email), policy.staffEmailDomains);
}

/** A team's members other than the sender: the people a team share of `sender` goes to. */
export function teamMembersBesides<M extends TeamMember>(members: readonly M[], sender: { id: string }): M[] {
  return members.filter((member) => member.accountId !== sender.id);
}

/**
 * Decides whether `sender` may share with `recipient`; anything not explicitly allowed is denied.
 * @example decideShare({ sender: staff, recipient: { kind: 'customer', email: 'c@acme.test' }, ... }, policy)
 */
export function decideShare(request: ShareRequest, policy: SharePolicy): ShareDecision {
  const { sender, recipient } = request;
  if (!sender.active) return deny('auth.account_disabled');

  if (recipient.kind === 'customer') {
    if (sender.role === 'staff') {
      // S1: staff address one customer by e-mail; a staff address is refused. A domain that mixes
      // scripts reads as another one (a Cyrillic е in `example.com`): refused, so a secret never goes to
      // a look-alike of the address the sender meant.
      if (mixesScripts(emailDomain(recipient.email))) return deny('share.mixed_script_address');
      if (isStaffAddress(recipient.email, policy, request.addressIsKnownStaff))
        return deny('share.staff_address');
    } else {
      // S2, S3: customers choose a team; they never address a person, and never another customer.
      return deny(
        isStaffAddress(recipient.email, policy, request.addressIsKnownStaff)
          ? 'share.customer_to_individual'
          : 'share.customer_to_customer',
      );
    }
  } else {
    // S2, and for staff issue 17's extension of S1 (decision 0017): a team the installation offers. C6
    // below applies to both alike.
    const offered = policy.offeredTeamIds?.includes(recipient.team) ?? true;
    if (!request.teamExists || !offered) return deny('share.unknown_team');
  }

  // C1: with levels off every secret is level 1; the browser binds the classification into the
  // ciphertext (X1), so another one cannot be quietly lowered here and is refused instead.
  if (!policy.levels.levelsEnabled && (request.classification ?? 1) !== 1) return deny('share.levels_off');
  // C3: default the lowest level; never above the sender's own clearance.
  const classification = effectiveClassification(request.classification, policy.levels);
  const level = (action: 'classify' | 'address', person: Pick<Account, 'role' | 'isAdmin' | 'clearance'>) =>
    decideLevel({ action, person, classification }, policy.levels).allowed;
  if (!level('classify', sender)) return deny('share.classification_above_clearance');

  // O3: every secret expires; the preset applies unless the sender chose within the allowed range.
  const seconds = request.expiresInSeconds ?? policy.expiryDefaultSeconds;
  if (seconds < MIN_EXPIRY_SECONDS || seconds > policy.expiryMaxSeconds)
    return deny('share.expiry_out_of_range');

  // C4, last: a customer below the classification could never open it, so it is not made at all.
  const kind = recipient.kind === 'customer' ? 'direct' : 'team';
  const customer = { role: 'customer', isAdmin: false, clearance: request.recipientClearance } as const;
  if (kind === 'direct' && !level('address', customer)) return deny('share.recipient_clearance');
  // C6: members below the level are excluded; a share that leaves none who may open it is refused. A
  // team nobody has joined yet is not refused: members join when they first sign in, and C7 checks a
  // member who joins later when they open. A staff sender sharing with their own team (issue 17) is not
  // its recipient (domain/opening.ts), so they count neither as eligible nor as excluded.
  const { eligible, excluded } =
    kind === 'team'
      ? partitionTeam(teamMembersBesides(request.teamMembers ?? [], sender), classification, policy.levels)
      : { eligible: [], excluded: [] };
  if (eligible.length === 0 && excluded.length > 0) return deny('share.no_eligible_member');

  return { allowed: true, kind, classification, expiresAt: request.now + seconds * 1000, eligible, excluded };
}
