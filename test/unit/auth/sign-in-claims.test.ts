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

describe('SPEC section 1: control characters are never part of an address or any other text field', () => {
  it.each([
    ['NUL', 'ada\u0000@example.com'],
    ['a trailing line feed', 'ada@example.com\n'],
    ['a line separator', 'ada@exa\u2028mple.com'],
    ['a right-to-left override', 'ada@\u202emoc.elpmaxe'],
    ['a zero-width space', 'ada\u200b@example.com'],
    ['a C1 control', 'ada\u0085@example.com'],
  ])('an e-mail claim with %s is no address: the account has no e-mail (sign-in refused)', (_what, email) => {
    const claims = readSignInClaims({ sub: 's', email, email_verified: true });
    expect(claims.email).toBeUndefined();
  });

  it.each([
    ['Ada\u0000Admin', 'Ada Admin'],
    ['Ada\nAdmin', 'Ada Admin'],
    ['\u202eAda Admin', 'Ada Admin'],
    ['Ada\u2028Admin\u0085', 'Ada Admin'],
  ])('a name claim %j is stored without its control characters: %j', (name, stored) => {
    expect(readSignInClaims({ sub: 's', name }).name).toBe(stored);
  });

  it('a name of control characters only counts as missing: preferred_username is used', () => {
    expect(readSignInClaims({ sub: 's', name: '\u0000\u202e\n', preferred_username: 'ada' }).name).toBe(
      'ada',
    );
  });
});

describe('SPEC section 1: the e-mail claim is normalised like every other address (issue 14)', () => {
  it.each([
    ['a trailing dot', 'Ada.Admin@Example.COM.', 'ada.admin@example.com'],
    ['an IDN domain', 'x@Bücher.de', 'x@xn--bcher-kva.de'],
    ['a Cyrillic look-alike keeps its own ASCII form', 'ada@\u0435xample.com', 'ada@xn--xample-2of.com'],
    ['no plus or dot stripping', 'A.Da+x@example.com', 'a.da+x@example.com'],
  ])('%s: %j -> %j', (_rule, email, normal) => {
    expect(readSignInClaims({ sub: 's', email, email_verified: true }).email).toBe(normal);
  });

  it.each(['not-an-address', 'ada@example', 'ada@127.0.0.1', 'ada@xn--a.com'])(
    '%j is no address: the account has no e-mail (sign-in refused)',
    (email) => {
      expect(readSignInClaims({ sub: 's', email, email_verified: true }).email).toBeUndefined();
    },
  );
});
