/** Account, team and installation facts the browser needs. */
import type { Locale } from './i18n/index.ts';
import type { Level } from './secrets.ts';

export interface Team {
  id: string;
  name: string;
}

/** `GET /api/me`: the signed-in account (401 `auth.required` otherwise). */
export interface MeResponse {
  account: {
    id: string;
    email: string;
    name: string;
    locale: string;
    role: 'staff' | 'customer';
    isAdmin: boolean;
    clearance: Level;
    teams: Team[];
  };
}

/** `GET /api/teams`: every team a customer may choose (S2). */
export interface TeamsResponse {
  teams: Team[];
}

/** `GET /api/config`: what the create form offers (O3, C1); public. */
export interface ConfigResponse {
  expiry: {
    /** The installation's preset (O3). */
    defaultSeconds: number;
    maxSeconds: number;
    /** Choices to show the sender, each within range; includes the default. */
    presetSeconds: number[];
  };
  /** S5: the same for guest invitations, from their own settings. */
  invitationExpiry: {
    defaultSeconds: number;
    maxSeconds: number;
    presetSeconds: number[];
  };
  /** C1: when false, every secret is level 1 and no level is shown. */
  levelsEnabled: boolean;
  locales: Locale[];
}
