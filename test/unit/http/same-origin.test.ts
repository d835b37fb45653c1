/** X5: which requests count as coming from the app's own origin (issue 14, CSRF beyond SameSite=Lax). */
import { describe, expect, it } from 'vitest';
import { isFromOrigin, type OriginHeaders } from '../../../src/http/same-origin.ts';

const APP = 'https://share.example.com';

describe('X5 same origin: isFromOrigin', () => {
  it.each<[string, OriginHeaders]>([
    ['Origin exactly the app', { origin: APP }],
    ['Origin exactly the app, whatever Sec-Fetch-Site says', { origin: APP, 'sec-fetch-site': 'same-site' }],
    ['no Origin, Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
  ])('accepts %s', (_label, headers) => {
    expect(isFromOrigin(headers, APP)).toBe(true);
  });

  it.each<[string, OriginHeaders]>([
    ['another site', { origin: 'https://evil.test' }],
    ['a sibling subdomain', { origin: 'https://evil.example.com' }],
    ['the parent domain', { origin: 'https://example.com' }],
    ['a subdomain of the app', { origin: 'https://x.share.example.com' }],
    ['another port', { origin: 'https://share.example.com:8443' }],
    ['plain http', { origin: 'http://share.example.com' }],
    ['Origin: null', { origin: 'null' }],
    [
      'Origin: null with Sec-Fetch-Site: same-origin (only the demo picker accepts it)',
      {
        origin: 'null',
        'sec-fetch-site': 'same-origin',
      },
    ],
    ['an empty Origin', { origin: '' }],
    ['the app with a trailing slash', { origin: `${APP}/` }],
    ['the app with a path', { origin: `${APP}/s/abc` }],
    ['the app in upper case', { origin: 'HTTPS://SHARE.EXAMPLE.COM' }],
    ['the app as a prefix of another host', { origin: `${APP}.evil.test` }],
    ['two Origin headers joined', { origin: `${APP}, https://evil.test` }],
    ['another site that says same-origin', { origin: 'https://evil.test', 'sec-fetch-site': 'same-origin' }],
    ['no Origin, Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
    ['no Origin, Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['no Origin, Sec-Fetch-Site: none', { 'sec-fetch-site': 'none' }],
    ['no Origin, Sec-Fetch-Site in upper case', { 'sec-fetch-site': 'SAME-ORIGIN' }],
    ['no Origin and no Sec-Fetch-Site', {}],
  ])('refuses %s', (_label, headers) => {
    expect(isFromOrigin(headers, APP)).toBe(false);
  });
});
