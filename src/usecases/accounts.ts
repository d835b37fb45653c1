/**
 * The account use cases: who is signed in (with their teams) and which teams exist, for the browser app.
 * Both only read; sign-in itself (provisioning from claims) lives in `auth/`.
 */
import type { Account } from '../domain/accounts.ts';
import type { MeResponse, TeamsResponse } from '../protocol/accounts.ts';
import type { Store } from '../store/connection.ts';
import { listMemberTeams, listTeams } from '../store/teams.ts';

export interface AccountDeps {
  readonly store: Store;
}

/** `GET /api/me`: the signed-in account with its live team memberships. */
export async function describeAccount(deps: AccountDeps, account: Account): Promise<MeResponse> {
  return {
    account: {
      id: account.id,
      email: account.email,
      name: account.name,
      locale: account.locale,
      role: account.role,
      isAdmin: account.isAdmin,
      clearance: account.clearance,
      teams: await listMemberTeams(deps.store, account.id),
    },
  };
}

/**
 * `GET /api/teams`: the teams offered (the configured ones), for a sender choosing one (S2; staff too,
 * issue 17). A team taken out of the configuration is no longer offered; its secrets stay with its
 * recorded members.
 */
export async function listAllTeams(
  deps: AccountDeps,
  offeredTeamIds: readonly string[],
): Promise<TeamsResponse> {
  return { teams: await listTeams(deps.store, offeredTeamIds) };
}
