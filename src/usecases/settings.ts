/**
 * The installation's run-time settings (C1, C2, C7, O3, S5): what the admin page changes while the
 * service runs. Configuration gives the first values; a value an admin set is stored in the database and
 * wins over it on every instance.
 */
import type { Config } from '../config.ts';
import type { LevelSettings } from '../domain/levels.ts';
import type { Level } from '../protocol/values.ts';

/** An expiry preset and the longest a creator may choose, in seconds. */
export interface ExpiryRange {
  readonly defaultSeconds: number;
  readonly maxSeconds: number;
}

export interface RuntimeSettings extends LevelSettings {
  /** C2: the clearance new non-admin accounts get. */
  readonly defaultClearance: Level;
  /** O3: for secrets. */
  readonly secretExpiry: ExpiryRange;
  /** S5: for guest invitations. */
  readonly invitationExpiry: ExpiryRange;
}

/** Where the use cases read the settings in force now. */
export interface SettingsSource {
  current(): Promise<RuntimeSettings>;
}

/** The settings the configuration gives, before any admin changed one. */
export function configuredSettings(config: Config): RuntimeSettings {
  return Object.freeze({
    levelsEnabled: true,
    recheckClearanceOnOpen: false,
    defaultClearance: config.defaultClearance as Level,
    secretExpiry: Object.freeze({
      defaultSeconds: config.expiryDefaultSeconds,
      maxSeconds: config.expiryMaxSeconds,
    }),
    invitationExpiry: Object.freeze({
      defaultSeconds: config.invitationExpiryDefaultSeconds,
      maxSeconds: config.invitationExpiryMaxSeconds,
    }),
  });
}

/** A source that always answers `settings`: for tools and tests that change nothing at run time. */
export function fixedSettings(settings: RuntimeSettings): SettingsSource {
  return { current: async () => settings };
}
