/** Accounts for the domain tables: one of each kind the rules tell apart. */
import type { Account } from '../../../src/domain/accounts.ts';

const base = { issuer: 'https://idp.test', locale: 'en', active: true, isAdmin: false } as const;

export const staff: Account = {
  ...base,
  id: 'staff-1',
  subject: 's1',
  email: 'sam@example.com',
  name: 'Sam Staff',
  role: 'staff',
  clearance: 1,
  teamIds: ['service'],
};
export const admin: Account = {
  ...staff,
  id: 'admin-1',
  subject: 'a1',
  email: 'ada@example.com',
  isAdmin: true,
  clearance: 3,
  teamIds: [],
};
export const customer: Account = {
  ...base,
  id: 'cust-1',
  subject: 'c1',
  email: 'carla@acme.test',
  name: 'Carla',
  role: 'customer',
  clearance: 1,
  teamIds: [],
};
export const otherCustomer: Account = { ...customer, id: 'cust-2', subject: 'c2', email: 'dirk@globex.test' };
export const otherStaff: Account = {
  ...staff,
  id: 'staff-2',
  subject: 's2',
  email: 'greta@example.com',
  teamIds: ['go-engineers'],
};
