/** A cookie jar for the test browser: cookies matched by host and path, as a browser does (RFC 6265, enough of it). */

interface StoredCookie {
  readonly name: string;
  readonly value: string;
  /** Host name the cookie was set by (or the Domain attribute), lower-case. */
  readonly domain: string;
  readonly hostOnly: boolean;
  readonly path: string;
  readonly secure: boolean;
  /** Epoch ms; Infinity for a browser-session cookie. */
  readonly expiresAt: number;
}

/** Cookies by host and path, as a browser keeps them. */
export class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>();

  /** Stores the Set-Cookie headers of a response to a request for `url`. */
  store(url: URL, response: Response): void {
    for (const header of response.headers.getSetCookie()) this.#storeOne(url, header);
  }

  /** The Cookie header for a request to `url`, or undefined when no cookie matches. */
  headerFor(url: URL): string | undefined {
    const now = Date.now();
    const matching = [...this.#cookies.values()]
      .filter((cookie) => cookie.expiresAt > now)
      .filter((cookie) => domainMatches(cookie, url.hostname.toLowerCase()))
      .filter((cookie) => pathMatches(cookie.path, url.pathname))
      .filter((cookie) => !cookie.secure || url.protocol === 'https:')
      .sort((a, b) => b.path.length - a.path.length);
    return matching.length > 0
      ? matching.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ')
      : undefined;
  }

  /** The value of a cookie that would be sent to `url`, for assertions. */
  get(url: URL, name: string): string | undefined {
    const header = this.headerFor(url) ?? '';
    for (const pair of header.split('; ')) {
      const at = pair.indexOf('=');
      if (pair.slice(0, at) === name) return pair.slice(at + 1);
    }
    return undefined;
  }

  /** Sets a cookie by hand, as a replay or a forgery would. */
  set(url: URL, name: string, value: string, path = '/'): void {
    this.#storeOne(url, `${name}=${value}; Path=${path}`);
  }

  #storeOne(url: URL, header: string): void {
    const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
    const at = pair.indexOf('=');
    if (at <= 0) return;
    const host = url.hostname.toLowerCase();
    let domain = host;
    let hostOnly = true;
    let path = defaultPath(url.pathname);
    let secure = false;
    let expiresAt = Number.POSITIVE_INFINITY;
    for (const attribute of attributes) {
      const [rawKey = '', ...rest] = attribute.split('=');
      const key = rawKey.toLowerCase();
      const value = rest.join('=');
      if (key === 'path' && value.startsWith('/')) path = value;
      else if (key === 'secure') secure = true;
      else if (key === 'domain' && value) {
        domain = value.replace(/^\./, '').toLowerCase();
        hostOnly = false;
      } else if (key === 'max-age') expiresAt = Date.now() + Number(value) * 1000;
      else if (key === 'expires' && expiresAt === Number.POSITIVE_INFINITY) expiresAt = Date.parse(value);
    }
    const cookie: StoredCookie = {
      name: pair.slice(0, at),
      value: pair.slice(at + 1),
      domain,
      hostOnly,
      path,
      secure,
      expiresAt,
    };
    const key = `${cookie.domain};${cookie.path};${cookie.name}`;
    if (cookie.expiresAt <= Date.now()) this.#cookies.delete(key);
    else this.#cookies.set(key, cookie);
  }
}

function domainMatches(cookie: StoredCookie, host: string): boolean {
  return cookie.hostOnly
    ? host === cookie.domain
    : host === cookie.domain || host.endsWith(`.${cookie.domain}`);
}

function pathMatches(cookiePath: string, requestPath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

function defaultPath(requestPath: string): string {
  const slash = requestPath.lastIndexOf('/');
  return slash <= 0 ? '/' : requestPath.slice(0, slash);
}
