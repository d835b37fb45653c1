/** X5: the session cookie is Secure with the __Host- prefix in production and on https. */
import { describe, expect, it } from 'vitest';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE, signInCookies } from '../../../src/auth/session-cookie.ts';
import { configWith } from '../../../src/config.ts';

describe('signInCookies', () => {
  it.each([
    ['development on http', { nodeEnv: 'development' }, SESSION_COOKIE, false],
    ['production', { nodeEnv: 'production', oidcIssuer: 'https://idp.test' }, SECURE_SESSION_COOKIE, true],
    [
      'development on https',
      { nodeEnv: 'development', publicUrl: 'https://share.test' },
      SECURE_SESSION_COOKIE,
      true,
    ],
  ] as const)('%s', (_name, overrides, name, secure) => {
    const cookies = signInCookies(configWith(overrides));
    expect(cookies.sessionName).toBe(name);
    expect(cookies.secure).toBe(secure);
  });
});
