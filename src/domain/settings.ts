/**
 * Rules a change of the run-time settings must keep (O3, S5): each preset within its maximum. Each value
 * on its own is checked by the protocol's schema; these rules read them together, after the change is
 * merged into the settings in force.
 */
import type { ErrorCode } from '../protocol/errors.ts';
import type { SettingsValues } from '../protocol/settings.ts';

/**
 * The first rule `settings` break, or null.
 * @example checkSettings({ ...current, secretExpiryDefaultSeconds: 40 * 86400 }) // 'settings.expiry_default_above_max'
 */
export function checkSettings(settings: SettingsValues): ErrorCode | null {
  if (settings.secretExpiryDefaultSeconds > settings.secretExpiryMaxSeconds)
    return 'settings.expiry_default_above_max';
  if (settings.invitationExpiryDefaultSeconds > settings.invitationExpiryMaxSeconds)
    return 'settings.expiry_default_above_max';
  return null;
}
