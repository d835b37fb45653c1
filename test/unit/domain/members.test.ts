/** What an admin may change about a member (C2, issue 17): a decision table. */
import { describe, expect, it } from 'vitest';
import {
  decideMemberChange,
  type MemberChange,
  type MemberChangeDecision,
  type MemberFacts,
} from '../../../src/domain/members.ts';

const ADMIN_ID = 'admin-1';
const greta: MemberFacts = { id: 'greta', role: 'staff', isAdmin: false, clearance: 2, active: true };
const carla: MemberFacts = { id: 'carla', role: 'customer', isAdmin: false, clearance: 1, active: true };
const otherAdmin: MemberFacts = { id: 'admin-2', role: 'staff', isAdmin: true, clearance: 3, active: true };
const self: MemberFacts = { ...otherAdmin, id: ADMIN_ID };
const context = {
  teams: [
    { id: 'service', setByAdmins: false },
    { id: 'sales', setByAdmins: true },
  ],
  isMember: (teamId: string) => teamId === 'sales',
};

describe('decideMemberChange', () => {
  const table: [string, MemberFacts | undefined, MemberChange, MemberChangeDecision][] = [
    [
      'C2 a clearance is changed',
      greta,
      { kind: 'clearance', clearance: 1 },
      { allowed: true, changes: true },
    ],
    [
      'the same clearance changes nothing',
      greta,
      { kind: 'clearance', clearance: 2 },
      { allowed: true, changes: false },
    ],
    [
      "C2 an admin's clearance stays 3",
      otherAdmin,
      { kind: 'clearance', clearance: 1 },
      { allowed: false, code: 'member.admin_clearance' },
    ],
    [
      'an unknown member',
      undefined,
      { kind: 'clearance', clearance: 1 },
      { allowed: false, code: 'member.not_found' },
    ],
    ['an account is disabled', carla, { kind: 'status', active: false }, { allowed: true, changes: true }],
    [
      'another admin is disabled',
      otherAdmin,
      { kind: 'status', active: false },
      { allowed: true, changes: true },
    ],
    [
      'an active account enabled changes nothing',
      carla,
      { kind: 'status', active: true },
      { allowed: true, changes: false },
    ],
    [
      'an admin never disables themselves',
      self,
      { kind: 'status', active: false },
      { allowed: false, code: 'member.self' },
    ],
    [
      'a team whose members admins set: leave',
      greta,
      { kind: 'team', teamId: 'sales', member: false },
      { allowed: true, changes: true },
    ],
    [
      'a team whose members admins set: already a member',
      greta,
      { kind: 'team', teamId: 'sales', member: true },
      { allowed: true, changes: false },
    ],
    [
      "a team from the provider's groups is not set here",
      greta,
      { kind: 'team', teamId: 'service', member: true },
      { allowed: false, code: 'member.team_from_provider' },
    ],
    [
      'an unknown team',
      greta,
      { kind: 'team', teamId: 'nope', member: true },
      { allowed: false, code: 'member.unknown_team' },
    ],
    [
      'S2 customers are never team members',
      carla,
      { kind: 'team', teamId: 'sales', member: true },
      { allowed: false, code: 'member.customer_team' },
    ],
  ];
  it.each(table)('%s', (_name, member, change, expected) => {
    expect(decideMemberChange(ADMIN_ID, member, change, context)).toEqual(expected);
  });
});
