/**
 * Section 1, C2, L2, R4: who an account is, from verified claims and the installation's policy: staff and
 * admin by domain, group or role, teams by provider group under their display names, clearance from the
 * provider or kept in Safe Share.
 */
import { describe, expect, it } from 'vitest';
import {
  type AccountRoles,
  decideRoles,
  type PreviousAccount,
  type RolePolicy,
} from '../../../src/domain/roles.ts';

const policy: RolePolicy = {
  staffEmailDomains: ['example.com'],
  staffGroup: 'staff',
  adminGroup: 'safe-share-admins',
  adminEmails: ['boss@example.com', 'outsider@acme.test'],
  teams: [
    { id: 'service', name: 'Service', group: 'Service' },
    { id: 'go-engineers', name: 'GO Engineers', group: 'GO Engineers' },
  ],
  defaultClearance: 1,
};

interface Row {
  readonly rule: string;
  readonly email: string;
  readonly groups?: readonly string[];
  readonly roles?: readonly string[];
  readonly clearance?: 1 | 2 | 3;
  readonly locale?: string;
  readonly previous?: PreviousAccount;
  readonly policy?: Partial<RolePolicy>;
  readonly expected: Partial<AccountRoles>;
}

const customer = { role: 'customer', isAdmin: false, teamIds: [] } as const;

const rows: Row[] = [
  { rule: 'staff by e-mail domain', email: 'sam@example.com', expected: { role: 'staff', isAdmin: false } },
  {
    rule: 'staff by the staff group',
    email: 'sam@partner.test',
    groups: ['staff'],
    expected: { role: 'staff' },
  },
  {
    rule: 'no staff group configured: the claim value means nothing',
    email: 'sam@partner.test',
    groups: ['staff'],
    policy: { staffGroup: undefined },
    expected: customer,
  },
  {
    rule: 'section 1: a subdomain of a staff domain is staff',
    email: 'eve@mail.example.com',
    expected: { role: 'staff' },
  },
  {
    rule: 'section 1: a look-alike of a staff domain (Cyrillic е, as normalised) is not staff',
    email: 'eve@xn--xample-2of.com',
    expected: customer,
  },
  { rule: 'a staff domain as a suffix is not staff', email: 'eve@notexample.com', expected: customer },
  {
    rule: 'the domain part only: a local part that looks like one is not staff',
    email: 'example.com@acme.test',
    expected: customer,
  },
  { rule: 'a customer', email: 'carla@acme.test', expected: customer },
  {
    rule: 'admin by the admin group',
    email: 'ada@example.com',
    groups: ['safe-share-admins'],
    expected: { role: 'staff', isAdmin: true, clearance: 3 },
  },
  {
    rule: 'admin by the bootstrap list',
    email: 'boss@example.com',
    expected: { role: 'staff', isAdmin: true, clearance: 3 },
  },
  {
    rule: 'a customer in the admin group is not admin',
    email: 'carla@acme.test',
    groups: ['safe-share-admins'],
    expected: { ...customer, clearance: 1 },
  },
  { rule: 'a customer on the bootstrap list is not admin', email: 'outsider@acme.test', expected: customer },
  {
    rule: 'staff-group staff on the bootstrap list is admin',
    email: 'outsider@acme.test',
    groups: ['staff'],
    expected: { role: 'staff', isAdmin: true },
  },
  {
    rule: 'group values match exactly (case matters)',
    email: 'ada@example.com',
    groups: ['Safe-Share-Admins', 'service'],
    expected: { isAdmin: false, teamIds: [] },
  },
  {
    rule: 'C2: an admin has 3 even when an admin set less',
    email: 'ada@example.com',
    groups: ['safe-share-admins'],
    previous: { clearance: 1, isAdmin: true },
    expected: { clearance: 3 },
  },
  {
    rule: 'C2: a new account gets the default level',
    email: 'sam@example.com',
    policy: { defaultClearance: 2 },
    expected: { clearance: 2 },
  },
  {
    rule: 'C2: an existing account keeps the level an admin set',
    email: 'sam@example.com',
    previous: { clearance: 2, isAdmin: false },
    expected: { clearance: 2 },
  },
  {
    rule: 'C2: an existing customer keeps their level',
    email: 'carla@acme.test',
    previous: { clearance: 3, isAdmin: false },
    expected: { clearance: 3 },
  },
  {
    rule: 'C2: a former admin drops to the default level',
    email: 'ada@example.com',
    previous: { clearance: 3, isAdmin: true },
    expected: { isAdmin: false, clearance: 1 },
  },
  {
    rule: 'teams: group values equal to a team name',
    email: 'sven@example.com',
    groups: ['Service', 'GO Engineers', 'other'],
    expected: { teamIds: ['service', 'go-engineers'] },
  },
  {
    rule: 'teams: customers are never team members',
    email: 'carla@acme.test',
    groups: ['Service'],
    expected: customer,
  },
  { rule: 'L2: locale from the claim', email: 'sven@example.com', locale: 'de', expected: { locale: 'de' } },
  {
    rule: 'L2: a regional tag maps to its language',
    email: 'greta@example.com',
    locale: 'nl-BE',
    expected: { locale: 'nl' },
  },
  {
    rule: 'L2: an unsupported language falls back to English',
    email: 'sam@example.com',
    locale: 'fr',
    expected: { locale: 'en' },
  },
  { rule: 'L2: no locale claim is English', email: 'sam@example.com', expected: { locale: 'en' } },
  {
    rule: 'R4: staff by the staff role',
    email: 'eli@partner.test',
    roles: ['SafeShare.Staff'],
    policy: { staffRole: 'SafeShare.Staff' },
    expected: { role: 'staff', isAdmin: false },
  },
  {
    rule: 'R4: admin by the admin role',
    email: 'ada@example.com',
    roles: ['SafeShare.Admin'],
    policy: { adminRole: 'SafeShare.Admin' },
    expected: { role: 'staff', isAdmin: true, clearance: 3 },
  },
  {
    rule: 'R4: a role value in the groups claim is no role, a group value in the roles claim no group',
    email: 'ada@example.com',
    groups: ['SafeShare.Admin'],
    roles: ['safe-share-admins', 'Service'],
    policy: { adminRole: 'SafeShare.Admin' },
    expected: { isAdmin: false, teamIds: [] },
  },
  {
    rule: 'R4: a customer with the admin role is not admin',
    email: 'carla@acme.test',
    roles: ['SafeShare.Admin'],
    policy: { adminRole: 'SafeShare.Admin' },
    expected: customer,
  },
  {
    rule: 'R4: no admin group configured: the claim value means nothing',
    email: 'ada@example.com',
    groups: ['safe-share-admins'],
    policy: { adminGroup: undefined },
    expected: { isAdmin: false },
  },
  {
    rule: 'R4: teams by their provider group, shown by their name (Keycloak path, prefix stripped both sides)',
    email: 'sven@example.com',
    groups: ['/support/service', '/Service'],
    policy: {
      groupPrefix: '/',
      teams: [
        { id: 'service', name: 'Service', group: '/support/service' },
        { id: 'go-engineers', name: 'GO Engineers', group: 'engineering/go' },
      ],
    },
    expected: { teamIds: ['service'] },
  },
  {
    rule: 'R4: the prefix is stripped from the claim too: a configured group without it matches',
    email: 'sven@example.com',
    groups: ['/engineering/go'],
    policy: {
      groupPrefix: '/',
      teams: [{ id: 'go-engineers', name: 'GO Engineers', group: 'engineering/go' }],
    },
    expected: { teamIds: ['go-engineers'] },
  },
  {
    rule: 'R4: without a prefix configured, /Service is not Service',
    email: 'sven@example.com',
    groups: ['/Service', '/safe-share-admins'],
    expected: { teamIds: [], isAdmin: false },
  },
  {
    rule: 'R4: with prefix /, Keycloak paths make admin and staff by group',
    email: 'sam@partner.test',
    groups: ['/staff', '/safe-share-admins'],
    policy: { groupPrefix: '/' },
    expected: { role: 'staff', isAdmin: true },
  },
  {
    rule: 'R4: only the prefix at the start is stripped, once',
    email: 'sven@example.com',
    groups: ['//Service', 'Service/'],
    policy: { groupPrefix: '/' },
    expected: { teamIds: [] },
  },
  {
    rule: 'R4: teams by Entra group id',
    email: 'sven@example.com',
    groups: ['6f1c9a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b'],
    policy: { teams: [{ id: 'service', name: 'Service', group: '6f1c9a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b' }] },
    expected: { teamIds: ['service'] },
  },
  {
    rule: 'C2: clearance from the provider: the claimed level, over the one an admin set',
    email: 'sam@example.com',
    clearance: 2,
    previous: { clearance: 3, isAdmin: false },
    policy: { clearanceFromClaim: true },
    expected: { clearance: 2 },
  },
  {
    rule: 'C2: clearance from the provider: no level claimed gives the default (taken away lowers it)',
    email: 'sam@example.com',
    previous: { clearance: 3, isAdmin: false },
    policy: { clearanceFromClaim: true, defaultClearance: 1 },
    expected: { clearance: 1 },
  },
  {
    rule: 'C2: clearance from the provider: an admin still has 3',
    email: 'ada@example.com',
    groups: ['safe-share-admins'],
    clearance: 1,
    policy: { clearanceFromClaim: true },
    expected: { clearance: 3 },
  },
  {
    rule: 'C2: clearance from the provider applies to customers too',
    email: 'carla@acme.test',
    clearance: 2,
    policy: { clearanceFromClaim: true },
    expected: { ...customer, clearance: 2 },
  },
  {
    rule: 'C2: clearance managed in Safe Share: a claimed level is ignored',
    email: 'sam@example.com',
    clearance: 3,
    expected: { clearance: 1 },
  },
];

describe('decideRoles', () => {
  it.each(rows)('$rule', (row) => {
    const roles = decideRoles(
      {
        email: row.email,
        groups: row.groups ?? [],
        roles: row.roles,
        locale: row.locale,
        clearance: row.clearance,
      },
      row.previous,
      { ...policy, ...row.policy },
    );
    expect(roles).toMatchObject(row.expected);
  });

  it('every result has a level between 1 and 3 and admins only among staff', () => {
    for (const row of rows) {
      const roles = decideRoles({ email: row.email, groups: row.groups ?? [] }, row.previous, policy);
      expect([1, 2, 3]).toContain(roles.clearance);
      if (roles.isAdmin) expect(roles.role).toBe('staff');
      if (roles.role === 'customer') expect(roles.teamIds).toEqual([]);
    }
  });
});
