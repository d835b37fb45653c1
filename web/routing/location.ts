/**
 * Client-side routing on the History API: the app's three paths, a hook that follows the address, and
 * navigation without a page load. The server answers the same paths with index.html.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'home' }
  | { page: 'secrets' }
  | { page: 'open'; id: string }
  | { page: 'notFound' };

export function routeFor(path: string): Route {
  if (path === '/') return { page: 'home' };
  if (path === '/secrets') return { page: 'secrets' };
  const open = /^\/s\/([^/]+)$/.exec(path);
  if (open?.[1]) return { page: 'open', id: decodeURIComponent(open[1]) };
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

window.addEventListener('popstate', () => {
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
  window.history.pushState(null, '', path);
  hasNavigated = true;
  window.scrollTo(0, 0);
  notify();
}

export function pageWasNavigatedTo(): boolean {
  return hasNavigated;
}
