/**
 * Member management for admins (C2, issue 17): `GET /api/admin/members` and the changes under
 * `/api/admin/members/:id/`. Each route parses, calls `usecases/members.ts` (which refuses everyone but an
 * admin with 403 `admin.required`) and sends the result.
 */
import type { FastifyInstance } from 'fastify';
import { requireAccount } from '../../auth/require-account.ts';
import { AppError } from '../../protocol/errors.ts';
import {
  changeClearanceRequest,
  changeStatusRequest,
  changeTeamRequest,
  listMembersQuery,
  memberIdSchema,
} from '../../protocol/members.ts';
import { changeMember, listMembers, type MemberDeps } from '../../usecases/members.ts';
import type { AppDeps } from '../context.ts';

function parseMemberId(params: unknown): string {
  const parsed = memberIdSchema.safeParse((params as { id?: unknown }).id);
  if (!parsed.success) throw new AppError('member.not_found');
  return parsed.data;
}

export async function registerMemberRoutes(
  app: FastifyInstance,
  { store, clock, config }: AppDeps,
): Promise<void> {
  const deps: MemberDeps = {
    store,
    clock,
    offeredTeamIds: config.teams.map((team) => team.id),
    teamsSetByAdmins: config.teamsSetByAdmins,
    clearanceFromProvider: config.oidcIssuer !== undefined && config.oidcClearanceClaim !== undefined,
  };

  app.get('/api/admin/members', async (request, reply) => {
    const account = requireAccount(request);
    const listed = await listMembers(deps, account, listMembersQuery.parse(request.query));
    return reply.header('cache-control', 'no-store').send(listed);
  });

  app.post('/api/admin/members/:id/clearance', async (request) => {
    const account = requireAccount(request);
    const { clearance } = changeClearanceRequest.parse(request.body);
    return changeMember(deps, account, parseMemberId(request.params), { kind: 'clearance', clearance });
  });

  app.post('/api/admin/members/:id/status', async (request) => {
    const account = requireAccount(request);
    const { status } = changeStatusRequest.parse(request.body);
    return changeMember(deps, account, parseMemberId(request.params), {
      kind: 'status',
      active: status === 'active',
    });
  });

  app.post('/api/admin/members/:id/teams', async (request) => {
    const account = requireAccount(request);
    const { team, member } = changeTeamRequest.parse(request.body);
    return changeMember(deps, account, parseMemberId(request.params), { kind: 'team', teamId: team, member });
  });
}
