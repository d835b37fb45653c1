/** Section 1: claims of any provider, read strictly: only email_verified true makes an e-mail count. */
import { describe, expect, it } from 'vitest';
import { readSignInClaims } from '../../../src/auth/sign-in-claims.ts';

describe('readSignInClaims', () => {
  it('normalises the e-mail and reads name, locale and groups', () => {
    expect(
      readSignInClaims({
        sub: 's1',
        email: ' Sven.Service@Example.COM ',
        email_verified: true,
        name: 'Sven',
        locale: 'de',
        groups: ['Service', 7, 'GO Engineers'],
      }),
    ).toEqual({
      subject: 's1',
      email: 'sven.service@example.com',
      emailVerified: true,
      name: 'Sven',
      locale: 'de',
      groups: ['Service', 'GO Engineers'],
    });
  });

  it.each([
    [undefined, false],
    [false, false],
    ['false', false],
    ['yes', false],
    [1, false],
    [true, true],
    ['true', true],
  ])('email_verified %j counts as %s', (value, verified) => {
    expect(readSignInClaims({ sub: 's', email: 'a@b.test', email_verified: value }).emailVerified).toBe(
      verified,
    );
  });

  it('takes from userinfo what the ID token lacks; the ID token wins where both have it', () => {
    const claims = readSignInClaims(
      { sub: 's', email: 'token@b.test', email_verified: true },
      { sub: 's', email: 'userinfo@b.test', locale: 'nl', groups: 'Service' },
    );
    expect(claims).toMatchObject({ email: 'token@b.test', locale: 'nl', groups: ['Service'] });
  });
});
