/**
 * Guest invitations over real HTTP on both databases (S4, S5, S6, X2, O1, O2, O6, C3): staff invite, a
 * guest without an account submits once, sealed with the browser's own HPKE code, and only the inviter
 * opens the submission, once. Each test names the rule it proves.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTargetHash } from '../../src/store/audit.ts';
import { databaseForTests } from '../../src/store/testing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import {
  type CreatedInvitation,
  inviteGuest,
  openSubmission,
  peekInvitation,
  submitAsGuest,
} from '../support/invitations.ts';
import { anonymousClient, type SignedInClient, signInAll, type TestClient } from '../support/sign-in.ts';
import { countRows } from '../support/store-rows.ts';

const DAY_MS = 86_400_000;

describe.each(DIALECTS)('guest invitations on %s', (dialect) => {
  let t: TestApp;
  let sven: SignedInClient; // staff, team Service, clearance 1
  let greta: SignedInClient; // staff, team GO Engineers
  let ada: SignedInClient; // admin, clearance 3
  let carla: SignedInClient; // customer
  let guest: TestClient; // no account (S6)

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    [sven, greta, ada, carla] = await signInAll(t.baseUrl, ['sven', 'greta', 'ada', 'carla']);
    guest = anonymousClient(t.baseUrl);
  });
  afterAll(() => t?.close());

  const db = () => databaseForTests(t.store);
  const count = (table: 'secrets' | 'invitations' | 'secret_contents') => countRows(t.store, table);
  const submissionsOf = (invitation: CreatedInvitation) =>
    db().selectFrom('secrets').selectAll().where('invitation_id', '=', invitation.id).execute();
  const invitationRow = (invitation: CreatedInvitation) =>
    db().selectFrom('invitations').selectAll().where('id', '=', invitation.id).executeTakeFirstOrThrow();

  /** The submission of `invitation` as its inviter finds it: in the received list, then its `enc`. */
  async function findSubmission(inviter: SignedInClient, invitation: CreatedInvitation) {
    const { body } = await inviter.api('GET', '/api/secrets');
    const row = body.received.find(
      (s: { invitation?: { id: string } }) => s.invitation?.id === invitation.id,
    );
    const key = await inviter.api('GET', `/api/submissions/${row.id}`);
    return { row, secretId: row.id as string, key };
  }

  async function invited(label = 'VPN password for the Berlin office'): Promise<CreatedInvitation> {
    const invitation = await inviteGuest(sven, label);
    expect(invitation.status).toBe(201);
    return invitation;
  }

  it('S4, S5, C3: staff create an invitation, 7 days and the lowest level by default', async () => {
    const invitation = await inviteGuest(sven, 'Router password');
    expect(invitation.status).toBe(201);
    expect(invitation.id).toMatch(/^[A-Za-z0-9_-]{22}$/); // X3: 128 random bits
    expect(invitation.body).toEqual({
      id: invitation.id,
      classification: 1,
      expiresAt: t.clock() + 7 * DAY_MS,
    });
  });

  it('S4: a customer is refused with a stable code and nothing is created; without sign-in, 401', async () => {
    const before = await count('invitations');
    const refused = await inviteGuest(carla, 'I am no staff');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('invitation.staff_only');
    const anonymous = await guest.api('POST', '/api/invitations', {
      version: 1,
      label: 'x',
      publicKey: refused.keys.publicKey,
      secretHash: refused.keys.secretHash,
      browser: '',
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('auth.required');
    expect(await count('invitations')).toBe(before);
    const audit = await db()
      .selectFrom('audit_events')
      .select(['reason', 'outcome'])
      .where('action', '=', 'invitation.refused')
      .where('reason', '=', 'invitation.staff_only')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('C3: not above the creator clearance; S5: the expiry within the invitation maximum', async () => {
    const tooHigh = await inviteGuest(sven, 'x', { classification: 2 });
    expect(tooHigh.body.error.code).toBe('share.classification_above_clearance');
    const admins = await inviteGuest(ada, 'y', { classification: 3 });
    expect(admins).toMatchObject({ status: 201, classification: 3 });
    const tooLong = await inviteGuest(sven, 'z', { expiresInSeconds: 30 * 86_400 + 1 });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.code).toBe('share.expiry_out_of_range');
    const hour = await inviteGuest(sven, 'z', { expiresInSeconds: 3600 });
    expect(hour.body.expiresAt).toBe(t.clock() + 3_600_000);
  });

  it('X2: the server stores the public key and only a hash of the invitation secret', async () => {
    const invitation = await invited();
    const row = await invitationRow(invitation);
    const secret = Buffer.from(invitation.keys.inviteSecret, 'base64url');
    expect(Buffer.from(row.secret_hash)).toEqual(createHash('sha256').update(secret).digest());
    expect(Buffer.from(row.public_key).toString('base64url')).toBe(invitation.keys.publicKey);
    const stored = JSON.stringify(row, (_key, value) =>
      value instanceof Uint8Array ? Buffer.from(value).toString('base64url') : value,
    );
    expect(stored).not.toContain(invitation.keys.inviteSecret);
  });

  it('S6: the guest page shows the inviter and the label as recorded, and uses nothing up', async () => {
    const invitation = await invited('Wi-Fi key for the Hamburg workshop');
    for (let i = 0; i < 3; i++) {
      const peeked = await peekInvitation(guest, invitation.id, invitation.keys.inviteSecret);
      expect(peeked.status).toBe(200);
      expect(peeked.body).toMatchObject({
        id: invitation.id,
        label: 'Wi-Fi key for the Hamburg workshop',
        inviter: { name: 'Sven Service', email: 'sven.service@example.com' },
        inviterId: invitation.inviterId,
        publicKey: invitation.keys.publicKey,
        classification: 1,
      });
    }
    expect((await invitationRow(invitation)).status).toBe('waiting');
    expect((await submitAsGuest(guest, invitation, 'after three looks')).status).toBe(201);
  });

  it('S4, O1, O2: a guest submits once; the inviter finds it, opens it once and reads the text', async () => {
    const invitation = await invited();
    const submitted = await submitAsGuest(guest, invitation, 'vpn: correct horse battery staple');
    expect(submitted.status).toBe(201);
    expect(submitted.body).toEqual({ submittedAt: t.clock() });

    const { row, secretId, key } = await findSubmission(sven, invitation);
    expect(row).toMatchObject({
      status: 'waiting',
      recipient: { kind: 'inviter', name: 'Sven Service', email: 'sven.service@example.com' },
      invitation: { id: invitation.id, label: 'VPN password for the Berlin office' },
    });
    expect(key.status).toBe(200);
    expect(key.body).toMatchObject({
      id: secretId,
      invitation: {
        id: invitation.id,
        label: 'VPN password for the Berlin office',
        browser: 'Test browser (Node)',
      },
      enc: submitted.sent?.enc,
    });
    // Not in the inviter's sent list: the guest sent it.
    const lists = (await sven.api('GET', '/api/secrets')).body;
    expect(lists.sent.map((s: { id: string }) => s.id)).not.toContain(secretId);

    const opened = await openSubmission(sven, secretId, invitation, key.body.enc);
    expect(opened.status).toBe(200);
    expect(opened.plaintext).toBe('vpn: correct horse battery staple');
    expect(opened.body.invitation).toEqual({
      id: invitation.id,
      label: 'VPN password for the Berlin office',
    });

    const again = await openSubmission(sven, secretId, invitation, key.body.enc);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('secret.gone');
    expect((await sven.api('GET', `/api/submissions/${secretId}`)).status).toBe(404);

    const listed = (await sven.api('GET', '/api/invitations')).body.invitations;
    expect(listed.find((i: { id: string }) => i.id === invitation.id)).toMatchObject({
      status: 'used',
      usedAt: submitted.body.submittedAt,
      revokedAt: null,
    });
  });

  it('S5, O2: of 20 concurrent submissions of one invitation exactly one is stored', async () => {
    const invitation = await invited();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        submitAsGuest(anonymousClient(t.baseUrl), invitation, `race ${i}`),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.status === 404);
    expect(refused).toHaveLength(19);
    expect(refused.every((r) => r.body.error.code === 'invitation.gone')).toBe(true);
    const submissions = await submissionsOf(invitation);
    expect(submissions).toHaveLength(1);
    const contents = await db()
      .selectFrom('secret_contents')
      .select('ciphertext')
      .where('secret_id', '=', submissions[0]?.id as string)
      .execute();
    expect(contents).toHaveLength(1);
    const winner = results.find((r) => r.status === 201);
    expect(Buffer.from(contents[0]?.ciphertext as Uint8Array).toString('base64url')).toBe(
      winner?.sent?.ciphertext,
    );
    const used = await db()
      .selectFrom('audit_events')
      .select('outcome')
      .where('action', '=', 'invitation.used')
      .where('target_hash', '=', auditTargetHash(invitation.id))
      .execute();
    expect(used).toEqual([{ outcome: 'ok' }]);
  });

  it('S5: used, expired, revoked and unknown invitations are refused alike, and create nothing', async () => {
    const used = await invited();
    expect((await submitAsGuest(guest, used, 'first')).status).toBe(201);
    const expiring = await inviteGuest(sven, 'short', { expiresInSeconds: 3600 });
    const revoked = await invited();
    expect((await sven.api('POST', `/api/invitations/${revoked.id}/revoke`)).status).toBe(200);
    const unknown = { ...(await invited()), id: 'AAAAAAAAAAAAAAAAAAAAAA' };
    t.clock.advance(3_600_000);

    const before = await count('secrets');
    const answers = [];
    for (const invitation of [used, expiring, revoked, unknown]) {
      const peeked = await peekInvitation(guest, invitation.id, invitation.keys.inviteSecret);
      const submitted = await submitAsGuest(guest, invitation, 'second');
      answers.push(peeked, submitted);
    }
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(404));
    const bodies = new Set(answers.map((a) => JSON.stringify(a.body)));
    expect([...bodies]).toEqual([JSON.stringify(answers[0]?.body)]);
    expect(answers[0]?.body.error.code).toBe('invitation.gone');
    expect(await count('secrets')).toBe(before);
    const reasons = await db()
      .selectFrom('audit_events')
      .select('reason')
      .where('action', '=', 'invitation.refused')
      .where(
        'target_hash',
        'in',
        [used, expiring, revoked].map((i) => auditTargetHash(i.id)),
      )
      .execute();
    expect(new Set(reasons.map((r) => r.reason))).toEqual(new Set(['used', 'expired', 'revoked']));
  });

  it('X2, S5: a wrong invitation secret changes nothing, and is answered like an unknown invitation', async () => {
    const invitation = await invited();
    const wrong = Buffer.alloc(32, 7).toString('base64url');
    const other = await invited();
    // The same 32 bytes in another spelling: the last digit's two unused low bits set.
    const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = digits.indexOf(invitation.keys.inviteSecret.at(-1) as string);
    const nonCanonical = `${invitation.keys.inviteSecret.slice(0, -1)}${digits[last | 1]}`;
    expect(Buffer.from(nonCanonical, 'base64url')).toEqual(
      Buffer.from(invitation.keys.inviteSecret, 'base64url'),
    );
    const before = await count('secrets');
    for (const secret of [wrong, other.keys.inviteSecret, nonCanonical]) {
      const peeked = await peekInvitation(guest, invitation.id, secret);
      expect(peeked).toMatchObject({ status: 404, body: { error: { code: 'invitation.gone' } } });
      const submitted = await submitAsGuest(guest, invitation, 'guessed', secret);
      expect(submitted).toMatchObject({ status: 404, body: { error: { code: 'invitation.gone' } } });
    }
    expect(await count('secrets')).toBe(before);
    expect((await invitationRow(invitation)).status).toBe('waiting');
    const refusals = await db()
      .selectFrom('audit_events')
      .select(['reason', 'count'])
      .where('action', '=', 'invitation.refused')
      .where('target_hash', '=', auditTargetHash(invitation.id))
      .execute();
    // The other spelling is refused by the request schema, before any lookup; the wrong secrets are recorded,
    // as one row with their number (issue 18: repeated refusals do not grow the trail).
    expect(refusals).toEqual([{ reason: 'wrong_secret', count: 4 }]);
    // The right secret still works afterwards.
    expect((await submitAsGuest(guest, invitation, 'the real one')).status).toBe(201);
  });

  it('O1, S4: a customer, another staff member and an admin cannot open the submission; it stays intact', async () => {
    const invitation = await invited();
    expect((await submitAsGuest(guest, invitation, 'only for sven')).status).toBe(201);
    const { secretId, key } = await findSubmission(sven, invitation);
    for (const other of [carla, greta, ada]) {
      // What precedes the proof is the inviter's alone.
      const described = await other.api('GET', `/api/submissions/${secretId}`);
      expect(described).toMatchObject({ status: 404, body: { error: { code: 'secret.gone' } } });
      const listed = (await other.api('GET', '/api/secrets')).body.received.map((s: { id: string }) => s.id);
      expect(listed).not.toContain(secretId);
      // Even holding the right proof (here: the private key), they are refused and nothing burns.
      const refused = await openSubmission(other, secretId, invitation, key.body.enc);
      expect(refused).toMatchObject({ status: 403, body: { error: { code: 'secret.not_for_you' } } });
    }
    const refusals = await db()
      .selectFrom('audit_events')
      .select(['reason', 'count'])
      .where('action', '=', 'secret.refused')
      .where('target_hash', '=', auditTargetHash(secretId))
      .execute();
    // One row per refused account, counting its two refusals (issue 18).
    expect(refusals).toEqual(Array(3).fill({ reason: 'not_recipient', count: 2 }));
    expect((await openSubmission(sven, secretId, invitation, key.body.enc)).plaintext).toBe('only for sven');
  });

  it('O5: without the private key, a proof made up of another key opens nothing', async () => {
    const invitation = await invited();
    expect((await submitAsGuest(guest, invitation, 'keyless')).status).toBe(201);
    const { secretId, key } = await findSubmission(sven, invitation);
    const stranger = await invited(); // another key pair: what a second browser would have to guess with
    const refused = await openSubmission(
      sven,
      secretId,
      { ...invitation, keys: stranger.keys },
      key.body.enc,
    );
    expect(refused).toMatchObject({ status: 404, body: { error: { code: 'secret.gone' } } });
    expect(await count('secret_contents')).toBeGreaterThan(0);
    expect((await openSubmission(sven, secretId, invitation, key.body.enc)).plaintext).toBe('keyless');
  });

  it('O6: the creator lists and revokes a waiting invitation; nobody else can, and not once used', async () => {
    const invitation = await invited('Revoke me');
    for (const other of [greta, ada, carla]) {
      const refused = await other.api('POST', `/api/invitations/${invitation.id}/revoke`);
      expect(refused).toMatchObject({ status: 404, body: { error: { code: 'invitation.gone' } } });
      const listed = (await other.api('GET', '/api/invitations')).body.invitations;
      expect(listed.map((i: { id: string }) => i.id)).not.toContain(invitation.id);
    }
    const listed = (await sven.api('GET', '/api/invitations')).body.invitations;
    expect(listed.find((i: { id: string }) => i.id === invitation.id)).toMatchObject({
      label: 'Revoke me',
      status: 'waiting',
      classification: 1,
      browser: 'Test browser (Node)',
      usedAt: null,
    });
    const revoked = await sven.api('POST', `/api/invitations/${invitation.id}/revoke`);
    expect(revoked).toMatchObject({ status: 200, body: { id: invitation.id, status: 'revoked' } });
    expect((await sven.api('POST', `/api/invitations/${invitation.id}/revoke`)).status).toBe(404);
    const after = (await sven.api('GET', '/api/invitations')).body.invitations;
    expect(after.find((i: { id: string }) => i.id === invitation.id)).toMatchObject({
      status: 'revoked',
      revokedAt: t.clock(),
    });

    const used = await invited();
    await submitAsGuest(guest, used, 'sent');
    expect((await sven.api('POST', `/api/invitations/${used.id}/revoke`)).status).toBe(404);
    const expired = await inviteGuest(sven, 'soon', { expiresInSeconds: 60 });
    t.clock.advance(60_000);
    const all = (await sven.api('GET', '/api/invitations')).body.invitations;
    expect(all.find((i: { id: string }) => i.id === expired.id)).toMatchObject({ status: 'expired' });
    expect((await sven.api('POST', `/api/invitations/${expired.id}/revoke`)).status).toBe(404);
  });

  it('X6: created, used, revoked and refused are audited by hashed id, with the classification', async () => {
    const invitation = await inviteGuest(ada, 'Audited', { classification: 2 });
    await peekInvitation(guest, invitation.id, Buffer.alloc(32).toString('base64url'));
    await submitAsGuest(guest, invitation, 'audited');
    const revoked = await inviteGuest(ada, 'Audited too');
    await ada.api('POST', `/api/invitations/${revoked.id}/revoke`);
    const rows = await db()
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'classification', 'outcome', 'reason'])
      .where('target_hash', 'in', [auditTargetHash(invitation.id), auditTargetHash(revoked.id)])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      {
        action: 'invitation.created',
        actor_id: invitation.inviterId,
        classification: 2,
        outcome: 'ok',
        reason: null,
      },
      {
        action: 'invitation.refused',
        actor_id: null,
        classification: null,
        outcome: 'refused',
        reason: 'wrong_secret',
      },
      { action: 'invitation.used', actor_id: null, classification: 2, outcome: 'ok', reason: null },
      {
        action: 'invitation.created',
        actor_id: invitation.inviterId,
        classification: 1,
        outcome: 'ok',
        reason: null,
      },
      {
        action: 'invitation.revoked',
        actor_id: invitation.inviterId,
        classification: 1,
        outcome: 'ok',
        reason: null,
      },
    ]);
  });

  it('X7: bad input is refused with a stable code and creates nothing', async () => {
    const { keys } = await invited();
    const base = {
      version: 1,
      label: 'x',
      publicKey: keys.publicKey,
      secretHash: keys.secretHash,
      browser: '',
    };
    const before = await count('invitations');
    for (const [body, code] of [
      [{ ...base, label: '' }, 'request.invalid'],
      [{ ...base, label: 'a'.repeat(201) }, 'request.invalid'],
      [{ ...base, label: 'line\nbreak' }, 'request.control_character'],
      [{ ...base, publicKey: keys.publicKey.slice(1) }, 'request.invalid'],
      [{ ...base, version: 2 }, 'request.invalid'],
      [{ ...base, secret: keys.inviteSecret }, 'request.invalid'],
      [{ ...base, classification: 4 }, 'request.invalid'],
    ] as const) {
      const refused = await sven.api('POST', '/api/invitations', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.code).toBe(code);
    }
    expect(await count('invitations')).toBe(before);
    expect(
      (await guest.api('POST', '/api/invitations/not-an-id/peek', { secret: 'x' })).body.error.code,
    ).toBe('invitation.gone');
  });
});
