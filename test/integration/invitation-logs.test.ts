/**
 * X2, X3, R3: nothing of an invitation's link or of a guest's submission reaches a log line, an audit row
 * or a metric. Runs the whole invitation lifecycle with known values (created, peeked, submitted, refused,
 * opened, revoked), then reads every log line the app wrote, every audit row and the metrics scrape.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseForTests } from '../../src/store/testing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import {
  type CreatedInvitation,
  inviteGuest,
  openSubmission,
  peekInvitation,
  type Submission,
  submissionProof,
  submitAsGuest,
} from '../support/invitations.ts';
import { anonymousClient, signInAll } from '../support/sign-in.ts';

describe.each(DIALECTS)('no invitation secrets in logs, audit rows or metrics on %s', (dialect) => {
  let t: TestApp;
  const plaintexts = ['invitation-canary-plaintext-1', 'invitation-canary-plaintext-2'];
  const invitations: CreatedInvitation[] = [];
  const submissions: Submission[] = [];
  const ids: string[] = [];
  const proofs: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    const [sven, carla, greta] = await signInAll(t.baseUrl, ['sven', 'carla', 'greta']);
    const guest = anonymousClient(t.baseUrl);
    const used = await inviteGuest(sven, 'Log canary label');
    const revoked = await inviteGuest(sven, 'Revoked canary');
    await inviteGuest(carla, 'refused: customers do not invite');
    invitations.push(used, revoked);

    await peekInvitation(guest, used.id, used.keys.inviteSecret);
    await peekInvitation(guest, used.id, revoked.keys.inviteSecret); // wrong secret
    submissions.push(await submitAsGuest(guest, used, plaintexts[0] as string));
    submissions.push(await submitAsGuest(guest, used, plaintexts[1] as string)); // second use: refused
    await sven.api('POST', `/api/invitations/${revoked.id}/revoke`);
    await submitAsGuest(guest, revoked, 'after the revoke');

    const received = (await sven.api('GET', '/api/secrets')).body.received;
    const secretId = received.find((s: { invitation?: { id: string } }) => s.invitation?.id === used.id).id;
    const { body: key } = await sven.api('GET', `/api/submissions/${secretId}`);
    await greta.api('GET', `/api/submissions/${secretId}`); // refused
    await openSubmission(greta, secretId, used, key.enc); // refused: not the inviter
    const opened = await openSubmission(sven, secretId, used, key.enc);
    expect(opened.plaintext).toBe(plaintexts[0]); // the lifecycle really ran
    await sven.api('GET', '/api/invitations');
    ids.push(used.id, revoked.id, secretId);
    proofs.push(await submissionProof(used, key.enc));
  });
  afterAll(() => t?.close());

  /** Every value that would let someone submit, open or read, and every id (X3). */
  function secretValues(): string[] {
    const values = [...plaintexts, ...ids, ...proofs];
    for (const invitation of invitations) {
      const { inviteSecret, publicKey, secretHash } = invitation.keys;
      values.push(inviteSecret, publicKey, secretHash, `${inviteSecret}.${publicKey}`);
    }
    for (const submission of submissions) {
      if (submission.sent)
        values.push(submission.sent.ciphertext, submission.sent.enc, submission.sent.verifier);
    }
    return values;
  }

  it('the log file holds request lines but no invitation secret, key, ciphertext, plaintext or id', async () => {
    const log = await readFile(t.logFile, 'utf8');
    expect(log).toContain('/api/invitations/:id/submit'); // the app logged these requests, by route pattern
    for (const value of secretValues()) expect(log).not.toContain(value);
  });

  it('X6: the audit trail records created, used, revoked and refused by hashed id, and nothing secret', async () => {
    const rows = await databaseForTests(t.store).selectFrom('audit_events').selectAll().execute();
    const actions = new Set(rows.map((row) => `${row.action}:${row.outcome}`));
    for (const action of [
      'invitation.created:ok',
      'invitation.used:ok',
      'invitation.revoked:ok',
      'invitation.refused:refused',
      'secret.opened:ok',
      'secret.refused:refused',
    ]) {
      expect(actions).toContain(action);
    }
    const dump = JSON.stringify(rows);
    for (const value of secretValues()) expect(dump).not.toContain(value);
  });

  it('R3: the metrics count invitation events by action and outcome, and hold nothing secret', async () => {
    const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/safe_share_secret_events_total\{action="invitation_use",outcome="ok"\} 1\b/);
    expect(metrics).toMatch(
      /safe_share_secret_events_total\{action="invitation_use",outcome="refused"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /safe_share_secret_events_total\{action="invitation_create",outcome="refused"\} 1\b/,
    );
    expect(metrics).toMatch(/safe_share_secret_events_total\{action="invitation_revoke",outcome="ok"\} 1\b/);
    for (const value of secretValues()) expect(metrics).not.toContain(value);
  });
});
