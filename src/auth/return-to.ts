/**
 * Where the browser goes after sign-in (O7): only a path on this site, never another origin, so the
 * sign-in cannot be used as an open redirect.
 */

const FALLBACK = '/';
const MAX_CHARS = 2048;
const PROBE_ORIGIN = 'http://safe-share.invalid';

/**
 * `value` if it is a same-origin path ('/s/abc?x=1'), else '/'. Refused: anything not starting with
 * exactly one '/', protocol-relative ('//host'), backslashes (browsers read them as '/'), control
 * characters, and anything that would resolve to another origin.
 * @example safeReturnTo('//evil.test') // '/'
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_CHARS) return FALLBACK;
  if (!value.startsWith('/') || value.startsWith('//')) return FALLBACK;
  if (hasUnsafeCharacter(value)) return FALLBACK;
  const url = URL.parse(value, PROBE_ORIGIN);
  if (!url || url.origin !== PROBE_ORIGIN) return FALLBACK;
  return `${url.pathname}${url.search}`;
}

/** Backslash, or an ASCII control character (which URL parsing would silently drop). */
function hasUnsafeCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x5c || code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
