/**
 * The member management API (admins only; C2, issue 17): list and search accounts, change a member's
 * clearance, disable and re-enable an account, and set membership of teams whose members admins set.
 */
import { z } from 'zod';
import { ID_BYTES } from './crypto.ts';
import { base64urlOf, type Level, levelSchema, text } from './secrets.ts';

export const memberIdSchema = base64urlOf(ID_BYTES);

/** How many members one page of the list holds. */
export const MEMBERS_PAGE_SIZE = 50;

/** `GET /api/admin/members?query=&offset=`: a part of a name or e-mail address, and where the page starts. */
export const listMembersQuery = z.strictObject({
  query: text().trim().max(200).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
export type ListMembersQuery = z.output<typeof listMembersQuery>;

/** `POST /api/admin/members/:id/clearance` (C2; not for admins, who always have level 3). */
export const changeClearanceRequest = z.strictObject({ clearance: levelSchema });

/** `POST /api/admin/members/:id/status`: disable (every session ends at once) or enable again. */
export const changeStatusRequest = z.strictObject({ status: z.enum(['active', 'disabled']) });

/** `POST /api/admin/members/:id/teams`: join or leave a team whose members admins set. */
export const changeTeamRequest = z.strictObject({ team: text().min(1).max(64), member: z.boolean() });

export type MemberStatus = 'active' | 'disabled';

/** A team membership: from the provider's groups claim at sign-in, or set by an admin. */
export interface MemberTeam {
  id: string;
  name: string;
  source: 'claim' | 'admin';
}

/** One account as member management shows it. */
export interface MemberView {
  id: string;
  name: string;
  email: string;
  role: 'staff' | 'customer';
  isAdmin: boolean;
  /** C2: always 3 for admins. */
  clearance: Level;
  status: MemberStatus;
  lastSignInAt: number;
  teams: MemberTeam[];
}

export interface MembersResponse {
  members: MemberView[];
  /** How many accounts match, of which `members` is the page at `offset`. */
  total: number;
  offset: number;
  /** Every team offered, and whether admins set its members here. */
  teams: { id: string; name: string; setByAdmins: boolean }[];
  /** C2: clearance comes from the provider's claim at every sign-in; a change here lasts until then. */
  clearanceFromProvider: boolean;
}

/** The changed member, as the list shows it. */
export interface MemberResponse {
  member: MemberView;
}
