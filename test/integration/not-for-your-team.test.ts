/**
 * Issue 19, O5: a signed-in caller who holds the whole link but is not its recipient is told whether the
 * secret was sent to a team (`secret.not_for_your_team`) or to a person (`secret.not_for_you`), so the
 * open page can say which. Nothing more: not the team, not the address, not the level; only after the
 * possession proof (a wrong proof still answers `secret.gone`); and the refusal changes nothing, so the
 * recipient still opens the secret. On both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/protocol/errors.ts';
import { type Locale, translate } from '../../src/protocol/i18n/index.ts';
import { auditTargetHash } from '../../src/store/audit.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { proofFor } from '../../web/crypto/secret-crypto.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { openSecret, type SharedSecret, shareSecret, toCustomer, toTeam } from '../support/secrets.ts';
import { type SignedInClient, signInAll } from '../support/sign-in.ts';

describe.each(DIALECTS)('O5: a refusal names the kind of recipient and nothing more, on %s', (dialect) => {
  let t: TestApp;
  let sven: SignedInClient; // staff, team Service, German
  let greta: SignedInClient; // staff, team GO Engineers, Dutch
  let ada: SignedInClient; // admin in no team, English
  let carla: SignedInClient; // customer carla@acme.test, German
  let dirk: SignedInClient; // customer dirk@globex.test, Dutch

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    [sven, greta, ada, carla, dirk] = await signInAll(t.baseUrl, ['sven', 'greta', 'ada', 'carla', 'dirk']);
  });
  afterAll(() => t?.close());

  /** The whole stored state of a secret: its row and its content. */
  const stored = async (id: string) => {
    const db = databaseForTests(t.store);
    return {
      row: await db.selectFrom('secrets').selectAll().where('id', '=', id).executeTakeFirst(),
      content: await db.selectFrom('secret_contents').selectAll().where('secret_id', '=', id).execute(),
    };
  };

  /** The exact body of a refusal: the code and the catalogue's message in the caller's language (L2). */
  const refusal = (code: ErrorCode, locale: Locale) => ({
    error: { code, message: translate(locale, `errors.${code}`) },
  });

  const tryBoth = async (client: SignedInClient, shared: SharedSecret) => {
    const proof = await proofFor(shared.linkKey);
    return [
      await client.api('POST', `/api/secrets/${shared.id}/peek`, { proof }),
      await client.api('POST', `/api/secrets/${shared.id}/open`, { proof }),
    ];
  };

  it('a team secret: "not for your team", without the team, the sender or the level; the team still opens it', async () => {
    const shared = await shareSecret(carla, 'for the service team', toTeam('service'));
    expect(shared.status).toBe(201);
    const before = await stored(shared.id);

    for (const [client, locale] of [
      [greta, 'nl'],
      [ada, 'en'],
      [dirk, 'nl'],
    ] as const) {
      for (const answer of await tryBoth(client, shared)) {
        expect(answer.status).toBe(403);
        expect(answer.body).toEqual(refusal('secret.not_for_your_team', locale));
        const said = JSON.stringify(answer.body).toLowerCase();
        for (const hidden of ['service', 'carla', 'acme', 'classification', 'level'])
          expect(said).not.toContain(hidden);
      }
    }

    // The refusals changed nothing and were recorded with the reason (O5).
    expect(await stored(shared.id)).toEqual(before);
    const reasons = await databaseForTests(t.store)
      .selectFrom('audit_events')
      .select('reason')
      .where('target_hash', '=', auditTargetHash(shared.id))
      .where('action', '=', 'secret.refused')
      .execute();
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((row) => row.reason === 'not_team_member')).toBe(true);

    const opened = await openSecret(sven, shared.id, shared.linkKey);
    expect(opened.plaintext).toBe('for the service team');
  });

  it('a direct share: "not for you", naming no team and no address; the customer still opens it', async () => {
    const shared = await shareSecret(sven, 'for carla only', toCustomer('carla@acme.test'));
    expect(shared.status).toBe(201);
    const before = await stored(shared.id);

    for (const [client, locale] of [
      [dirk, 'nl'],
      [greta, 'nl'],
      [ada, 'en'],
    ] as const) {
      for (const answer of await tryBoth(client, shared)) {
        expect(answer.status).toBe(403);
        expect(answer.body).toEqual(refusal('secret.not_for_you', locale));
        expect(JSON.stringify(answer.body).toLowerCase()).not.toContain('carla');
      }
    }

    expect(await stored(shared.id)).toEqual(before);
    expect((await openSecret(carla, shared.id, shared.linkKey)).plaintext).toBe('for carla only');
  });

  it('the kind is told only after the proof: a wrong proof of a team secret is gone, like an unknown id', async () => {
    const shared = await shareSecret(carla, 'proof first', toTeam('service'));
    const other = await shareSecret(carla, 'another', toTeam('service'));
    const wrong = await greta.api('POST', `/api/secrets/${shared.id}/open`, {
      proof: await proofFor(other.linkKey),
    });
    expect(wrong.status).toBe(404);
    expect(wrong.body).toEqual(refusal('secret.gone', 'nl'));
    expect((await openSecret(sven, shared.id, shared.linkKey)).plaintext).toBe('proof first');
  });
});
