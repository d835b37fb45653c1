/**
 * The create form's values and the checks that mirror the server's (S1, S2, C3, O3, X7; issue 17 lets
 * staff choose a team as well as a customer), so most
 * mistakes are caught before anything is encrypted. The server still decides; its refusals are mapped
 * back onto the fields here.
 */

import type { ConfigResponse } from '../../src/protocol/accounts.ts';
import { MAX_CIPHERTEXT_BYTES } from '../../src/protocol/crypto.ts';
import type { Level, Recipient } from '../../src/protocol/secrets.ts';
import type { Account } from '../api/account.ts';
import { ApiError } from '../api/client.ts';

/** GCM adds a 16-byte tag; the plaintext may use the rest. */
const GCM_TAG_BYTES = 16;
export const MAX_SECRET_BYTES = MAX_CIPHERTEXT_BYTES - GCM_TAG_BYTES;

/** Roughly what the server's e-mail check accepts: one @, no spaces, a dot in the domain. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Whom staff address: one customer by e-mail (S1) or a team (issue 17). Customers always a team (S2). */
export type RecipientKind = 'customer' | 'team';

export interface SecretFormValues {
  /** Staff's choice; customers have no choice, and their value is ignored. */
  recipientKind: RecipientKind;
  email: string;
  team: string;
  secret: string;
  expiresInSeconds: number;
  classification: Level;
}

export type SecretField = 'email' | 'team' | 'secret' | 'expiry' | 'classification';

export type FieldProblem =
  | 'validation.emailRequired'
  | 'validation.emailInvalid'
  | 'validation.teamRequired'
  | 'validation.secretRequired'
  | 'validation.secretTooLong'
  | 'validation.checkField';

export type FieldProblems = Partial<Record<SecretField, FieldProblem>>;

export function initialValues(config: ConfigResponse): SecretFormValues {
  return {
    recipientKind: 'customer',
    email: '',
    team: '',
    secret: '',
    expiresInSeconds: config.expiry.defaultSeconds,
    classification: 1,
  };
}

/** S1, S2, issue 17: staff address what they chose; customers always a team. */
export function recipientKindOf(values: SecretFormValues, role: Account['role']): RecipientKind {
  return role === 'staff' ? values.recipientKind : 'team';
}

/** Problems in the order the fields appear; empty when the form may be sent. */
export function checkValues(values: SecretFormValues, role: Account['role']): FieldProblems {
  const problems: FieldProblems = {};
  if (recipientKindOf(values, role) === 'customer') {
    const email = values.email.trim();
    if (!email) problems.email = 'validation.emailRequired';
    else if (!EMAIL.test(email)) problems.email = 'validation.emailInvalid';
  } else if (!values.team) {
    problems.team = 'validation.teamRequired';
  }
  if (values.secret.trim() === '') problems.secret = 'validation.secretRequired';
  else if (new TextEncoder().encode(values.secret).length > MAX_SECRET_BYTES) {
    problems.secret = 'validation.secretTooLong';
  }
  return problems;
}

/** S1: staff address a customer by e-mail, or (issue 17) a team; S2: customers address a team. */
export function recipientOf(values: SecretFormValues, role: Account['role']): Recipient {
  return recipientKindOf(values, role) === 'customer'
    ? { kind: 'customer', email: values.email.trim() }
    : { kind: 'team', team: values.team };
}

const FIELD_OF_PATH: Record<string, SecretField> = {
  'recipient.email': 'email',
  'recipient.team': 'team',
  ciphertext: 'secret',
  expiresInSeconds: 'expiry',
  classification: 'classification',
};

const FIELD_OF_CODE: Partial<Record<string, SecretField>> = {
  'share.staff_address': 'email',
  'share.unknown_team': 'team',
  'share.no_eligible_member': 'classification',
  'share.expiry_out_of_range': 'expiry',
  'share.classification_above_clearance': 'classification',
  'share.recipient_clearance': 'classification',
  'share.levels_off': 'classification',
};

/** Which fields a server refusal points at, to mark them beside the message. */
export function problemsFromRefusal(error: unknown): FieldProblems {
  if (!(error instanceof ApiError)) return {};
  const problems: FieldProblems = {};
  const byCode = FIELD_OF_CODE[error.code];
  if (byCode) problems[byCode] = 'validation.checkField';
  for (const issue of error.issues) {
    const field = FIELD_OF_PATH[issue.path];
    if (field) problems[field] = 'validation.checkField';
  }
  return problems;
}
