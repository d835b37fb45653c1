/** Who is signed in, what the installation offers, and signing in and out. */
import type { ConfigResponse, MeResponse, Team, TeamsResponse } from '../../src/protocol/accounts.ts';
import { ApiError, getJson, postJson } from './client.ts';

export type Account = MeResponse['account'];

/** The signed-in account, or null when nobody is (401 `auth.required`). */
export async function fetchAccount(): Promise<Account | null> {
  try {
    return (await getJson<MeResponse>('/api/me')).account;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'auth.required') return null;
    throw error;
  }
}

export async function fetchTeams(): Promise<Team[]> {
  return (await getJson<TeamsResponse>('/api/teams')).teams;
}

export function fetchConfig(): Promise<ConfigResponse> {
  return getJson<ConfigResponse>('/api/config');
}

/** Where the sign-in round trip starts; the server accepts only a path on this site as `returnTo` (O7). */
export function signInUrl(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}

/** Ends the session at the server (X5), then starts the app afresh, signed out. */
export async function signOut(): Promise<void> {
  await postJson<void>('/auth/logout');
  window.location.assign('/');
}
