/** Decision tables of guest invitations (S4, S5, C3, O6): role x action x state x level. */
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/domain/accounts.ts';
import {
  type CreateInvitationDecision,
  decideCreateInvitation,
  decideInvitationRevoke,
  decideInvitationUse,
  decideSubmissionKey,
  type InvitationRefusal,
  type InvitationRevokeDenial,
  type InvitationState,
  invitationStatus,
  type RevocableInvitation,
  type SubmissionKeyDenial,
  type SubmissionState,
} from '../../../src/domain/invitations.ts';
import { DEFAULT_LEVEL_SETTINGS } from '../../../src/domain/levels.ts';
import type { Level } from '../../../src/protocol/values.ts';
import { admin, customer, otherStaff, staff } from './fixtures.ts';

const NOW = 1_000_000_000;
const DAY_MS = 86_400_000;
const policy = {
  expiryDefaultSeconds: 7 * 86_400,
  expiryMaxSeconds: 30 * 86_400,
  levels: DEFAULT_LEVEL_SETTINGS,
};

describe('decideCreateInvitation: who invites, at which level, for how long (S4, C3, S5)', () => {
  const table: [string, Account, Level | undefined, number | undefined, CreateInvitationDecision][] = [
    [
      'S4, S5 staff invite; 7 days and the lowest level by default',
      staff,
      undefined,
      undefined,
      { allowed: true, classification: 1, expiresAt: NOW + 7 * DAY_MS },
    ],
    [
      'S4 a customer may not invite',
      customer,
      undefined,
      undefined,
      { allowed: false, code: 'invitation.staff_only' },
    ],
    [
      'S4 a customer is refused before any level or expiry check',
      { ...customer, clearance: 3 },
      3,
      999_999_999,
      { allowed: false, code: 'invitation.staff_only' },
    ],
    [
      'a disabled staff account may not invite',
      { ...staff, active: false },
      undefined,
      undefined,
      { allowed: false, code: 'auth.account_disabled' },
    ],
    [
      'C3 not above the creator clearance',
      staff,
      2,
      undefined,
      { allowed: false, code: 'share.classification_above_clearance' },
    ],
    [
      'C3 at the creator clearance',
      admin,
      3,
      undefined,
      { allowed: true, classification: 3, expiresAt: NOW + 7 * DAY_MS },
    ],
    [
      'S5 the chosen expiry within range',
      staff,
      1,
      3600,
      { allowed: true, classification: 1, expiresAt: NOW + 3_600_000 },
    ],
    [
      'S5 the maximum itself',
      staff,
      undefined,
      30 * 86_400,
      { allowed: true, classification: 1, expiresAt: NOW + 30 * DAY_MS },
    ],
    [
      'S5 above the maximum',
      staff,
      undefined,
      30 * 86_400 + 1,
      { allowed: false, code: 'share.expiry_out_of_range' },
    ],
    ['S5 under a minute', staff, undefined, 59, { allowed: false, code: 'share.expiry_out_of_range' }],
  ];
  it.each(table)('%s', (_name, creator, classification, expiresInSeconds, expected) => {
    expect(decideCreateInvitation({ creator, classification, expiresInSeconds, now: NOW }, policy)).toEqual(
      expected,
    );
  });
});

describe('decideCreateInvitation with levels off (C1)', () => {
  const off = { ...policy, levels: { ...DEFAULT_LEVEL_SETTINGS, levelsEnabled: false } };
  it('C1 every invitation is level 1', () => {
    expect(decideCreateInvitation({ creator: staff, now: NOW }, off)).toMatchObject({ classification: 1 });
  });
  it('C1 another level is refused, whatever the clearance', () => {
    expect(decideCreateInvitation({ creator: admin, classification: 3, now: NOW }, off)).toEqual({
      allowed: false,
      code: 'share.levels_off',
    });
  });
});

describe('invitationStatus: an invitation past its expiry is expired (S5)', () => {
  it.each([
    ['waiting', NOW + 1, 'waiting'],
    ['waiting', NOW, 'expired'],
    ['used', NOW - 1, 'used'],
    ['revoked', NOW - 1, 'revoked'],
  ] as const)('%s expiring at %d reads %s', (stored, expiresAt, expected) => {
    expect(invitationStatus(stored, expiresAt, NOW)).toBe(expected);
  });
});

describe('decideInvitationUse: the secret first, then the state; every refusal alike to the guest (S5, X2)', () => {
  const hash = new Uint8Array(32).fill(9);
  const oneBitOff = hash.map((byte, i) => (i === 0 ? byte ^ 1 : byte));
  const waiting: InvitationState = { status: 'waiting', expiresAt: NOW + 1, secretHash: hash };
  const table: [string, InvitationState | undefined, Uint8Array, InvitationRefusal | 'allowed'][] = [
    ['X2 the right secret of a waiting invitation passes', waiting, hash, 'allowed'],
    ['S5 an unknown id', undefined, hash, 'unknown'],
    ['X2 a wrong secret (one bit off)', waiting, oneBitOff, 'wrong_secret'],
    ['X2 a secret of another length', waiting, hash.slice(1), 'wrong_secret'],
    ['S5 a used invitation', { ...waiting, status: 'used' }, hash, 'used'],
    ['S5 a revoked invitation', { ...waiting, status: 'revoked' }, hash, 'revoked'],
    ['S5 an expired invitation (at the instant)', { ...waiting, expiresAt: NOW }, hash, 'expired'],
    ['S5 marked expired', { ...waiting, status: 'expired', expiresAt: NOW + DAY_MS }, hash, 'expired'],
    [
      'X2 a wrong secret says nothing about a used invitation',
      { ...waiting, status: 'used' },
      oneBitOff,
      'wrong_secret',
    ],
  ];
  it.each(table)('%s', (_name, invitation, presented, expected) => {
    expect(decideInvitationUse(invitation, presented, NOW)).toEqual(
      expected === 'allowed' ? { allowed: true } : { allowed: false, reason: expected },
    );
  });
});

describe('decideInvitationRevoke: only the creator, only while waiting (O6)', () => {
  const mine: RevocableInvitation = { inviterId: staff.id, status: 'waiting', expiresAt: NOW + DAY_MS };
  const table: [string, Account, RevocableInvitation | undefined, InvitationRevokeDenial | 'allowed'][] = [
    ['O6 the creator revokes a waiting invitation', staff, mine, 'allowed'],
    ['an unknown id', staff, undefined, 'unknown'],
    ['O6 another staff member may not', otherStaff, mine, 'not_inviter'],
    ['C2 an admin may not revoke what is not theirs', admin, mine, 'not_inviter'],
    ['O6 a customer may not', customer, mine, 'not_inviter'],
    ['a stranger learns nothing about the state', otherStaff, { ...mine, status: 'used' }, 'not_inviter'],
    ['O6 not once used', staff, { ...mine, status: 'used' }, 'used'],
    ['O6 not twice', staff, { ...mine, status: 'revoked' }, 'revoked'],
    ['O6 not once expired', staff, { ...mine, expiresAt: NOW }, 'expired'],
    ['a disabled creator may not', { ...staff, active: false }, mine, 'account_disabled'],
  ];
  it.each(table)('%s', (_name, account, invitation, expected) => {
    expect(decideInvitationRevoke(account, invitation, NOW)).toEqual(
      expected === 'allowed' ? { allowed: true } : { allowed: false, reason: expected },
    );
  });
});

describe('decideSubmissionKey: what precedes the proof goes to the inviter alone (S4, O1)', () => {
  const submission: SubmissionState = { recipientId: staff.id, waiting: true, expiresAt: NOW + DAY_MS };
  const table: [string, Account, SubmissionState | undefined, SubmissionKeyDenial | 'allowed'][] = [
    ['S4 the inviting staff member', staff, submission, 'allowed'],
    ['an unknown id, or a secret that is no submission', staff, undefined, 'unknown'],
    ['O1 another staff member', otherStaff, submission, 'not_recipient'],
    ['C2 an admin', admin, submission, 'not_recipient'],
    ['O1 a customer', customer, submission, 'not_recipient'],
    [
      'O1 a customer account with the inviter id is no staff',
      { ...customer, id: staff.id },
      submission,
      'not_recipient',
    ],
    ['O2 once opened, nothing is left to prove', staff, { ...submission, waiting: false }, 'not_waiting'],
    ['O3 expired', staff, { ...submission, expiresAt: NOW }, 'expired'],
    ['a disabled inviter', { ...staff, active: false }, submission, 'account_disabled'],
  ];
  it.each(table)('%s', (_name, account, state, expected) => {
    expect(decideSubmissionKey(account, state, NOW)).toEqual(
      expected === 'allowed' ? { allowed: true } : { allowed: false, reason: expected },
    );
  });
});
