import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/domain/accounts.ts';
import { decideOpen, type OpenDenial, type SecretFacts } from '../../../src/domain/opening.ts';
import { admin, customer, otherCustomer, otherStaff, staff } from './fixtures.ts';

const direct: SecretFacts = {
  kind: 'direct',
  recipientEmail: customer.email,
  teamId: null,
  classification: 1,
};
const team: SecretFacts = { kind: 'team', recipientEmail: null, teamId: 'service', classification: 1 };

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
    [
      'a guest submission is not openable before invitations exist',
      staff,
      { ...direct, kind: 'submission' },
      'not_recipient',
    ],
  ];
  it.each(table)('%s', (_name, account, secret, expected) => {
    expect(decideOpen(account, secret)).toEqual(
      expected === 'allowed' ? { allowed: true } : { allowed: false, reason: expected },
    );
  });
});
