import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/domain/accounts.ts';
import {
  decideOpen,
  decideProofAndState,
  type GoneReason,
  type OpenDenial,
  openRefusalCode,
  type SecretFacts,
  type SecretKind,
  type SecretState,
  sameBytes,
} from '../../../src/domain/opening.ts';
import { admin, customer, otherCustomer, otherStaff, staff } from './fixtures.ts';

const direct: SecretFacts = {
  kind: 'direct',
  recipientEmail: customer.email,
  teamId: null,
  recipientId: null,
  classification: 1,
};
const team: SecretFacts = {
  kind: 'team',
  recipientEmail: null,
  teamId: 'service',
  recipientId: null,
  classification: 1,
};
/** S4: a guest's submission through an invitation `staff` created. */
const submission: SecretFacts = {
  kind: 'submission',
  recipientEmail: null,
  teamId: null,
  recipientId: staff.id,
  classification: 1,
};

describe('decideOpen: who opens (O1, C2, C4)', () => {
  const table: [string, Account, SecretFacts, OpenDenial | 'allowed'][] = [
    ['O1 the addressed customer opens a direct share', customer, direct, 'allowed'],
    ['O1 another customer is refused', otherCustomer, direct, 'not_recipient'],
    ['O1 the staff sender does not open their own share', staff, direct, 'not_recipient'],
    ['C2 an admin is not a recipient by clearance', admin, direct, 'not_recipient'],
    [
      'O1 a staff account with the addressed e-mail is not the customer',
      { ...staff, email: customer.email },
      direct,
      'wrong_role',
    ],
    ['O1 a team member opens a team share', staff, team, 'allowed'],
    ['O1 a member of another team is refused', otherStaff, team, 'not_team_member'],
    [
      'O1 issue 17: a staff sender of their own team is not its recipient',
      staff,
      { ...team, senderId: staff.id },
      'not_recipient',
    ],
    [
      "O1 issue 17: another member opens a staff sender's team share",
      staff,
      { ...team, senderId: 'x' },
      'allowed',
    ],
    ['O1 a customer is never a team member', { ...customer, teamIds: ['service'] }, team, 'wrong_role'],
    ['C2 an admin outside the team is refused', admin, team, 'not_team_member'],
    [
      'C4 a classification above the clearance is refused',
      customer,
      { ...direct, classification: 2 },
      'below_classification',
    ],
    ['C4 at the clearance opens', { ...customer, clearance: 2 }, { ...direct, classification: 2 }, 'allowed'],
    [
      'C4 team member below the level is refused',
      staff,
      { ...team, classification: 3 },
      'below_classification',
    ],
    ['a disabled account is refused', { ...customer, active: false }, direct, 'account_disabled'],
    [
      'C4 comes after the relationship: clearance never widens',
      { ...otherCustomer, clearance: 3 },
      direct,
      'not_recipient',
    ],
    ['S4, O1 the inviting staff member opens a guest submission', staff, submission, 'allowed'],
    ['S4, O1 another staff member is refused a submission', otherStaff, submission, 'not_recipient'],
    ['S4, C2 an admin is refused a submission not addressed to them', admin, submission, 'not_recipient'],
    ['S4, O1 a customer is refused a submission', customer, submission, 'not_recipient'],
    [
      'S4 a customer account with the inviter id is still not staff',
      { ...customer, id: staff.id },
      submission,
      'wrong_role',
    ],
    [
      'S4, C4 an inviter whose clearance fell below the level is refused',
      staff,
      { ...submission, classification: 2 },
      'below_classification',
    ],
    [
      'S4 a submission without a recorded inviter opens for nobody',
      staff,
      { ...submission, recipientId: null },
      'not_recipient',
    ],
    [
      'S4 a team share is not opened by being its recipient id',
      { ...staff, teamIds: [] },
      { ...team, recipientId: staff.id },
      'not_team_member',
    ],
  ];
  it.each(table)('%s', (_name, account, secret, expected) => {
    expect(decideOpen(account, secret)).toEqual(
      expected === 'allowed' ? { allowed: true } : { allowed: false, reason: expected },
    );
  });
});

describe('openRefusalCode: what a refusal tells the caller (O5, C4, issue 19)', () => {
  const table: [string, OpenDenial, SecretKind, string][] = [
    ['O5 someone else of a direct share: not for you', 'not_recipient', 'direct', 'secret.not_for_you'],
    ['O5 a staff account with the address: not for you', 'wrong_role', 'direct', 'secret.not_for_you'],
    ['O5 outside the team: not for your team', 'not_team_member', 'team', 'secret.not_for_your_team'],
    ['O5 a customer named in a team: not for your team', 'wrong_role', 'team', 'secret.not_for_your_team'],
    [
      'O5 another than the inviter: not for you (a person)',
      'not_recipient',
      'submission',
      'secret.not_for_you',
    ],
    ['a disabled account of a team share', 'account_disabled', 'team', 'secret.not_for_your_team'],
    [
      'C4 the recipient of a direct share below its level',
      'below_classification',
      'direct',
      'secret.above_clearance',
    ],
    ['C4 a team member below its level', 'below_classification', 'team', 'secret.above_clearance'],
  ];
  it.each(table)('%s', (_name, reason, kind, expected) => {
    expect(openRefusalCode(reason, kind)).toBe(expected);
  });
});

describe('decideProofAndState: the proof and the state come first, and all failures look alike (O5, X1)', () => {
  const NOW = 1_000_000;
  const verifier = new Uint8Array(32).fill(7);
  const waiting: SecretState = { status: 'waiting', expiresAt: NOW + 1, verifier };
  const otherProof = new Uint8Array(32).fill(7).map((byte, i) => (i === 31 ? byte ^ 1 : byte));
  const table: [string, SecretState | undefined, Uint8Array, GoneReason | 'allowed'][] = [
    ['X1 the right proof of a waiting secret passes', waiting, verifier, 'allowed'],
    ['O5 an unknown id', undefined, verifier, 'unknown'],
    ['O5 a wrong proof (one bit off in the last byte)', waiting, otherProof, 'wrong_proof'],
    ['O5 a proof of another length', waiting, verifier.subarray(0, 31), 'wrong_proof'],
    ['O5 an empty proof', waiting, new Uint8Array(0), 'wrong_proof'],
    [
      'O2 an opened secret (content gone)',
      { ...waiting, status: 'opened', verifier: null },
      verifier,
      'not_waiting',
    ],
    [
      'O6 a revoked secret (content gone)',
      { ...waiting, status: 'revoked', verifier: null },
      verifier,
      'not_waiting',
    ],
    [
      'O3 a swept secret (content gone)',
      { ...waiting, status: 'expired', verifier: null },
      verifier,
      'not_waiting',
    ],
    ['O3 expired at this very moment', { ...waiting, expiresAt: NOW }, verifier, 'expired'],
    [
      'O3 expired, not swept yet, content still there',
      { ...waiting, expiresAt: NOW - 1 },
      verifier,
      'expired',
    ],
    ['O3 content swept before the status was marked', { ...waiting, verifier: null }, verifier, 'expired'],
    [
      'O5 a wrong proof of an expired secret is a wrong proof',
      { ...waiting, expiresAt: NOW },
      otherProof,
      'wrong_proof',
    ],
    [
      'O5 a marked status with its content still there',
      { ...waiting, status: 'revoked' },
      verifier,
      'not_waiting',
    ],
  ];
  it.each(table)('%s', (_name, secret, presented, expected) => {
    expect(decideProofAndState(secret, presented, NOW)).toEqual(
      expected === 'allowed' ? { allowed: true } : { allowed: false, reason: expected },
    );
  });

  it('X1: sameBytes compares every byte, whatever their position', () => {
    const a = new Uint8Array([1, 2, 3, 4]);
    expect(sameBytes(a, new Uint8Array([1, 2, 3, 4]))).toBe(true);
    for (let i = 0; i < a.length; i++) {
      const b = a.slice();
      b[i] = (b[i] as number) ^ 0x80;
      expect(sameBytes(a, b)).toBe(false);
    }
    expect(sameBytes(a, a.subarray(0, 3))).toBe(false);
    expect(sameBytes(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
});
