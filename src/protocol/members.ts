/**
 * The member management API (admins only; C2, issue 17): list and search accounts, change a member's
 * clearance, disable and re-enable an account, and set membership of teams whose members admins set.
 */
import { z } from 'zod';
import { ID_BYTES } from './crypto.ts';
import { base64urlOf, levelSchema, text } from './secrets.ts';

/** How many members one page holds: kept in the schema-free `values.ts`, which the browser imports. */
export { MEMBERS_PAGE_SIZE } from './values.ts';

export const memberIdSchema = base64urlOf(ID_BYTES);

/** `GET /api/admin/members?query=&offset=`: a part of a name or e-mail address, and where the page starts. */
export const listMembersQuery = z.strictObject({
  query: text().trim().max(200).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
export type ListMembersQuery = z.output<typeof listMembersQuery>;

/** `POST /api/admin/members/:id/clearance` (C2; not for admins, who always have level 3). */
export const changeClearanceRequest = z.strictObject({ clearance: levelSchema });

export const memberStatusSchema = z.enum(['active', 'disabled']);
export type MemberStatus = z.infer<typeof memberStatusSchema>;

/** `POST /api/admin/members/:id/status`: disable (every session ends at once) or enable again. */
export const changeStatusRequest = z.strictObject({ status: memberStatusSchema });

/** `POST /api/admin/members/:id/teams`: join or leave a team whose members admins set. */
export const changeTeamRequest = z.strictObject({ team: text().min(1).max(64), member: z.boolean() });

/** A team membership: from the provider's groups claim at sign-in, or set by an admin. */
export const memberTeamSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  source: z.enum(['claim', 'admin']),
});
export type MemberTeam = z.infer<typeof memberTeamSchema>;

/** One account as member management shows it. */
export const memberViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['staff', 'customer']),
  isAdmin: z.boolean(),
  /** C2: always 3 for admins. */
  clearance: levelSchema,
  status: memberStatusSchema,
  lastSignInAt: z.number().int(),
  teams: z.array(memberTeamSchema),
});
export type MemberView = z.infer<typeof memberViewSchema>;

/** `GET /api/admin/members`: one page of the accounts that match. */
export const membersResponse = z.strictObject({
  members: z.array(memberViewSchema),
  /** How many accounts match, of which `members` is the page at `offset`. */
  total: z.number().int(),
  offset: z.number().int(),
  /** Every team offered, and whether admins set its members here. */
  teams: z.array(z.strictObject({ id: z.string(), name: z.string(), setByAdmins: z.boolean() })),
  /** C2: clearance comes from the provider's claim at every sign-in; a change here lasts until then. */
  clearanceFromProvider: z.boolean(),
});
export type MembersResponse = z.infer<typeof membersResponse>;

/** The changed member, as the list shows it. */
export const memberResponse = z.strictObject({ member: memberViewSchema });
export type MemberResponse = z.infer<typeof memberResponse>;
