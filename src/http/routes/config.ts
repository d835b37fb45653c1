/**
 * `GET /api/config`: what the create forms offer (O3 and S5 expiry choices, C1 levels); public, no secrets.
 */
import type { FastifyInstance } from 'fastify';
import { expiryChoices } from '../../domain/expiry.ts';
import type { ConfigResponse } from '../../protocol/accounts.ts';
import { LOCALES } from '../../protocol/i18n/index.ts';
import type { AppDeps } from '../context.ts';

export async function registerConfigRoutes(app: FastifyInstance, { config }: AppDeps): Promise<void> {
  const response: ConfigResponse = Object.freeze({
    expiry: {
      defaultSeconds: config.expiryDefaultSeconds,
      maxSeconds: config.expiryMaxSeconds,
      presetSeconds: expiryChoices(config.expiryDefaultSeconds, config.expiryMaxSeconds),
    },
    invitationExpiry: {
      defaultSeconds: config.invitationExpiryDefaultSeconds,
      maxSeconds: config.invitationExpiryMaxSeconds,
      presetSeconds: expiryChoices(config.invitationExpiryDefaultSeconds, config.invitationExpiryMaxSeconds),
    },
    // Classification is enforced (C3, C4); the switch to turn levels off (C1) comes with the levels issue.
    levelsEnabled: true,
    locales: [...LOCALES],
  });
  app.get('/api/config', async () => response);
}
