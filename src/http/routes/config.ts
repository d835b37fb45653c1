/**
 * `GET /api/config`: what the create forms offer (O3 and S5 expiry choices, C1 levels); public, no secrets.
 * Read from the run-time settings, so an admin's change shows on every instance (usecases/settings.ts).
 */
import type { FastifyInstance } from 'fastify';
import { expiryChoices } from '../../domain/expiry.ts';
import type { ConfigResponse } from '../../protocol/accounts.ts';
import { LOCALES } from '../../protocol/i18n/index.ts';
import type { AppDeps } from '../context.ts';

export async function registerConfigRoutes(app: FastifyInstance, _deps: AppDeps): Promise<void> {
  app.get('/api/config', async (): Promise<ConfigResponse> => {
    const settings = await app.settings.current();
    const range = (defaultSeconds: number, maxSeconds: number) => ({
      defaultSeconds,
      maxSeconds,
      presetSeconds: expiryChoices(defaultSeconds, maxSeconds),
    });
    return {
      expiry: range(settings.secretExpiryDefaultSeconds, settings.secretExpiryMaxSeconds),
      invitationExpiry: range(settings.invitationExpiryDefaultSeconds, settings.invitationExpiryMaxSeconds),
      levelsEnabled: settings.levelsEnabled,
      locales: [...LOCALES],
    };
  });
}
