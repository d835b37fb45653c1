/** Who sees which audit entries, and who of the actors (X6, C5, C6, C8): decision tables. */
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/domain/accounts.ts';
import {
  type AuditEntryDecision,
  type AuditFacts,
  auditScope,
  decideAuditEntry,
  refusedOpensView,
} from '../../../src/domain/audit.ts';
import { DEFAULT_LEVEL_SETTINGS } from '../../../src/domain/levels.ts';
import { admin, customer, otherStaff, staff } from './fixtures.ts';

const on = DEFAULT_LEVEL_SETTINGS;
const off = { ...on, levelsEnabled: false };

describe('decideAuditEntry', () => {
  const entry = (facts: Partial<AuditFacts>): AuditFacts => ({
    action: 'secret.refused',
    actorId: null,
    ownerId: null,
    classification: 1,
    ...facts,
  });
  const table: [string, Account, AuditFacts, typeof on, AuditEntryDecision][] = [
    [
      'X6 admins see every entry and every actor',
      admin,
      entry({ actorId: staff.id, classification: 3 }),
      on,
      { visible: true, actorShown: true },
    ],
    [
      'C5 the creator sees an entry of their item above their clearance',
      staff,
      entry({ ownerId: staff.id, actorId: otherStaff.id, classification: 3 }),
      on,
      { visible: true, actorShown: true },
    ],
    [
      'C6 a customer creator is not told which staff member was refused',
      customer,
      entry({ ownerId: customer.id, actorId: staff.id }),
      on,
      { visible: true, actorShown: false },
    ],
    [
      'O6 a customer creator is told who opened it',
      customer,
      entry({ action: 'secret.opened', ownerId: customer.id, actorId: staff.id }),
      on,
      { visible: true, actorShown: true },
    ],
    [
      'their own act at their level is seen',
      staff,
      entry({ actorId: staff.id, classification: 1 }),
      on,
      { visible: true, actorShown: true },
    ],
    [
      'C8 their own act on an item above their clearance is hidden',
      staff,
      entry({ actorId: staff.id, classification: 2 }),
      on,
      { visible: false },
    ],
    [
      'C1 with levels off nothing is hidden by level',
      staff,
      entry({ actorId: staff.id, classification: 3 }),
      off,
      { visible: true, actorShown: true },
    ],
    [
      'an act of no item (a refused share) is their own',
      customer,
      entry({ action: 'share.refused', actorId: customer.id, classification: null }),
      on,
      { visible: true, actorShown: true },
    ],
    [
      "someone else's entry is hidden",
      staff,
      entry({ actorId: otherStaff.id, ownerId: otherStaff.id }),
      on,
      { visible: false },
    ],
    [
      "an admin's member change is not a member's to see",
      customer,
      entry({ action: 'member.clearance_changed', actorId: admin.id, classification: null }),
      on,
      { visible: false },
    ],
  ];
  it.each(table)('%s', (_name, viewer, facts, settings, expected) => {
    expect(decideAuditEntry(viewer, facts, settings)).toEqual(expected);
  });

  it('auditScope selects what decideAuditEntry shows', () => {
    expect(auditScope(admin, on)).toEqual({ all: true });
    expect(auditScope(staff, on)).toEqual({ all: false, accountId: staff.id, maxClassification: 1 });
    expect(auditScope({ ...admin, isAdmin: false }, on)).toMatchObject({ maxClassification: 3 });
    expect(auditScope(staff, off)).toEqual({ all: false, accountId: staff.id, maxClassification: null });
  });
});

describe('refusedOpensView (X6, C6)', () => {
  const attempts = [
    { actor: { name: 'Dirk Customer', email: 'dirk@globex.test' }, count: 2, firstAt: 10, lastAt: 30 },
    { actor: { name: 'Greta Engineer', email: 'greta@example.com' }, count: 1, firstAt: 5, lastAt: 5 },
  ];
  it('staff see who tried and when', () => {
    expect(refusedOpensView(attempts, 'staff')).toEqual({
      shown: 'people',
      count: 3,
      firstAt: 5,
      lastAt: 30,
      attempts: [
        { name: 'Dirk Customer', email: 'dirk@globex.test', count: 2, firstAt: 10, lastAt: 30 },
        { name: 'Greta Engineer', email: 'greta@example.com', count: 1, firstAt: 5, lastAt: 5 },
      ],
    });
  });
  it('C6 customers see only how many and when', () => {
    const view = refusedOpensView(attempts, 'customer');
    expect(view).toEqual({ shown: 'count', count: 3, firstAt: 5, lastAt: 30 });
    expect(JSON.stringify(view)).not.toMatch(/Greta|Dirk/);
  });
  it('none when nobody was refused', () => {
    expect(refusedOpensView([], 'staff')).toBeUndefined();
  });
});
