/**
 * Browser navigations (a page load, a followed link) get pages of the app; API clients keep JSON.
 * A navigation is a request that browsers mark `Sec-Fetch-Mode: navigate`, or whose `Accept` header asks
 * for HTML: `text/html` listed, and not ranked below JSON. A bare `*` wildcard, which fetch and curl
 * send by default, is no request for a page.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** The quality (0-1) an Accept header gives to exactly this media type; 0 when it is not listed. */
function quality(accept: string, mediaType: string): number {
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    if (type !== mediaType) continue;
    const q = params.find((param) => param.startsWith('q='));
    const value = q ? Number(q.slice(2)) : 1;
    return Number.isFinite(value) ? value : 0;
  }
  return 0;
}

export function isNavigation(headers: IncomingHttpHeaders): boolean {
  if (headers['sec-fetch-mode'] === 'navigate') return true;
  const accept = headers.accept ?? '';
  const html = quality(accept, 'text/html');
  return html > 0 && html >= quality(accept, 'application/json');
}
