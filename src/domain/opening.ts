/**
 * Who may open a secret (O1, C4, C5). DESIGN "Access decisions": layers in order, each able only to deny;
 * every denial carries a reason for the audit log. The state layer (waiting, not expired) is settled
 * by the store in the same statement that burns, so it is not decided here.
 */
import type { Level } from '../protocol/secrets.ts';
import type { Account } from './accounts.ts';

/** The facts about a secret that opening depends on; never its content. */
export interface SecretFacts {
  readonly kind: 'direct' | 'team' | 'submission';
  /** Direct shares: the addressed, normalised e-mail. */
  readonly recipientEmail: string | null;
  /** Team shares: the addressed team. */
  readonly teamId: string | null;
  readonly classification: Level;
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

/**
 * Decides whether `account` may open the secret described by `secret`.
 * A clearance is never a grant (C2): the level layer comes last and can only narrow (C4).
 */
export function decideOpen(account: Account, secret: SecretFacts): OpenDecision {
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
      break;
    default:
      // Guest submissions (S4) come with the invitations issue; until then nothing else opens.
      return deny('not_recipient');
  }

  // Level (C4): at or below the recipient's clearance.
  if (secret.classification > account.clearance) return deny('below_classification');
  return { allowed: true };
}
