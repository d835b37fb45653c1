/**
 * Member management (C2; issue 17): what an admin may change about an account. Pure; the use case checks
 * that the actor is an admin first (`domain/admin.ts`) and reads the member as stored. Every allowed
 * change is audited with who, whom, before and after.
 */
import type { ErrorCode } from '../protocol/errors.ts';
import type { Level } from '../protocol/values.ts';
import type { Role } from './accounts.ts';

/** A member as the rules see them. */
export interface MemberFacts {
  readonly id: string;
  readonly role: Role;
  readonly isAdmin: boolean;
  readonly clearance: Level;
  readonly active: boolean;
}

/** What an admin asks to change. */
export type MemberChange =
  | { readonly kind: 'clearance'; readonly clearance: Level }
  | { readonly kind: 'status'; readonly active: boolean }
  | { readonly kind: 'team'; readonly teamId: string; readonly member: boolean };

/** The installation's teams as member management sees them. */
export interface TeamFacts {
  readonly id: string;
  /** Members are set by admins here (TEAMS_SET_BY_ADMINS), not taken from the provider's groups. */
  readonly setByAdmins: boolean;
}

export type MemberChangeDecision =
  | { readonly allowed: true; readonly changes: boolean }
  | { readonly allowed: false; readonly code: ErrorCode };

/**
 * Whether `actorId` may make `change` to `member`, and whether it changes anything (a change to what is
 * already so is allowed and not audited):
 * - clearance: not of an admin (C2: admins always have level 3);
 * - status: not one's own (an admin cannot lock themselves out);
 * - team: only a team whose members admins set, and only for staff (customers are never team members);
 *   `isMember` says whether the member belongs to the team by an admin's decision now.
 * @example decideMemberChange('ada', greta, { kind: 'clearance', clearance: 1 }, context)
 */
export function decideMemberChange(
  actorId: string,
  member: MemberFacts | undefined,
  change: MemberChange,
  context: { readonly teams: readonly TeamFacts[]; readonly isMember: (teamId: string) => boolean },
): MemberChangeDecision {
  const deny = (code: ErrorCode): MemberChangeDecision => ({ allowed: false, code });
  if (!member) return deny('member.not_found');
  switch (change.kind) {
    case 'clearance':
      if (member.isAdmin) return deny('member.admin_clearance');
      return { allowed: true, changes: member.clearance !== change.clearance };
    case 'status':
      if (member.id === actorId) return deny('member.self');
      return { allowed: true, changes: member.active !== change.active };
    case 'team': {
      const team = context.teams.find((candidate) => candidate.id === change.teamId);
      if (!team) return deny('member.unknown_team');
      if (!team.setByAdmins) return deny('member.team_from_provider');
      if (member.role !== 'staff') return deny('member.customer_team');
      return { allowed: true, changes: context.isMember(team.id) !== change.member };
    }
    default:
      return deny('request.invalid');
  }
}
