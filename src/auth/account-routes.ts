/**
 * Who am I (`GET /api/me`) and which teams exist (`GET /api/teams`, customers choose one for S2).
 * Both need sign-in.
 */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/connection.ts';
import { listMemberTeams, listTeams } from '../store/teams.ts';
import { requireAccount } from './require-account.ts';

export function registerAccountRoutes(app: FastifyInstance, deps: { store: Store }): void {
  app.get('/api/me', async (request, reply) => {
    const account = requireAccount(request);
    const teams = await listMemberTeams(deps.store, account.id);
    reply.header('cache-control', 'no-store');
    return {
      account: {
        id: account.id,
        email: account.email,
        name: account.name,
        locale: account.locale,
        role: account.role,
        isAdmin: account.isAdmin,
        clearance: account.clearance,
        teams,
      },
    };
  });

  app.get('/api/teams', async (request, reply) => {
    requireAccount(request);
    reply.header('cache-control', 'no-store');
    return { teams: await listTeams(deps.store) };
  });
}
