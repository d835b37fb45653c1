import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/domain/accounts.ts';
import { DEFAULT_LEVEL_SETTINGS } from '../../../src/domain/levels.ts';
import { decideShare, type ShareRequest } from '../../../src/domain/sharing.ts';
import type { ErrorCode } from '../../../src/protocol/errors.ts';
import type { Level, Recipient } from '../../../src/protocol/secrets.ts';
import { admin, customer, staff } from './fixtures.ts';

const policy = {
  staffEmailDomains: ['example.com'],
  expiryDefaultSeconds: 7 * 86400,
  expiryMaxSeconds: 30 * 86400,
  levels: DEFAULT_LEVEL_SETTINGS,
};
const levelsOff = { ...policy, levels: { ...DEFAULT_LEVEL_SETTINGS, levelsEnabled: false } };
const now = 1_000_000;
const toCustomer: Recipient = { kind: 'customer', email: 'dirk@globex.test' };
const toStaffAddress: Recipient = { kind: 'customer', email: 'greta@example.com' };
const toService: Recipient = { kind: 'team', team: 'service' };

function share(
  sender: Account,
  recipient: Recipient,
  extra: Partial<ShareRequest> = {},
  sharePolicy: typeof policy = policy,
) {
  return decideShare(
    { sender, recipient, teamExists: true, addressIsKnownStaff: false, recipientClearance: 1, now, ...extra },
    sharePolicy,
  );
}

describe('decideShare: role x recipient (S1-S3)', () => {
  const table: [string, Account, Recipient, Partial<ShareRequest>, ErrorCode | 'direct' | 'team'][] = [
    ['S1 staff -> customer e-mail', staff, toCustomer, {}, 'direct'],
    ['S1 admin -> customer e-mail', admin, toCustomer, {}, 'direct'],
    ['S1 staff -> staff-domain address is refused', staff, toStaffAddress, {}, 'share.staff_address'],
    [
      'S1 staff -> address of a known staff account is refused',
      staff,
      toCustomer,
      { addressIsKnownStaff: true },
      'share.staff_address',
    ],
    [
      'S1 staff -> an address in a subdomain of a staff domain is refused (section 1)',
      staff,
      { kind: 'customer', email: 'x@sub.example.com' },
      {},
      'share.staff_address',
    ],
    [
      'S1 staff -> a look-alike domain mixing scripts is refused (issue 14)',
      staff,
      { kind: 'customer', email: 'ada.admin@xn--xample-2of.com' },
      {},
      'share.mixed_script_address',
    ],
    [
      'S1 staff -> a domain in one non-Latin script is a customer address',
      staff,
      { kind: 'customer', email: 'x@xn--e1afmkfd.xn--p1ai' },
      {},
      'direct',
    ],
    // Issue 17 extends S1 (decision 0017): staff may also share with a team, as customers do (S2).
    ['S1+ staff -> team (issue 17)', staff, toService, {}, 'team'],
    ['S1+ admin -> team (issue 17)', admin, toService, {}, 'team'],
    ['S1+ staff -> unknown team is refused', staff, toService, { teamExists: false }, 'share.unknown_team'],
    ['S2 customer -> team', customer, toService, {}, 'team'],
    [
      'S2 customer -> unknown team is refused',
      customer,
      toService,
      { teamExists: false },
      'share.unknown_team',
    ],
    ['S3 customer -> customer is refused', customer, toCustomer, {}, 'share.customer_to_customer'],
    [
      'S2 customer -> staff subdomain individual is refused',
      customer,
      { kind: 'customer', email: 'x@sub.example.com' },
      {},
      'share.customer_to_individual',
    ],
    [
      'S2 customer -> staff individual is refused',
      customer,
      toStaffAddress,
      {},
      'share.customer_to_individual',
    ],
    ['disabled sender is refused', { ...staff, active: false }, toCustomer, {}, 'auth.account_disabled'],
  ];
  it.each(table)('%s', (_name, sender, recipient, extra, expected) => {
    const decision = share(sender, recipient, extra);
    if (expected === 'direct' || expected === 'team') {
      expect(decision).toMatchObject({ allowed: true, kind: expected });
    } else {
      expect(decision).toEqual({ allowed: false, code: expected });
    }
  });
});

describe('decideShare: classification (C3)', () => {
  it('defaults to the lowest level', () => {
    expect(share(staff, toCustomer)).toMatchObject({ allowed: true, classification: 1 });
  });
  it.each([
    [staff, 2 as Level, 'share.classification_above_clearance'],
    [staff, 3 as Level, 'share.classification_above_clearance'],
    [admin, 3 as Level, null],
  ])('level %# against clearance', (sender, level, code) => {
    const decision = share(sender, toCustomer, { classification: level, recipientClearance: 3 });
    expect(decision).toEqual(
      code ? { allowed: false, code } : expect.objectContaining({ classification: level }),
    );
  });
});

describe('decideShare: expiry (O3)', () => {
  it('presets the installation default', () => {
    expect(share(staff, toCustomer)).toMatchObject({ expiresAt: now + 7 * 86400 * 1000 });
  });
  it('takes a chosen expiry within range', () => {
    expect(share(staff, toCustomer, { expiresInSeconds: 3600 })).toMatchObject({
      expiresAt: now + 3600 * 1000,
    });
  });
  it.each([59, 30 * 86400 + 1])('refuses %s seconds', (seconds) => {
    expect(share(staff, toCustomer, { expiresInSeconds: seconds })).toEqual({
      allowed: false,
      code: 'share.expiry_out_of_range',
    });
  });
});

describe('decideShare: levels (C1, C4)', () => {
  const admin2 = { ...admin, clearance: 3 as Level };
  const table: [string, Account, Recipient, Partial<ShareRequest>, typeof policy, ErrorCode | Level][] = [
    [
      'C4 a direct share above the customer clearance is refused',
      admin2,
      toCustomer,
      { classification: 2, recipientClearance: 1 },
      policy,
      'share.recipient_clearance',
    ],
    [
      'C4 a direct share at the customer clearance is made',
      admin2,
      toCustomer,
      { classification: 2, recipientClearance: 2 },
      policy,
      2,
    ],
    [
      'C4 the sender check (C3) comes before the recipient check',
      staff,
      toCustomer,
      { classification: 2, recipientClearance: 1 },
      policy,
      'share.classification_above_clearance',
    ],
    [
      'C4 a team share is not checked against one recipient (C6 judges its members)',
      customer,
      toService,
      { classification: 1, recipientClearance: 1 },
      policy,
      1,
    ],
    ['C1 levels off: a share without a classification is level 1', staff, toCustomer, {}, levelsOff, 1],
    ['C1 levels off: level 1 given is level 1', staff, toCustomer, { classification: 1 }, levelsOff, 1],
    [
      'C1 levels off: a higher classification is refused, not quietly lowered (it is bound into the ciphertext)',
      admin2,
      toCustomer,
      { classification: 3, recipientClearance: 3 },
      levelsOff,
      'share.levels_off',
    ],
    [
      'C1 levels off: no recipient clearance is checked',
      staff,
      toCustomer,
      { recipientClearance: 1 },
      levelsOff,
      1,
    ],
  ];
  it.each(table)('%s', (_name, sender, recipient, extra, sharePolicy, expected) => {
    const decision = share(sender, recipient, extra, sharePolicy);
    if (typeof expected === 'number')
      expect(decision).toMatchObject({ allowed: true, classification: expected });
    else expect(decision).toEqual({ allowed: false, code: expected });
  });
});

describe('decideShare: team shares and levels (C6)', () => {
  const member = (name: string, clearance: Level) => ({
    accountId: name.toLowerCase(),
    name,
    role: 'staff' as const,
    isAdmin: false,
    clearance,
  });
  const carla2 = { ...customer, clearance: 2 as Level };

  it('C6 members below the level are excluded; the rest are the eligible recipients to record (C7)', () => {
    const decision = share(carla2, toService, {
      classification: 2,
      teamMembers: [member('Sven', 1), member('Greta', 2)],
    });
    expect(decision).toMatchObject({ allowed: true, kind: 'team' });
    if (!decision.allowed) return;
    expect(decision.eligible.map((m) => m.name)).toEqual(['Greta']);
    expect(decision.excluded.map((m) => m.name)).toEqual(['Sven']);
  });

  it('C6 a share that leaves no eligible member is refused', () => {
    expect(share(carla2, toService, { classification: 2, teamMembers: [member('Sven', 1)] })).toEqual({
      allowed: false,
      code: 'share.no_eligible_member',
    });
  });

  it('C6 a team nobody has joined yet is not refused (C7 checks later members when they open)', () => {
    expect(share(carla2, toService, { classification: 2, teamMembers: [] })).toMatchObject({
      allowed: true,
      eligible: [],
      excluded: [],
    });
  });

  it('C6 a staff sender: members below the level are excluded, the rest recorded (issue 17)', () => {
    const staff2 = { ...staff, clearance: 2 as Level };
    const decision = share(staff2, toService, {
      classification: 2,
      teamMembers: [member('Sven', 1), member('Ines', 1), member('Greta', 2)],
    });
    expect(decision).toMatchObject({ allowed: true, kind: 'team', classification: 2 });
    if (!decision.allowed) return;
    expect(decision.eligible.map((m) => m.name)).toEqual(['Greta']);
    expect(decision.excluded.map((m) => m.name)).toEqual(['Sven', 'Ines']);
  });

  it('C6 a staff sender: a share that leaves no eligible member is refused (issue 17)', () => {
    expect(share(admin, toService, { classification: 3, teamMembers: [member('Sven', 2)] })).toEqual({
      allowed: false,
      code: 'share.no_eligible_member',
    });
  });

  it('C3 a staff sender: a team share above their own clearance is refused first (issue 17)', () => {
    expect(share(staff, toService, { classification: 2, teamMembers: [member('Greta', 3)] })).toEqual({
      allowed: false,
      code: 'share.classification_above_clearance',
    });
  });

  it('issue 17: a staff sender of their own team is neither eligible nor excluded; alone at the level, refused', () => {
    const greta2 = { ...staff, id: 'greta', clearance: 2 as Level };
    const members = [member('Greta', 2), member('Sven', 1), member('Ines', 2)];
    const decision = share(greta2, toService, { classification: 2, teamMembers: members });
    expect(decision).toMatchObject({ allowed: true });
    if (!decision.allowed) return;
    expect(decision.eligible.map((m) => m.name)).toEqual(['Ines']);
    expect(decision.excluded.map((m) => m.name)).toEqual(['Sven']);
    // C6: nobody but the sender could open it.
    expect(share(greta2, toService, { classification: 2, teamMembers: members.slice(0, 2) })).toEqual({
      allowed: false,
      code: 'share.no_eligible_member',
    });
  });

  it('C1 levels off: nobody is excluded', () => {
    const decision = share(customer, toService, { teamMembers: [member('Sven', 1)] }, levelsOff);
    expect(decision).toMatchObject({ allowed: true, excluded: [] });
  });
});
