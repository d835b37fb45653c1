/**
 * The admin settings API (C1, C2, C7, O3, S5): the values an admin changes while the service runs, as
 * browser and server both see them. One flat object; a change names only the settings it changes.
 */
import { z } from 'zod';
import { type Level, levelSchema } from './secrets.ts';
import { MIN_EXPIRY_SECONDS } from './values.ts';

/** The longest expiry an admin may allow for secrets or invitations: one year. */
export const MAX_EXPIRY_LIMIT_SECONDS = 365 * 24 * 3600;

const expirySeconds = z.number().int().min(MIN_EXPIRY_SECONDS).max(MAX_EXPIRY_LIMIT_SECONDS);

/** Every run-time setting with its type. */
export const settingsValuesSchema = z.strictObject({
  /** C1: off means every secret and invitation is level 1 and no level is shown anywhere. */
  levelsEnabled: z.boolean(),
  /** C2: the clearance new non-admin accounts get. */
  defaultClearance: levelSchema,
  /** O3: expiry preset and longest choice for secrets. */
  secretExpiryDefaultSeconds: expirySeconds,
  secretExpiryMaxSeconds: expirySeconds,
  /** S5: the same for guest invitations. */
  invitationExpiryDefaultSeconds: expirySeconds,
  invitationExpiryMaxSeconds: expirySeconds,
  /** C7: every open uses the current clearance instead of the one recorded at share time. */
  recheckClearanceOnOpen: z.boolean(),
  /** X6: audit events older than this many days are deleted by the sweeper. */
  auditRetentionDays: z.number().int().min(1).max(36_500),
});

export type SettingsValues = Readonly<z.output<typeof settingsValuesSchema>> & {
  readonly defaultClearance: Level;
};

export type SettingKey = keyof SettingsValues;

export const SETTING_KEYS = Object.freeze(Object.keys(settingsValuesSchema.shape) as SettingKey[]);

/** `POST /api/admin/settings`: the settings to change, at least one. */
export const updateSettingsRequest = settingsValuesSchema
  .partial()
  .refine((change) => Object.keys(change).length > 0, { message: 'names no setting' });
export type UpdateSettingsRequest = z.output<typeof updateSettingsRequest>;

/** `GET` and `POST /api/admin/settings`: the settings in force, and what the configuration gives. */
export const settingsResponse = z.strictObject({
  settings: settingsValuesSchema,
  /** The values from the configuration, which hold where no admin changed a setting. */
  configured: settingsValuesSchema,
});
export type SettingsResponse = z.infer<typeof settingsResponse>;
