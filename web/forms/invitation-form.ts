/**
 * The invitation form's values and the checks that mirror the server's (S4, C3, S5, X7), so most
 * mistakes are caught before a key pair is made. The server still decides.
 */
import type { ConfigResponse } from '../../src/protocol/accounts.ts';
import { MAX_INVITATION_LABEL_CHARS } from '../../src/protocol/invitation-crypto.ts';
import type { Level } from '../../src/protocol/values.ts';

export interface InvitationFormValues {
  label: string;
  expiresInSeconds: number;
  classification: Level;
}

export type InvitationFieldProblem = 'validation.labelRequired' | 'validation.labelTooLong';

export function initialInvitationValues(config: ConfigResponse): InvitationFormValues {
  return { label: '', expiresInSeconds: config.invitationExpiry.defaultSeconds, classification: 1 };
}

/** The label's problem, if any: the one field a staff member types. */
export function checkInvitationLabel(label: string): InvitationFieldProblem | null {
  const trimmed = label.trim();
  if (trimmed === '') return 'validation.labelRequired';
  if ([...trimmed].length > MAX_INVITATION_LABEL_CHARS) return 'validation.labelTooLong';
  return null;
}
