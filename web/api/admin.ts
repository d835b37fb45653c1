/** The admin area's API (settings, members; the audit log follows) in the terms pages use. */
import type { MemberResponse, MemberStatus, MembersResponse } from '../../src/protocol/members.ts';
import type { SettingsResponse, UpdateSettingsRequest } from '../../src/protocol/settings.ts';
import type { Level } from '../../src/protocol/values.ts';
import { getJson, postJson } from './client.ts';

export function fetchSettings(): Promise<SettingsResponse> {
  return getJson<SettingsResponse>('/api/admin/settings');
}

export function saveSettings(change: UpdateSettingsRequest): Promise<SettingsResponse> {
  return postJson<SettingsResponse>('/api/admin/settings', change);
}

export function fetchMembers(query: string, offset: number): Promise<MembersResponse> {
  return getJson<MembersResponse>(
    `/api/admin/members?${new URLSearchParams({ query, offset: String(offset) })}`,
  );
}

const memberPath = (id: string, what: 'clearance' | 'status' | 'teams') =>
  `/api/admin/members/${encodeURIComponent(id)}/${what}`;

export function changeClearance(id: string, clearance: Level): Promise<MemberResponse> {
  return postJson<MemberResponse>(memberPath(id, 'clearance'), { clearance });
}

export function changeStatus(id: string, status: MemberStatus): Promise<MemberResponse> {
  return postJson<MemberResponse>(memberPath(id, 'status'), { status });
}

export function changeTeam(id: string, team: string, member: boolean): Promise<MemberResponse> {
  return postJson<MemberResponse>(memberPath(id, 'teams'), { team, member });
}
