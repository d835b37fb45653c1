/**
 * `GET /api/me` (who am I) and `GET /api/teams` (a sender chooses one: customers, S2, and staff, issue 17);
 * both need sign-in (S6).
 */
import type { FastifyInstance } from 'fastify';
import { requireAccount } from '../../auth/require-account.ts';
import { describeAccount, listAllTeams } from '../../usecases/accounts.ts';
import type { AppDeps } from '../context.ts';

export async function registerAccountRoutes(app: FastifyInstance, { store, config }: AppDeps): Promise<void> {
  const offeredTeamIds = config.teams.map((team) => team.id);
  app.get('/api/me', async (request, reply) => {
    const account = requireAccount(request);
    return reply.header('cache-control', 'no-store').send(await describeAccount({ store }, account));
  });

  app.get('/api/teams', async (request, reply) => {
    requireAccount(request);
    return reply.header('cache-control', 'no-store').send(await listAllTeams({ store }, offeredTeamIds));
  });
}
