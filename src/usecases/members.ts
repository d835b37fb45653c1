/**
 * The member management use cases (admins only; C2, issue 17). Each reads as its steps: the admin door,
 * the member as stored, `domain/members.ts`'s decision, the change with its audit row (in the store's
 * transaction), and the member as they are now.
 */
import type { Account } from '../domain/accounts.ts';
import type { Clock } from '../domain/clock.ts';
import { decideMemberChange, type MemberChange, type TeamFacts } from '../domain/members.ts';
import { AppError } from '../protocol/errors.ts';
import {
  type ListMembersQuery,
  MEMBERS_PAGE_SIZE,
  type MemberResponse,
  type MembersResponse,
  type MemberView,
} from '../protocol/members.ts';
import type { Store } from '../store/connection.ts';
import {
  findMember,
  listMembers as listStoredMembers,
  type StoredMember,
  saveClearance,
  saveStatus,
  saveTeamMembership,
} from '../store/members.ts';
import { listTeams } from '../store/teams.ts';
import { requireAdmin } from './admin-access.ts';

export interface MemberDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** The teams offered (TEAMS), by id. */
  readonly offeredTeamIds: readonly string[];
  /** TEAMS_SET_BY_ADMINS, by id. */
  readonly teamsSetByAdmins: readonly string[];
  /** C2: clearance comes from the provider's claim at every sign-in (OIDC_CLEARANCE_CLAIM). */
  readonly clearanceFromProvider: boolean;
}

const view = (member: StoredMember): MemberView => ({ ...member });

/** `GET /api/admin/members`: a page of the accounts matching the search, with their teams. */
export async function listMembers(
  deps: MemberDeps,
  account: Account,
  query: ListMembersQuery,
): Promise<MembersResponse> {
  requireAdmin(account);
  const offset = query.offset ?? 0;
  const page = await listStoredMembers(deps.store, { query: query.query, offset, limit: MEMBERS_PAGE_SIZE });
  const teams = await listTeams(deps.store, deps.offeredTeamIds);
  return {
    members: page.members.map(view),
    total: page.total,
    offset,
    teams: teams.map((team) => ({ ...team, setByAdmins: deps.teamsSetByAdmins.includes(team.id) })),
    clearanceFromProvider: deps.clearanceFromProvider,
  };
}

/**
 * One change to one member, if `domain/members.ts` allows it; a change to what already holds is
 * answered without writing or auditing anything.
 */
export async function changeMember(
  deps: MemberDeps,
  account: Account,
  memberId: string,
  change: MemberChange,
): Promise<MemberResponse> {
  requireAdmin(account);
  const member = await findMember(deps.store, memberId);
  const teams: TeamFacts[] = deps.offeredTeamIds.map((id) => ({
    id,
    setByAdmins: deps.teamsSetByAdmins.includes(id),
  }));
  const isMember = (teamId: string) => member?.teams.some((team) => team.id === teamId) ?? false;
  const decision = decideMemberChange(
    account.id,
    member && { ...member, active: member.status === 'active' },
    change,
    { teams, isMember },
  );
  if (!member || !decision.allowed) throw new AppError(decision.allowed ? 'member.not_found' : decision.code);
  if (decision.changes) {
    const by = { memberId, actorId: account.id, now: deps.clock() };
    if (change.kind === 'clearance') {
      await saveClearance(deps.store, { ...by, before: member.clearance, after: change.clearance });
    } else if (change.kind === 'status') {
      const after = change.active ? 'active' : 'disabled';
      await saveStatus(deps.store, { ...by, before: member.status, after });
    } else {
      await saveTeamMembership(deps.store, { ...by, teamId: change.teamId, member: change.member });
    }
  }
  const changed = await findMember(deps.store, memberId);
  if (!changed) throw new AppError('member.not_found');
  return { member: view(changed) };
}
