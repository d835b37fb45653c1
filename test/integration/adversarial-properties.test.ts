/**
 * Issue 18, adversarial suite: property tests (fast-check) against the running app, on both databases
 * (X7, O5, S1, section 1). Random bodies, types, sizes, Unicode and e-mail variants, sent through the
 * whole HTTP stack (`inject`), by a staff member, a customer, a stranger and a guest:
 * - never a 5xx, and never an answer outside the documented error codes and their statuses;
 * - never a change that no 2xx answer accounts for: the number of secrets grows by the creates that were
 *   answered 201, the secret and the invitation every run aims at stay intact and unused;
 * - an e-mail variant of a staff domain (case, trailing dot, subdomain, look-alike, IDN) is never a
 *   recipient (S1), a control character never reaches an address, and a secret created for a variant
 *   reaches the customer exactly when its normal form is hers (no plus or dot stripping).
 * Bounded: a fixed number of runs per property (RUNS), all on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/protocol/crypto.ts';
import { normaliseEmail } from '../../src/protocol/email.ts';
import { ERRORS, isErrorCode } from '../../src/protocol/errors.ts';
import { proofFor, sealSecret } from '../../web/crypto/secret-crypto.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { type CreatedInvitation, inviteGuest, peekInvitation } from '../support/invitations.ts';
import { accountIdOf, openSecret, type SharedSecret, shareSecret, toCustomer } from '../support/secrets.ts';
import { anonymousClient, type SignedInClient, signInAll } from '../support/sign-in.ts';
import { countRows } from '../support/store-rows.ts';

/** Runs per property and database: every run is one request. */
const RUNS = 1_000;

type Who = 'staff' | 'customer' | 'stranger' | 'guest';
type Path = 'create' | 'peek' | 'open' | 'revoke' | 'invite' | 'invitation_peek' | 'invitation_submit';

const ALPHABET_IDS = fc.oneof(
  fc.constant('TARGET'),
  fc.constant('INVITATION'),
  fc.base64String({ minLength: 0, maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);

/** A JSON value of any shape, or one of the shapes the API expects with any values in its fields. */
const jsonBody = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      version: fc.oneof(fc.constant(2), fc.constant(1), fc.jsonValue()),
      recipient: fc.oneof(
        fc.record({
          kind: fc.constantFrom('customer', 'team', 'other'),
          email: fc.string(),
          team: fc.string(),
        }),
        fc.jsonValue(),
      ),
      ciphertext: fc.oneof(fc.base64String({ maxLength: 200 }), fc.jsonValue()),
      iv: fc.oneof(fc.base64String({ maxLength: 20 }), fc.jsonValue()),
      verifier: fc.oneof(fc.base64String({ maxLength: 50 }), fc.jsonValue()),
      proof: fc.oneof(fc.base64String({ maxLength: 50 }), fc.jsonValue()),
      secret: fc.oneof(fc.base64String({ maxLength: 50 }), fc.jsonValue()),
      enc: fc.oneof(fc.base64String({ maxLength: 50 }), fc.jsonValue()),
      classification: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.jsonValue()),
      expiresInSeconds: fc.oneof(fc.integer(), fc.double(), fc.jsonValue()),
      label: fc.string({ unit: 'grapheme', maxLength: 300 }),
      publicKey: fc.base64String({ maxLength: 60 }),
      secretHash: fc.base64String({ maxLength: 60 }),
      browser: fc.string({ maxLength: 100 }),
    },
    { requiredKeys: [] },
  ),
);

/** What goes on the wire: JSON of such a body, or text that is not JSON, or a body of any size. */
const payload = fc.oneof(
  {
    weight: 6,
    arbitrary: jsonBody.map((body) => ({ text: JSON.stringify(body), type: 'application/json' })),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary' }).map((text) => ({ text, type: 'application/json' })) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0, max: 2 * MAX_BODY_BYTES })
      .map((n) => ({ text: JSON.stringify({ ciphertext: 'A'.repeat(n) }), type: 'application/json' })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string(), fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', ''))
      .map(([text, type]) => ({ text, type })),
  },
);

const request = fc.record({
  who: fc.constantFrom<Who>('staff', 'customer', 'stranger', 'guest'),
  path: fc.constantFrom<Path>(
    'create',
    'peek',
    'open',
    'revoke',
    'invite',
    'invitation_peek',
    'invitation_submit',
  ),
  id: ALPHABET_IDS,
  body: payload,
});

describe.each(DIALECTS)('properties of the running app on %s', (dialect) => {
  let t: TestApp;
  let staff: SignedInClient;
  let customer: SignedInClient;
  let stranger: SignedInClient;
  let target: SharedSecret;
  let invitation: CreatedInvitation;
  const cookie = (client: SignedInClient) => client.jar.headerFor(new URL(client.baseUrl)) ?? '';
  const secretsCount = () => countRows(t.store, 'secrets');

  beforeAll(async () => {
    t = await startTestApp({ dialect, config: { logLevel: 'warn' } });
    let owner: SignedInClient;
    [staff, customer, stranger, owner] = await signInAll(t.baseUrl, ['sven', 'carla', 'dirk', 'greta']);
    // Another staff member's: to every fuzzing client, including the staff one, they are someone else's.
    target = await shareSecret(owner, 'the target', toCustomer('carla@acme.test'));
    invitation = await inviteGuest(owner, 'the target invitation');
  });
  afterAll(() => t?.close());

  it('X7: random requests never get a 5xx or an undocumented answer, and change nothing unaccounted', async () => {
    const before = await secretsCount();
    let created = 0;
    let tried = 0;
    const paths: Record<Path, (id: string) => string> = {
      create: () => '/api/secrets',
      peek: (id) => `/api/secrets/${id}/peek`,
      open: (id) => `/api/secrets/${id}/open`,
      revoke: (id) => `/api/secrets/${id}/revoke`,
      invite: () => '/api/invitations',
      invitation_peek: (id) => `/api/invitations/${id}/peek`,
      invitation_submit: (id) => `/api/invitations/${id}/submit`,
    };
    const clients: Record<Who, SignedInClient | undefined> = {
      staff,
      customer,
      stranger,
      guest: undefined,
    };
    await fc.assert(
      fc.asyncProperty(request, async ({ who, path, id, body }) => {
        const realId =
          id === 'TARGET' ? target.id : id === 'INVITATION' ? invitation.id : encodeURIComponent(id);
        const client = clients[who];
        const reply = await t.app.inject({
          method: 'POST',
          url: paths[path](realId),
          headers: {
            origin: t.baseUrl,
            ...(client ? { cookie: cookie(client) } : {}),
            ...(body.type ? { 'content-type': body.type } : {}),
          },
          payload: body.text,
        });
        tried++;
        expect(reply.statusCode).toBeLessThan(500);
        if (reply.statusCode >= 400) {
          const code = (JSON.parse(reply.body) as { error: { code: string } }).error.code;
          expect(isErrorCode(code), code).toBe(true);
          expect(ERRORS[code as keyof typeof ERRORS]).toBe(reply.statusCode);
        } else {
          // Only a create can succeed with a random body, and only with a body a browser could have sent.
          expect([path, reply.statusCode]).toEqual(['create', 201]);
          created++;
        }
      }),
      { numRuns: RUNS },
    );
    expect(tried).toBe(RUNS);
    expect(await secretsCount()).toBe(before + created);
    // O5: the secret every run aimed at is intact for its recipient; the invitation is unused.
    expect(
      (await peekInvitation(anonymousClient(t.baseUrl), invitation.id, invitation.keys.inviteSecret)).status,
    ).toBe(200);
    expect((await openSecret(customer, target.id, target.linkKey)).plaintext).toBe('the target');
  }, 120_000);

  it('S1, section 1: e-mail variants reach a customer exactly when their normal form is hers; staff never', async () => {
    const senderId = await accountIdOf(staff);
    const locals = fc.constantFrom(
      'carla',
      'Carla',
      'CARLA',
      ' carla',
      'carla+tag',
      'c.arla',
      'carla\u0000',
      'cаrla',
    );
    const domains = fc.constantFrom(
      'acme.test',
      'ACME.Test',
      'acme.test.',
      'аcme.test', // Cyrillic а: a look-alike
      'acme.test\u200b',
      'example.com',
      'EXAMPLE.com.',
      'sub.example.com',
      'exаmple.com', // Cyrillic а
      'xn--xmple-4nf.com', // the look-alike, spelled in ASCII
      'bücher.test',
      'xn--bcher-kva.test',
    );
    const address = fc
      .tuple(locals, domains, fc.constantFrom('', ' ', '\t', '\u0007', '\u202e'))
      .map(([local, domain, around]) => `${around}${local}@${domain}${around === '\u202e' ? '' : around}`);
    const createdFor = new Map<string, string>();
    await fc.assert(
      fc.asyncProperty(address, async (email) => {
        const sealed = await sealSecret('variant', toCustomer(email), { senderId });
        const reply = await t.app.inject({
          method: 'POST',
          url: '/api/secrets',
          headers: { origin: t.baseUrl, cookie: cookie(staff), 'content-type': 'application/json' },
          payload: JSON.stringify(sealed.request),
        });
        expect(reply.statusCode).toBeLessThan(500);
        const normal = normaliseEmail(email.trim());
        const domain = normal.slice(normal.lastIndexOf('@') + 1);
        const staffDomain = domain === 'example.com' || domain.endsWith('.example.com');
        // Surrounding white space is trimmed (section 1); a control character left inside is refused.
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point.
        const control = /[\u0000-\u001f\u007f-\u009f\u200b\u202e]/.test(email.trim());
        if (staffDomain || control) expect(reply.statusCode, email).not.toBe(201);
        if (reply.statusCode === 201) createdFor.set((JSON.parse(reply.body) as { id: string }).id, normal);
        else
          expect(isErrorCode((JSON.parse(reply.body) as { error: { code: string } }).error.code)).toBe(true);
      }),
      { numRuns: 200 },
    );
    const received = new Set(
      ((await customer.api('GET', '/api/secrets')).body.received as { id: string }[]).map(
        (secret) => secret.id,
      ),
    );
    for (const [id, normal] of createdFor)
      expect(received.has(id), JSON.stringify(normal)).toBe(normal === 'carla@acme.test');
    // And only she opens one: a stranger holding the right link is refused.
    const [mine] = [...createdFor].find(([, normal]) => normal === 'carla@acme.test') ?? [];
    if (mine) {
      const answer = await stranger.api('POST', `/api/secrets/${mine}/open`, {
        proof: await proofFor(randomBytes(32).toString('base64url')),
      });
      expect(answer.status).toBe(404);
    }
  }, 120_000);
});
