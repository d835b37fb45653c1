/**
 * Issue 18, adversarial suite: the authorization matrix (test/support/authorization-matrix.ts, every role
 * x action x classification, the same rows the domain test runs) against the running server over HTTP,
 * on both databases. For each action and level a fresh item; the roles that must be refused go first, so
 * the one that may act shows that the refusals left the item intact (O5); a level no role may open is
 * opened afterwards by its recipient raised to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/protocol/errors.ts';
import type { Level } from '../../src/protocol/values.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { proofFor, sealSecret } from '../../web/crypto/secret-crypto.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  ACTIONS,
  levelsOf,
  MATRIX,
  type MatrixAction,
  type MatrixRole,
  PEOPLE,
  ROLES,
} from '../support/authorization-matrix.ts';
import { DIALECTS } from '../support/databases.ts';
import { inviteGuest } from '../support/invitations.ts';
import { openSecret, type SharedSecret, shareSecret, toCustomer, toTeam } from '../support/secrets.ts';
import { anonymousClient, type SignedInClient, signInAll, type TestClient } from '../support/sign-in.ts';

type Answer = { status: number; body: { error?: { code?: string } } | null };

describe.each(DIALECTS)('the authorization matrix over HTTP on %s', (dialect) => {
  let t: TestApp;
  const clients = {} as Record<MatrixRole, TestClient>;
  let tried = 0;

  const setClearance = (email: string, clearance: Level) =>
    databaseForTests(t.store).updateTable('accounts').set({ clearance }).where('email', '=', email).execute();

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    const signedIn = await signInAll(t.baseUrl, ['ada', 'sven', 'greta', 'carla', 'dirk']);
    const byWho = new Map(signedIn.map((client) => [client.who, client]));
    for (const role of ROLES) {
      clients[role] =
        role === 'guest' ? anonymousClient(t.baseUrl) : (byWho.get(PEOPLE[role].who) as SignedInClient);
    }
    for (const person of Object.values(PEOPLE)) await setClearance(person.email, person.clearance);
  });
  afterAll(() => t?.close());

  /** A secret of level `level` from `sender` to `recipient` (raised to the level for the moment if need be). */
  async function item(sender: MatrixRole, level: Level, team: boolean): Promise<SharedSecret> {
    const recipient = PEOPLE.customer;
    const raise = !team && level > recipient.clearance;
    if (raise) await setClearance(recipient.email, level);
    const to = team ? toTeam('service') : toCustomer(recipient.email);
    const shared = await shareSecret(clients[sender] as SignedInClient, `L${level} ${sender}`, to, {
      classification: level,
    });
    if (raise) await setClearance(recipient.email, recipient.clearance);
    expect(shared.status).toBe(201);
    return shared;
  }

  async function create(role: MatrixRole, level: Level, team: boolean): Promise<Answer> {
    const to = team ? toTeam('service') : toCustomer(PEOPLE.customer.email);
    if (role === 'guest') {
      const sealed = await sealSecret('from nobody', to, { classification: level, senderId: 'nobody' });
      return clients.guest.api('POST', '/api/secrets', sealed.request);
    }
    return shareSecret(clients[role] as SignedInClient, `by ${role}`, to, { classification: level });
  }

  async function act(
    action: MatrixAction,
    role: MatrixRole,
    level: Level,
    shared?: SharedSecret,
  ): Promise<Answer> {
    const client = clients[role];
    switch (action) {
      case 'create_direct':
        return create(role, level, false);
      case 'create_team':
        return create(role, level, true);
      case 'peek_direct':
        return client.api('POST', `/api/secrets/${shared?.id}/peek`, {
          proof: await proofFor(shared?.linkKey ?? ''),
        });
      case 'open_direct':
      case 'open_team': {
        const opened = await client.api('POST', `/api/secrets/${shared?.id}/open`, {
          proof: await proofFor(shared?.linkKey ?? ''),
        });
        return opened;
      }
      case 'revoke_direct':
        return client.api('POST', `/api/secrets/${shared?.id}/revoke`);
      case 'invite':
        if (role === 'guest') return client.api('POST', '/api/invitations', { version: 1, label: 'x' });
        return inviteGuest(client, `by ${role}`, { classification: level });
    }
  }

  const itemFor = (action: MatrixAction, level: Level) => {
    if (action === 'open_team') return item('customer', level, true);
    if (action === 'peek_direct' || action === 'open_direct' || action === 'revoke_direct')
      return item('staff_other_team', level, false);
    return Promise.resolve(undefined);
  };
  const SUCCESS: Record<MatrixAction, number> = {
    create_direct: 201,
    create_team: 201,
    peek_direct: 200,
    open_direct: 200,
    open_team: 200,
    revoke_direct: 200,
    invite: 201,
  };

  for (const action of ACTIONS) {
    for (const level of levelsOf(action)) {
      const rows = MATRIX.filter((row) => row.action === action && row.classification === level);
      // The refused first, the allowed last: an open or revoke that succeeds ends the item.
      const ordered = [...rows].sort(
        (a, b) => Number(a.expected === 'allowed') - Number(b.expected === 'allowed'),
      );
      it(`${action} of level ${level}: ${rows.map((row) => `${row.role} ${row.expected}`).join(', ')}`, async () => {
        const shared = await itemFor(action, level);
        for (const row of ordered) {
          const answer = await act(action, row.role, level, shared);
          tried++;
          const status = row.expected === 'allowed' ? SUCCESS[action] : ERRORS[row.expected];
          expect({ role: row.role, status: answer.status, code: answer.body?.error?.code }).toEqual({
            role: row.role,
            status,
            code: row.expected === 'allowed' ? undefined : row.expected,
          });
        }
        if (shared && action !== 'revoke_direct' && !rows.some((row) => row.expected === 'allowed')) {
          // No role could open it: it is intact for its recipient raised to its level (O5).
          await setClearance(PEOPLE.customer.email, level);
          const opened = await openSecret(clients.customer as SignedInClient, shared.id, shared.linkKey);
          await setClearance(PEOPLE.customer.email, PEOPLE.customer.clearance);
          expect(opened.plaintext).toBe(`L${level} staff_other_team`);
        }
      });
    }
  }

  it('tried every row of the matrix', () => {
    expect(tried).toBe(MATRIX.length);
  });
});
