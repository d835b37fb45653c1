/**
 * The installation's run-time settings (C1, C2, C7, O3, S5): what the admin page changes while the
 * service runs. Configuration gives the first values; a value an admin set is stored in the database and
 * wins over it, on every instance.
 *
 * Every instance reads the settings from the database, and keeps what it read for at most
 * {@link SETTINGS_CACHE_MS} (by the app's clock), so a change made on one instance holds on all of them
 * within that time; the instance that made it uses it at once. The hot paths (create, open) thus cost one
 * small query per instance every few seconds, not one per request.
 */
import type { Config } from '../config.ts';
import type { Account } from '../domain/accounts.ts';
import type { Clock } from '../domain/clock.ts';
import { checkSettings } from '../domain/settings.ts';
import { AppError } from '../protocol/errors.ts';
import {
  SETTING_KEYS,
  type SettingKey,
  type SettingsResponse,
  type SettingsValues,
  settingsValuesSchema,
  type UpdateSettingsRequest,
} from '../protocol/settings.ts';
import type { Level } from '../protocol/values.ts';
import type { Store } from '../store/connection.ts';
import { readStoredSettings, saveSettings } from '../store/settings.ts';
import { requireAdmin } from './admin-access.ts';

/** The settings in force; `domain/levels.ts`'s LevelSettings among them. */
export type RuntimeSettings = SettingsValues;

/** Where the use cases read the settings in force now. */
export interface SettingsSource {
  current(): Promise<RuntimeSettings>;
}

/** How long an instance keeps the settings it read before it reads them again. */
export const SETTINGS_CACHE_MS = 5_000;

/** The settings the configuration gives, which hold where no admin changed one. */
export function configuredSettings(config: Config): RuntimeSettings {
  return Object.freeze({
    levelsEnabled: config.levelsEnabled,
    defaultClearance: config.defaultClearance as Level,
    secretExpiryDefaultSeconds: config.expiryDefaultSeconds,
    secretExpiryMaxSeconds: config.expiryMaxSeconds,
    invitationExpiryDefaultSeconds: config.invitationExpiryDefaultSeconds,
    invitationExpiryMaxSeconds: config.invitationExpiryMaxSeconds,
    recheckClearanceOnOpen: config.recheckClearanceOnOpen,
    auditRetentionDays: config.auditRetentionDays,
  });
}

/**
 * The configured values with the stored ones over them. A stored value that no longer parses (written by
 * another version) is ignored; a preset above its maximum (a maximum changed here, a preset in the
 * configuration) is lowered to the maximum, so the settings in force always keep the rules.
 */
export async function readSettings(store: Store, configured: RuntimeSettings): Promise<RuntimeSettings> {
  const stored = await readStoredSettings(store);
  const merged: Record<string, unknown> = { ...configured };
  for (const key of SETTING_KEYS) {
    const parsed = settingsValuesSchema.shape[key].safeParse(stored[key]);
    if (parsed.success) merged[key] = parsed.data;
  }
  const settings = merged as RuntimeSettings;
  return Object.freeze({
    ...settings,
    secretExpiryDefaultSeconds: Math.min(
      settings.secretExpiryDefaultSeconds,
      settings.secretExpiryMaxSeconds,
    ),
    invitationExpiryDefaultSeconds: Math.min(
      settings.invitationExpiryDefaultSeconds,
      settings.invitationExpiryMaxSeconds,
    ),
  });
}

/** The settings as the database holds them, read again once {@link SETTINGS_CACHE_MS} have passed. */
export class StoredSettings implements SettingsSource {
  readonly configured: RuntimeSettings;
  readonly #store: Store;
  readonly #clock: Clock;
  #value: RuntimeSettings | undefined;
  #readAt = 0;
  #reading: Promise<RuntimeSettings> | undefined;

  constructor(deps: { store: Store; clock: Clock; configured: RuntimeSettings }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.configured = deps.configured;
  }

  async current(): Promise<RuntimeSettings> {
    const age = this.#clock() - this.#readAt;
    if (this.#value && age >= 0 && age < SETTINGS_CACHE_MS) return this.#value;
    // One read at a time: requests that arrive meanwhile wait for it.
    this.#reading ??= this.#read().finally(() => {
      this.#reading = undefined;
    });
    return this.#reading;
  }

  /** Forgets what was read, so the next request reads the database (after a change here). */
  invalidate(): void {
    this.#value = undefined;
  }

  async #read(): Promise<RuntimeSettings> {
    const readAt = this.#clock();
    const value = await readSettings(this.#store, this.configured);
    this.#value = value;
    this.#readAt = readAt;
    return value;
  }
}

export interface SettingsDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly settings: StoredSettings;
}

/** `GET /api/admin/settings` (admins only): the settings in force and the configured ones. */
export async function getSettings(deps: SettingsDeps, account: Account): Promise<SettingsResponse> {
  requireAdmin(account);
  return {
    settings: await readSettings(deps.store, deps.settings.configured),
    configured: deps.settings.configured,
  };
}

/**
 * `POST /api/admin/settings` (admins only): changes the named settings, if together they keep the rules;
 * each change is audited with who, before and after (X6). Holds on this instance at once, on the others
 * within {@link SETTINGS_CACHE_MS}.
 */
export async function updateSettings(
  deps: SettingsDeps,
  account: Account,
  request: UpdateSettingsRequest,
): Promise<SettingsResponse> {
  requireAdmin(account);
  const current = await readSettings(deps.store, deps.settings.configured);
  const next: RuntimeSettings = Object.freeze({ ...current, ...request });
  const problem = checkSettings(next);
  if (problem) throw new AppError(problem);
  const changes = (Object.keys(request) as SettingKey[])
    .filter((key) => next[key] !== current[key])
    .map((key) => ({ key, before: current[key], after: next[key] }));
  await saveSettings(deps.store, { changes, actorId: account.id, now: deps.clock() });
  deps.settings.invalidate();
  return { settings: next, configured: deps.settings.configured };
}
