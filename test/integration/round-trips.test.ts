/**
 * Round trips to PostgreSQL per request (issue 22): every statement the store sends is counted while one
 * request runs, so a round trip added back on the hot path fails here. Today a create is three (the
 * session lookup, the recipient's facts, the create with its audit row as one statement) and an open two
 * (the session lookup with the secret's metadata, then the burn with its audit row as one statement).
 * What each statement does is asserted by its shape; their effects by the other integration tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proofFor } from '../../web/crypto/secret-crypto.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { accountIdOf, openSecret, shareSecret, toCustomer, toTeam } from '../support/secrets.ts';
import { type SignedInClient, signInAll } from '../support/sign-in.ts';

/** The statement's kind, from the start of its text: enough to tell which step of a request it is. */
function shapeOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.startsWith('select "viewer".*') && flat.includes('"secret"."verifier"')) return 'session+secret';
  if (flat.startsWith('select "accounts"."id"') && flat.includes('from "sessions"')) return 'session';
  if (flat.startsWith('select "role", "clearance" from "accounts"')) return 'recipient';
  if (flat.startsWith('select "teams"."id" as "team_id"')) return 'team+members';
  if (flat.startsWith('WITH metadata AS') && flat.includes('INSERT INTO secret_recipients'))
    return 'create+recipients';
  if (flat.startsWith('WITH metadata AS')) return 'create';
  if (flat.startsWith('WITH claimed AS')) return 'burn';
  if (flat.startsWith('insert into "audit_events"')) return 'refusal';
  return flat.slice(0, 60);
}

describe('statements per request on PostgreSQL', () => {
  let t: TestApp;
  let sven: SignedInClient; // staff, team Service
  let greta: SignedInClient; // staff, team GO Engineers
  let carla: SignedInClient; // customer carla@acme.test
  let dirk: SignedInClient; // customer dirk@globex.test
  const statements: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ dialect: 'postgres', onStatement: (text) => statements.push(text) });
    [sven, greta, carla, dirk] = await signInAll(t.baseUrl, ['sven', 'greta', 'carla', 'dirk']);
    // Warm: the run-time settings are read once per instance, then kept (usecases/settings.ts).
    await shareSecret(sven, 'warm-up', toCustomer('carla@acme.test'));
    // The test browser asks for its account id once (GET /api/me) before its first create.
    await accountIdOf(greta);
  });
  afterAll(() => t?.close());

  /** The shapes of the statements `request` sends, in order. */
  async function statementsOf(request: () => Promise<unknown>): Promise<string[]> {
    statements.length = 0;
    await request();
    return statements.map(shapeOf);
  }

  it('S1: a create is the session lookup, the recipient read, and one statement that stores and audits', async () => {
    let status = 0;
    const shapes = await statementsOf(async () => {
      ({ status } = await shareSecret(sven, 'x', toCustomer('carla@acme.test')));
    });
    expect(status).toBe(201);
    expect(shapes).toEqual(['session', 'recipient', 'create']);
  });

  it('C7: a team create reads the team with its members once and stores the recorded recipients in the create', async () => {
    let status = 0;
    const shapes = await statementsOf(async () => {
      ({ status } = await shareSecret(greta, 'x', toTeam('service')));
    });
    expect(status).toBe(201);
    expect(shapes).toEqual(['session', 'team+members', 'create+recipients']);
  });

  it('O2: an open is two statements: the session with the secret, then the burn with its audit row', async () => {
    const shared = await shareSecret(sven, 'x', toCustomer('carla@acme.test'));
    let status = 0;
    const shapes = await statementsOf(async () => {
      ({ status } = await openSecret(carla, shared.id, shared.linkKey));
    });
    expect(status).toBe(200);
    expect(shapes).toEqual(['session+secret', 'burn']);

    // A second open: gone, its refusal recorded; still no separate metadata read.
    const again = await statementsOf(() => openSecret(carla, shared.id, shared.linkKey));
    expect(again).toEqual(['session+secret', 'refusal']);
  });

  it('O4: a peek is one statement', async () => {
    const shared = await shareSecret(sven, 'x', toCustomer('carla@acme.test'));
    let status = 0;
    const shapes = await statementsOf(async () => {
      ({ status } = await carla.api('POST', `/api/secrets/${shared.id}/peek`, {
        proof: await proofFor(shared.linkKey),
      }));
    });
    expect(status).toBe(200);
    expect(shapes).toEqual(['session+secret']);
  });

  it('O5: a non-recipient is refused after the one read, with the refusal recorded and nothing burned', async () => {
    const shared = await shareSecret(sven, 'x', toCustomer('carla@acme.test'));
    let status = 0;
    const shapes = await statementsOf(async () => {
      ({ status } = await openSecret(dirk, shared.id, shared.linkKey));
    });
    expect(status).toBe(403);
    expect(shapes).toEqual(['session+secret', 'refusal']);
    expect((await openSecret(carla, shared.id, shared.linkKey)).status).toBe(200);
  });

  it('C7: a team member opens with the recorded clearance read in the same first statement', async () => {
    const shared = await shareSecret(dirk, 'x', toTeam('service'));
    expect(shared.status).toBe(201);
    let status = 0;
    const shapes = await statementsOf(async () => {
      ({ status } = await openSecret(sven, shared.id, shared.linkKey));
    });
    expect(status).toBe(200);
    expect(shapes).toEqual(['session+secret', 'burn']);
  });
});
