/**
 * `GET` and `POST /api/admin/settings`: the run-time settings (C1, C2, C7, O3, S5), for admins only; the
 * use case refuses everyone else with 403 `admin.required`.
 */
import type { FastifyInstance } from 'fastify';
import { requireAccount } from '../../auth/require-account.ts';
import { updateSettingsRequest } from '../../protocol/settings.ts';
import { getSettings, type SettingsDeps, updateSettings } from '../../usecases/settings.ts';
import type { AppDeps } from '../context.ts';

export async function registerSettingsRoutes(app: FastifyInstance, { store, clock }: AppDeps): Promise<void> {
  const deps: SettingsDeps = { store, clock, settings: app.settings };

  app.get('/api/admin/settings', async (request, reply) => {
    const account = requireAccount(request);
    return reply.header('cache-control', 'no-store').send(await getSettings(deps, account));
  });

  app.post('/api/admin/settings', async (request, reply) => {
    const account = requireAccount(request);
    const changed = await updateSettings(deps, account, updateSettingsRequest.parse(request.body));
    return reply.header('cache-control', 'no-store').send(changed);
  });
}
