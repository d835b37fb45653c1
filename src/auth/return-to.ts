/**
 * Where the browser goes after sign-in (O7, X5): only a path of one of the app's own pages on its own
 * origin, so the sign-in cannot be used as an open redirect.
 *
 * The decision is made on the form the browser will follow, not on the string as it came: the value is
 * resolved against the app's public origin as a browser resolves a `Location` (dot segments removed,
 * `%2e` read as a dot), the origin is compared, the resulting path must be one of the app's routes, and
 * what is returned is that path serialised again. Checking the raw string and then returning the
 * normalised one let `/..//evil.test` through as `//evil.test` (issue 14).
 */

const FALLBACK = '/';
const MAX_CHARS = 2048;

/**
 * The pages the browser app serves (`APP_PATHS` in src/http/web-app.ts, `routeFor` in
 * web/routing/location.ts); a new page must be added here to be a place to come back to. Ids of secrets
 * are base64url. A guest's invitation page (`/i/:id`) needs no sign-in, so it is no place to come back to. Each pattern starts with exactly one `/` followed by a letter or nothing.
 */
const APP_ROUTES: readonly RegExp[] = Object.freeze([
  /^\/$/,
  /^\/secrets$/,
  /^\/s\/[A-Za-z0-9_-]{1,64}$/,
  /^\/invitations$/,
  /^\/invitations\/new$/,
  /^\/admin\/settings$/,
  /^\/admin\/members$/,
  /^\/activity$/,
]);

/**
 * `value` as a same-origin path of an app page ('/s/abc?x=1'), else '/'. Refused before parsing: anything
 * not starting with '/', and any space, control or non-ASCII character or backslash (URL parsing drops
 * tabs and line breaks and reads a backslash as '/', so the parsed path would not be what was written).
 * The result never starts with '//' or '/\'.
 * @example safeReturnTo('/..//evil.test', 'https://share.example.com') // '/'
 * @example safeReturnTo('/s/abc', 'https://share.example.com') // '/s/abc'
 */
export function safeReturnTo(value: unknown, publicOrigin: string): string {
  if (typeof value !== 'string' || value.length > MAX_CHARS) return FALLBACK;
  if (!value.startsWith('/') || !isVisibleAsciiWithoutBackslash(value)) return FALLBACK;
  const origin = new URL(publicOrigin).origin;
  const url = URL.parse(value, origin);
  if (!url || url.origin !== origin) return FALLBACK;
  if (!APP_ROUTES.some((route) => route.test(url.pathname))) return FALLBACK;
  const path = `${url.pathname}${url.search}`;
  // The routes above already exclude these; kept so a future route pattern cannot reopen the hole.
  if (path.startsWith('//') || path.startsWith('/\\')) return FALLBACK;
  return path;
}

function isVisibleAsciiWithoutBackslash(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f || code === 0x5c) return false;
  }
  return true;
}
