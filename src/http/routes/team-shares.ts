/** `GET /api/teams/:id/exclusion?classification=` (C6): who of a team a share at that level leaves out. */
import type { FastifyInstance } from 'fastify';
import { requireAccount } from '../../auth/require-account.ts';
import { teamExclusionQuery } from '../../protocol/secrets.ts';
import { previewTeamShare, type TeamShareDeps } from '../../usecases/team-shares.ts';
import type { AppDeps } from '../context.ts';

export async function registerTeamShareRoutes(
  app: FastifyInstance,
  { store, config }: AppDeps,
): Promise<void> {
  const deps: TeamShareDeps = {
    store,
    settings: app.settings,
    offeredTeamIds: config.teams.map((team) => team.id),
  };
  app.get('/api/teams/:id/exclusion', async (request, reply) => {
    const account = requireAccount(request);
    const { id } = request.params as { id: string };
    const { classification } = teamExclusionQuery.parse(request.query);
    const preview = await previewTeamShare(deps, account, id, classification);
    return reply.header('cache-control', 'no-store').send(preview);
  });
}
