/** The admin area's API (settings; members and the audit log follow) in the terms pages use. */
import type { SettingsResponse, UpdateSettingsRequest } from '../../src/protocol/settings.ts';
import { getJson, postJson } from './client.ts';

export function fetchSettings(): Promise<SettingsResponse> {
  return getJson<SettingsResponse>('/api/admin/settings');
}

export function saveSettings(change: UpdateSettingsRequest): Promise<SettingsResponse> {
  return postJson<SettingsResponse>('/api/admin/settings', change);
}
