/** The create form's checks mirror the server (S1, S2, X7); the server's refusals land on the right fields. */
import { describe, expect, it } from 'vitest';
import { createSecretRequest } from '../../../src/protocol/secrets.ts';
import { ApiError } from '../../../web/api/client.ts';
import {
  checkValues,
  initialValues,
  MAX_SECRET_BYTES,
  problemsFromRefusal,
  recipientOf,
  type SecretFormValues,
} from '../../../web/forms/secret-form.ts';

const config = {
  expiry: { defaultSeconds: 604800, maxSeconds: 2592000, presetSeconds: [3600, 604800] },
  invitationExpiry: { defaultSeconds: 604800, maxSeconds: 2592000, presetSeconds: [3600, 604800] },
  levelsEnabled: true,
  locales: ['en', 'de', 'nl'] as ['en', 'de', 'nl'],
};
const values = (change: Partial<SecretFormValues>): SecretFormValues => ({
  ...initialValues(config),
  ...change,
});

describe('create form checks', () => {
  it('O3: presets the installation default expiry and level 1 (C3)', () => {
    expect(initialValues(config)).toMatchObject({ expiresInSeconds: 604800, classification: 1 });
  });

  it.each([
    ['S1 staff must give an e-mail', 'staff', { secret: 'x' }, { email: 'validation.emailRequired' }],
    [
      'S1 a malformed e-mail is caught',
      'staff',
      { email: 'carla@', secret: 'x' },
      { email: 'validation.emailInvalid' },
    ],
    ['S2 customers must choose a team', 'customer', { secret: 'x' }, { team: 'validation.teamRequired' }],
    [
      'an empty secret is caught',
      'staff',
      { email: 'c@acme.test', secret: '  ' },
      { secret: 'validation.secretRequired' },
    ],
    [
      'a secret over the limit is caught',
      'customer',
      { team: 'service', secret: 'é'.repeat(MAX_SECRET_BYTES / 2 + 1) },
      { secret: 'validation.secretTooLong' },
    ],
    ['a complete staff form passes', 'staff', { email: ' Carla@ACME.test ', secret: 'x' }, {}],
    ['a complete customer form passes', 'customer', { team: 'service', secret: 'x' }, {}],
    [
      'issue 17: staff who chose a team must choose one, and need no e-mail',
      'staff',
      { recipientKind: 'team', secret: 'x' },
      { team: 'validation.teamRequired' },
    ],
    [
      'issue 17: a complete staff team form passes',
      'staff',
      { recipientKind: 'team', team: 'service', secret: 'x' },
      {},
    ],
    [
      'S2 a customer has no choice: a team is required whatever the kind says',
      'customer',
      { recipientKind: 'customer', email: 'c@acme.test', secret: 'x' },
      { team: 'validation.teamRequired' },
    ],
  ] as const)('%s', (_name, role, change, problems) => {
    expect(checkValues(values(change), role)).toEqual(problems);
  });

  it.each(['carla@acme.test', ' Carla@ACME.test ', 'o.brien+vpn@sub.example.nl', 'jürgen@müller.de'])(
    'an address the form accepts (%s) is one the server accepts',
    (email) => {
      expect(checkValues(values({ email, secret: 'x' }), 'staff')).toEqual({});
      const recipient = recipientOf(values({ email }), 'staff');
      expect(createSecretRequest.shape.recipient.safeParse(recipient).success).toBe(true);
    },
  );

  it('issue 17: staff who chose a team address the team; customers always do', () => {
    const both = { email: 'c@acme.test', team: 'service' };
    expect(recipientOf(values({ ...both, recipientKind: 'team' }), 'staff')).toEqual({
      kind: 'team',
      team: 'service',
    });
    expect(recipientOf(values({ ...both, recipientKind: 'customer' }), 'customer')).toEqual({
      kind: 'team',
      team: 'service',
    });
  });

  it('S1, S2: the recipient follows the role', () => {
    expect(recipientOf(values({ email: ' c@acme.test ', team: 'service' }), 'staff')).toEqual({
      kind: 'customer',
      email: 'c@acme.test',
    });
    expect(recipientOf(values({ email: 'c@acme.test', team: 'service' }), 'customer')).toEqual({
      kind: 'team',
      team: 'service',
    });
  });

  it('X7: a server refusal marks the field it is about', () => {
    const refusal = new ApiError('share.staff_address', 422);
    expect(problemsFromRefusal(refusal)).toEqual({ email: 'validation.checkField' });
    const invalid = new ApiError('request.invalid', 400, [{ path: 'expiresInSeconds', problem: 'too_big' }]);
    expect(problemsFromRefusal(invalid)).toEqual({ expiry: 'validation.checkField' });
    expect(problemsFromRefusal(new Error('network'))).toEqual({});
  });
});
