/** The admin area's door and the rules of a settings change (issue 17: C2, O3, S5). */
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/domain/accounts.ts';
import { decideAdminAccess } from '../../../src/domain/admin.ts';
import { checkSettings } from '../../../src/domain/settings.ts';
import type { ErrorCode } from '../../../src/protocol/errors.ts';
import type { SettingsValues } from '../../../src/protocol/settings.ts';
import { admin, customer, staff } from './fixtures.ts';

describe('decideAdminAccess: only an active admin', () => {
  const table: [string, Account, ErrorCode | 'allowed'][] = [
    ['an admin enters', admin, 'allowed'],
    ['staff are refused', staff, 'admin.required'],
    ['customers are refused', customer, 'admin.required'],
    ['C2 a clearance of 3 is no admin role', { ...staff, clearance: 3 }, 'admin.required'],
    ['a disabled admin is refused', { ...admin, active: false }, 'auth.account_disabled'],
  ];
  it.each(table)('%s', (_name, account, expected) => {
    expect(decideAdminAccess(account)).toEqual(
      expected === 'allowed' ? { allowed: true } : { allowed: false, code: expected },
    );
  });
});

describe('checkSettings: each expiry preset within its maximum (O3, S5)', () => {
  const ok: SettingsValues = {
    levelsEnabled: true,
    defaultClearance: 1,
    secretExpiryDefaultSeconds: 7 * 86400,
    secretExpiryMaxSeconds: 30 * 86400,
    invitationExpiryDefaultSeconds: 7 * 86400,
    invitationExpiryMaxSeconds: 30 * 86400,
    recheckClearanceOnOpen: false,
    auditRetentionDays: 365,
  };
  const table: [string, Partial<SettingsValues>, ErrorCode | null][] = [
    ['the defaults keep the rules', {}, null],
    ['O3 a preset equal to the maximum', { secretExpiryDefaultSeconds: 30 * 86400 }, null],
    [
      'O3 a secret preset above its maximum',
      { secretExpiryMaxSeconds: 86400 },
      'settings.expiry_default_above_max',
    ],
    [
      'S5 an invitation preset above its maximum',
      { invitationExpiryDefaultSeconds: 31 * 86400 },
      'settings.expiry_default_above_max',
    ],
  ];
  it.each(table)('%s', (_name, change, expected) => {
    expect(checkSettings({ ...ok, ...change })).toBe(expected);
  });
});
