/**
 * Member management (admins; C2, issue 17): accounts with their teams, searched by name or e-mail, and
 * the changes an admin makes. Each change and its audit row (who, whom, before, after) are written in
 * one transaction. Disabling deletes the account's sessions in the same transaction; the session lookup
 * also refuses a disabled account, so it is signed out at once on every instance.
 */
import type { Kysely } from 'kysely';
import type { MemberStatus, MemberTeam } from '../protocol/members.ts';
import type { Level } from '../protocol/values.ts';
import { recordAudit } from './audit.ts';
import type { Store } from './connection.ts';
import { databaseOf, inTransaction, type QueryTarget } from './query-target.ts';
import type { Database, Role } from './schema.ts';
import { nameOrEmailHolds } from './text-search.ts';

/** An account as member management reads it. */
export interface StoredMember {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly isAdmin: boolean;
  readonly clearance: Level;
  readonly status: MemberStatus;
  readonly lastSignInAt: number;
  readonly teams: MemberTeam[];
}

function matching(db: Kysely<Database>, query: string | undefined) {
  const accounts = db.selectFrom('accounts');
  return query ? accounts.where(nameOrEmailHolds('accounts', query)) : accounts;
}

const MEMBER_COLUMNS = [
  'accounts.id',
  'accounts.name',
  'accounts.email',
  'accounts.role',
  'accounts.is_admin',
  'accounts.clearance',
  'accounts.status',
  'accounts.last_login_at',
] as const;

async function withTeams(
  target: QueryTarget,
  rows: readonly {
    id: string;
    name: string;
    email: string;
    role: Role;
    is_admin: number;
    clearance: number;
    status: MemberStatus;
    last_login_at: number;
  }[],
): Promise<StoredMember[]> {
  const ids = rows.map((row) => row.id);
  const memberships =
    ids.length === 0
      ? []
      : await databaseOf(target)
          .selectFrom('team_members')
          .innerJoin('teams', 'teams.id', 'team_members.team_id')
          .select(['team_members.account_id', 'teams.id', 'teams.name', 'team_members.source'])
          .where('team_members.account_id', 'in', ids)
          .orderBy('teams.name')
          .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    isAdmin: row.is_admin === 1,
    clearance: row.clearance as Level,
    status: row.status,
    lastSignInAt: row.last_login_at,
    teams: memberships
      .filter((membership) => membership.account_id === row.id)
      .map(({ id, name, source }) => ({ id, name, source })),
  }));
}

/** A page of the accounts whose name or e-mail holds `query` (all without one), by name. */
export async function listMembers(
  target: QueryTarget,
  page: { readonly query?: string | undefined; readonly offset: number; readonly limit: number },
): Promise<{ members: StoredMember[]; total: number }> {
  const db = databaseOf(target);
  const rows = await matching(db, page.query)
    .select([...MEMBER_COLUMNS])
    .orderBy('accounts.name')
    .orderBy('accounts.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const { total } = await matching(db, page.query)
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirstOrThrow();
  return { members: await withTeams(target, rows), total: Number(total) };
}

export async function findMember(target: QueryTarget, id: string): Promise<StoredMember | undefined> {
  const rows = await databaseOf(target)
    .selectFrom('accounts')
    .select([...MEMBER_COLUMNS])
    .where('accounts.id', '=', id)
    .execute();
  return (await withTeams(target, rows))[0];
}

interface ChangeBy {
  readonly memberId: string;
  readonly actorId: string;
  readonly now: number;
}

/** C2: a member's clearance (never an admin's; the statement repeats that), audited. */
export async function saveClearance(
  store: Store,
  change: ChangeBy & { readonly before: Level; readonly after: Level },
): Promise<void> {
  await inTransaction(store, async (transaction) => {
    await databaseOf(transaction)
      .updateTable('accounts')
      .set({ clearance: change.after })
      .where('id', '=', change.memberId)
      .where('is_admin', '=', 0)
      .execute();
    await recordAudit(transaction, {
      action: 'member.clearance_changed',
      actorId: change.actorId,
      subjectId: change.memberId,
      outcome: 'ok',
      detail: { before: change.before, after: change.after },
      at: change.now,
    });
  });
}

/** Disables (and signs out everywhere) or enables an account, audited. */
export async function saveStatus(
  store: Store,
  change: ChangeBy & { readonly before: MemberStatus; readonly after: MemberStatus },
): Promise<void> {
  await inTransaction(store, async (transaction) => {
    const db = databaseOf(transaction);
    await db
      .updateTable('accounts')
      .set({ status: change.after })
      .where('id', '=', change.memberId)
      .execute();
    if (change.after === 'disabled')
      await db.deleteFrom('sessions').where('account_id', '=', change.memberId).execute();
    await recordAudit(transaction, {
      action: change.after === 'disabled' ? 'member.disabled' : 'member.enabled',
      actorId: change.actorId,
      subjectId: change.memberId,
      outcome: 'ok',
      detail: { before: change.before, after: change.after },
      at: change.now,
    });
  });
}

/** Adds a member to, or removes them from, a team whose members admins set; audited. */
export async function saveTeamMembership(
  store: Store,
  change: ChangeBy & { readonly teamId: string; readonly member: boolean },
): Promise<void> {
  await inTransaction(store, async (transaction) => {
    const db = databaseOf(transaction);
    if (change.member) {
      await db
        .insertInto('team_members')
        .values({
          team_id: change.teamId,
          account_id: change.memberId,
          source: 'admin',
          created_at: change.now,
        })
        .onConflict((conflict) =>
          conflict.columns(['team_id', 'account_id']).doUpdateSet({ source: 'admin' }),
        )
        .execute();
    } else {
      await db
        .deleteFrom('team_members')
        .where('team_id', '=', change.teamId)
        .where('account_id', '=', change.memberId)
        .execute();
    }
    await recordAudit(transaction, {
      action: change.member ? 'member.team_added' : 'member.team_removed',
      actorId: change.actorId,
      subjectId: change.memberId,
      outcome: 'ok',
      detail: { team: change.teamId, before: !change.member, after: change.member },
      at: change.now,
    });
  });
}
