/**
 * Who may open a secret (O1, O5, C4, C5). DESIGN "Access decisions": layers in order, each able only to
 * deny; every denial carries a reason for the audit log. Open order: the possession proof and the state
 * first ({@link decideProofAndState}: whatever fails there is "gone", O5), then who may open
 * ({@link decideOpen}). The store checks proof and state once more in the statement that burns (O2), so a
 * race lost after this decision still hands out nothing.
 */
import type { ErrorCode } from '../protocol/errors.ts';
import type { Level, SecretStatus } from '../protocol/secrets.ts';
import type { Account } from './accounts.ts';
import { DEFAULT_LEVEL_SETTINGS, decideLevel, type LevelSettings } from './levels.ts';

/** S1 direct to a customer, S2 to a team, S4 a guest's submission to the inviting staff member. */
export type SecretKind = 'direct' | 'team' | 'submission';

/** The facts about a secret that opening depends on; never its content. */
export interface SecretFacts {
  readonly kind: SecretKind;
  /** Direct shares: the addressed, normalised e-mail. */
  readonly recipientEmail: string | null;
  /** Team shares: the addressed team. */
  readonly teamId: string | null;
  /** Guest submissions (S4): the inviting staff member's account id. */
  readonly recipientId: string | null;
  readonly classification: Level;
  /**
   * Team shares: the sender's account id. Staff may share with their own team (issue 17); the sender is
   * not its recipient, so opening it would only burn it for the others.
   */
  readonly senderId?: string | null | undefined;
}

export type OpenDenial =
  | 'account_disabled'
  | 'not_recipient'
  | 'not_team_member'
  | 'wrong_role'
  | 'below_classification';

export type OpenDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: OpenDenial };

const deny = (reason: OpenDenial): OpenDecision => ({ allowed: false, reason });

/** The level layer's inputs beyond the secret: the installation's settings and C7's recorded clearance. */
export interface OpenLevelContext {
  readonly settings: LevelSettings;
  /** C7: the opener's clearance recorded when the secret was shared with them, if it was. */
  readonly recordedClearance?: Level | null | undefined;
}

/**
 * Decides whether `account` may open the secret described by `secret`.
 * A clearance is never a grant (C2): the level layer comes last and can only narrow (C4, C7).
 */
export function decideOpen(
  account: Account,
  secret: SecretFacts,
  levels: OpenLevelContext = { settings: DEFAULT_LEVEL_SETTINGS },
): OpenDecision {
  if (!account.active) return deny('account_disabled');

  // Relationship (O1): only the intended recipient.
  switch (secret.kind) {
    case 'direct':
      // The stored address is verified at sign-in and normalised on both sides.
      if (secret.recipientEmail === null || account.email !== secret.recipientEmail)
        return deny('not_recipient');
      // S1: a direct share is for a customer; a staff account with that address is not its recipient.
      if (account.role !== 'customer') return deny('wrong_role');
      break;
    case 'team':
      // Membership is live: someone who left the team no longer opens its secrets.
      if (secret.teamId === null || !account.teamIds.includes(secret.teamId)) return deny('not_team_member');
      if (account.role !== 'staff') return deny('wrong_role');
      if (secret.senderId != null && secret.senderId === account.id) return deny('not_recipient');
      break;
    case 'submission':
      // S4: a guest's submission goes to the staff member who invited the guest, and to nobody else.
      if (secret.recipientId === null || account.id !== secret.recipientId) return deny('not_recipient');
      if (account.role !== 'staff') return deny('wrong_role');
      break;
    default:
      return deny('not_recipient');
  }

  // Level (C4, C7): at or below the recipient's clearance; with levels off (C1) nothing is narrowed.
  const level = decideLevel(
    {
      action: 'open',
      person: account,
      classification: secret.classification,
      recordedClearance: levels.recordedClearance,
    },
    levels.settings,
  );
  if (!level.allowed) return deny('below_classification');
  return { allowed: true };
}

/**
 * The code a refusal of {@link decideOpen} answers. The level (C4) is told only to the recipient, who
 * passed the relationship layer. Anyone else is told that the secret is not for them, and whether it was
 * sent to a team or to a person (S1, S4), so the page can say which (issue 19).
 *
 * What the kind reveals, and to whom: this answer comes only after the possession proof (O5, DESIGN "Open
 * order"), so only a signed-in caller who holds the whole link learns it, and a wrong proof or unknown id
 * still answers `secret.gone`. They learn one bit, team or person: never which team, which address, the
 * level, the sender or anything else the server stores. The recipient sees far more on the open page.
 * @example openRefusalCode('not_team_member', 'team') // 'secret.not_for_your_team'
 */
export function openRefusalCode(reason: OpenDenial, kind: SecretKind): ErrorCode {
  if (reason === 'below_classification') return 'secret.above_clearance';
  return kind === 'team' ? 'secret.not_for_your_team' : 'secret.not_for_you';
}

/** What the proof-and-state check reads of a stored secret; never its content. */
export interface SecretState {
  readonly status: SecretStatus;
  readonly expiresAt: number;
  /** SHA-256 of the possession proof; null once the content is gone (opened, revoked, swept). */
  readonly verifier: Uint8Array | null;
}

/**
 * Why a secret is "gone or never existed" (O5). Recorded in the audit log; the answer to the client is
 * the same `secret.gone` for each, so ids cannot be probed.
 */
export type GoneReason = 'unknown' | 'wrong_proof' | 'not_waiting' | 'expired';

export type ProofAndStateDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: GoneReason };

/**
 * O5, X1: the presented proof's hash must equal the stored verifier (compared in constant time), and the
 * secret must still be waiting and not expired at `now`. Checked before who may open, so a wrong proof
 * learns nothing about the secret, not even whose it is.
 * @example decideProofAndState(stored, sha256(proof), clock())
 */
export function decideProofAndState(
  secret: SecretState | undefined,
  presentedVerifier: Uint8Array,
  now: number,
): ProofAndStateDecision {
  const gone = (reason: GoneReason): ProofAndStateDecision => ({ allowed: false, reason });
  if (!secret) return gone('unknown');
  // Content gone (opened, revoked, expired and swept): nothing left to check a proof against.
  if (secret.verifier === null) return gone(secret.status === 'waiting' ? 'expired' : 'not_waiting');
  if (!sameBytes(secret.verifier, presentedVerifier)) return gone('wrong_proof');
  if (secret.status !== 'waiting') return gone('not_waiting');
  if (secret.expiresAt <= now) return gone('expired');
  return { allowed: true };
}

/**
 * Byte equality in time that depends only on the length, not on where the first difference is, so the
 * answer's timing does not tell how much of a guessed proof was right. (node:crypto's timingSafeEqual
 * does the same; domain/ stays free of Node imports so the rules also run in a browser.)
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}
