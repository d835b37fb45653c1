import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/domain/accounts.ts';
import { decideRevoke, type RevocableSecret, type RevokeDenial } from '../../../src/domain/revoking.ts';
import { admin, customer, otherStaff, staff } from './fixtures.ts';

const NOW = 1_000_000;
const waiting: RevocableSecret = { senderId: staff.id, status: 'waiting', expiresAt: NOW + 1 };

describe('decideRevoke: only the sender, only before it is opened (O6)', () => {
  const table: [string, Account, RevocableSecret | undefined, RevokeDenial | 'allowed'][] = [
    ['O6 the sender revokes a waiting secret', staff, waiting, 'allowed'],
    ['O6 an unknown id', staff, undefined, 'unknown'],
    ['O6 another staff member is refused', otherStaff, waiting, 'not_sender'],
    ['O6 the recipient is refused', customer, waiting, 'not_sender'],
    ['C2 an admin is not the sender by clearance', admin, waiting, 'not_sender'],
    [
      'O6 a stranger learns nothing about the state: an opened secret is still not_sender',
      otherStaff,
      { ...waiting, status: 'opened' },
      'not_sender',
    ],
    ['O6 an opened secret', staff, { ...waiting, status: 'opened' }, 'not_waiting'],
    ['O6 a revoked secret is not revoked twice', staff, { ...waiting, status: 'revoked' }, 'not_waiting'],
    ['O3 an expired secret, marked', staff, { ...waiting, status: 'expired' }, 'not_waiting'],
    ['O3 an expired secret, not swept yet', staff, { ...waiting, expiresAt: NOW }, 'expired'],
    ['a disabled sender', { ...staff, active: false }, waiting, 'account_disabled'],
  ];
  it.each(table)('%s', (_name, account, secret, expected) => {
    expect(decideRevoke(account, secret, NOW)).toEqual(
      expected === 'allowed' ? { allowed: true } : { allowed: false, reason: expected },
    );
  });
});
