/**
 * Client-side routing on the History API: the app's paths, a hook that follows the address, and
 * navigation without a page load. The server answers the same paths with index.html, and any other
 * address a browser navigates to with index.html and 404, so the not-found page shows.
 */
import { useSyncExternalStore } from 'react';
import {
  parseSignInFailureReason,
  SIGN_IN_FAILED_PATH,
  type SignInFailureReason,
} from '../../src/protocol/sign-in.ts';
import { mayLeave } from './leave-guard.ts';

export type Route =
  | { page: 'home' }
  | { page: 'secrets' }
  | { page: 'open'; id: string }
  | { page: 'invitations' }
  | { page: 'invite' }
  | { page: 'guest'; id: string }
  | { page: 'settings' }
  | { page: 'members' }
  | { page: 'activity' }
  | { page: 'signInFailed'; reason: SignInFailureReason }
  | { page: 'notFound' };

/** `search` is the query string (`?reason=…`), which only the sign-in failure page reads. */
export function routeFor(path: string, search = ''): Route {
  if (path === '/') return { page: 'home' };
  if (path === '/secrets') return { page: 'secrets' };
  if (path === '/invitations') return { page: 'invitations' };
  if (path === '/invitations/new') return { page: 'invite' };
  if (path === '/admin/settings') return { page: 'settings' };
  if (path === '/admin/members') return { page: 'members' };
  if (path === '/activity') return { page: 'activity' };
  if (path === SIGN_IN_FAILED_PATH) {
    return {
      page: 'signInFailed',
      reason: parseSignInFailureReason(new URLSearchParams(search).get('reason')),
    };
  }
  const link = /^\/(s|i)\/([^/]+)$/.exec(path);
  if (link?.[2]) {
    try {
      const id = decodeURIComponent(link[2]);
      return link[1] === 's' ? { page: 'open', id } : { page: 'guest', id };
    } catch {
      // A damaged link whose escapes do not decode names no secret and no invitation.
      return { page: 'notFound' };
    }
  }
  return { page: 'notFound' };
}

const listeners = new Set<() => void>();
/** Counts fragment-only navigations, which keep the path but bring a different link key. */
let hashChanges = 0;
/** True once the app has moved from page to page, so new pages take focus (not on first load). */
let hasNavigated = false;

function notify(): void {
  for (const listener of listeners) listener();
}

/** True while Back is being undone because the person chose to stay (see the popstate listener). */
let stayingPut = false;

window.addEventListener('popstate', () => {
  if (stayingPut) {
    stayingPut = false;
    return;
  }
  // A page that guards leaving (a revealed secret) stays if the person says so: undo the step back.
  if (!mayLeave()) {
    stayingPut = true;
    window.history.go(1);
    return;
  }
  hasNavigated = true;
  notify();
});
window.addEventListener('hashchange', () => {
  hashChanges += 1;
  notify();
});

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => `${window.location.pathname}\n${hashChanges}`;

/** The current path, and a number that changes when only the fragment does. */
export function useLocation(): { path: string; hashVersion: number } {
  const [path = '/', version = '0'] = useSyncExternalStore(subscribe, snapshot).split('\n');
  return { path, hashVersion: Number(version) };
}

export function navigate(path: string): void {
  if (path === window.location.pathname + window.location.hash) return;
  if (!mayLeave()) return;
  window.history.pushState(null, '', path);
  hasNavigated = true;
  window.scrollTo(0, 0);
  notify();
}

export function pageWasNavigatedTo(): boolean {
  return hasNavigated;
}
