/**
 * Account, team and installation facts the browser needs. The response shapes are zod schemas (the
 * OpenAPI description is generated from them, `http/openapi.ts`); the types are derived from them. The
 * browser imports only the types, so no zod reaches its bundle.
 */
import { z } from 'zod';
import { LOCALES } from './i18n/index.ts';
import { levelSchema } from './secrets.ts';

export const teamSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
});
export type Team = z.infer<typeof teamSchema>;

/** `GET /api/me`: the signed-in account (401 `auth.required` otherwise). */
export const meResponse = z.strictObject({
  account: z.strictObject({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    locale: z.string(),
    role: z.enum(['staff', 'customer']),
    isAdmin: z.boolean(),
    clearance: levelSchema,
    teams: z.array(teamSchema),
  }),
});
export type MeResponse = z.infer<typeof meResponse>;

/** `GET /api/teams`: every team a sender may choose (S2; staff too, issue 17). */
export const teamsResponse = z.strictObject({
  teams: z.array(teamSchema),
});
export type TeamsResponse = z.infer<typeof teamsResponse>;

/** The expiry choices of one kind of item, in seconds. */
const expiryRange = z.strictObject({
  /** The installation's preset (O3). */
  defaultSeconds: z.number().int(),
  maxSeconds: z.number().int(),
  /** Choices to show the sender, each within range; includes the default. */
  presetSeconds: z.array(z.number().int()),
});

/** `GET /api/config`: what the create form offers (O3, C1); public. */
export const configResponse = z.strictObject({
  expiry: expiryRange,
  /** S5: the same for guest invitations, from their own settings. */
  invitationExpiry: expiryRange,
  /** C1: when false, every secret is level 1 and no level is shown. */
  levelsEnabled: z.boolean(),
  locales: z.array(z.enum(LOCALES)),
});
export type ConfigResponse = z.infer<typeof configResponse>;
