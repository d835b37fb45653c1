/**
 * Opening and peeking (O1, O4, C7) read two things before anything is decided: the signed-in account
 * behind the session cookie, and the secret the link names with its stored proof hash. On PostgreSQL each
 * is a round trip of its own, so here they are one statement: the session lookup of every request
 * (sessions.ts, unchanged: live session, active account, memberships as they are now) with the secret's
 * metadata and, for a team secret, the clearance recorded for that account (C7) LEFT JOINed to it. No
 * row: no live session (the request is anonymous, whatever the secret). A row without a secret: unknown
 * id, answered like any other gone secret by the use case.
 *
 * Nothing is decided here and nothing is claimed: the use case still checks the proof first, then the
 * layers, then burns with the proof hash in the DELETE's WHERE clause (DESIGN "Access decisions"). The
 * same statement runs on SQLite, where it is one query instead of three in the process.
 */
import type { Account } from '../../domain/accounts.ts';
import type { Level } from '../../protocol/values.ts';
import type { Store } from '../connection.ts';
import { preparedQuery } from '../prepared.ts';
import { sessionAccountOf, sessionAccountQuery } from '../sessions.ts';
import { type StoredSecret, secretByIdQuery, storedSecretOf } from './read.ts';

/** A secret as read for one account: its metadata and the clearance recorded for that account. */
export interface SecretForAccount {
  /** Undefined when no secret has the id. */
  readonly secret: StoredSecret | undefined;
  /** C7: the account's clearance recorded when the secret was shared with it; null if none was. */
  readonly recordedClearance: Level | null;
}

const preparedSessionAndSecret = preparedQuery(
  (db, read: { idHash: string; now: number; secretId: string }, dialect) =>
    db
      .selectFrom(sessionAccountQuery(db, read, dialect).as('viewer'))
      .leftJoin(secretByIdQuery(db, { id: read.secretId }).as('secret'), (join) => join.onTrue())
      .selectAll('viewer')
      // The secret's columns renamed, since the account's have the same names (id, created_at).
      .select([
        'secret.id as secret_id',
        'secret.sender_id as secret_sender_id',
        'secret.kind as secret_kind',
        'secret.recipient_email as secret_recipient_email',
        'secret.team_id as secret_team_id',
        'secret.recipient_id as secret_recipient_id',
        'secret.invitation_id as secret_invitation_id',
        'secret.classification as secret_classification',
        'secret.status as secret_status',
        'secret.created_at as secret_created_at',
        'secret.expires_at as secret_expires_at',
        'secret.sender_name as secret_sender_name',
        'secret.sender_email as secret_sender_email',
        'secret.team_name as secret_team_name',
        'secret.invitation_label as secret_invitation_label',
        'secret.verifier as secret_verifier',
        'secret.protocol_version as secret_protocol_version',
      ])
      .select((eb) =>
        eb
          .selectFrom('secret_recipients')
          .select('secret_recipients.clearance')
          .whereRef('secret_recipients.secret_id', '=', 'secret.id')
          .whereRef('secret_recipients.account_id', '=', 'viewer.id')
          .as('recorded_clearance'),
      ),
);

type Row = Awaited<ReturnType<typeof preparedSessionAndSecret>>[number];

function secretOf(row: Row): StoredSecret | undefined {
  if (row.secret_id === null) return undefined;
  // Every column below is NOT NULL in its table, or nullable in both shapes; the LEFT JOIN made them
  // all nullable for the type checker, and a present id means the row was joined.
  return storedSecretOf({
    id: row.secret_id,
    sender_id: row.secret_sender_id,
    kind: row.secret_kind,
    recipient_email: row.secret_recipient_email,
    team_id: row.secret_team_id,
    recipient_id: row.secret_recipient_id,
    invitation_id: row.secret_invitation_id,
    classification: row.secret_classification,
    status: row.secret_status,
    created_at: row.secret_created_at,
    expires_at: row.secret_expires_at,
    sender_name: row.secret_sender_name,
    sender_email: row.secret_sender_email,
    team_name: row.secret_team_name,
    invitation_label: row.secret_invitation_label,
    verifier: row.secret_verifier,
    protocol_version: row.secret_protocol_version,
  } as Parameters<typeof storedSecretOf>[0]);
}

/**
 * The account of a live session and the secret `secretId` as that account would open it, in one
 * statement; undefined when the session is unknown or expired or its account disabled.
 */
export async function findSessionAccountAndSecret(
  store: Store,
  read: { idHash: string; now: number; secretId: string },
): Promise<{ account: Account; read: SecretForAccount } | undefined> {
  const [row] = await preparedSessionAndSecret(store, read);
  if (!row) return undefined;
  return {
    // The account's columns are those of the session lookup; the mapping reads only those.
    account: sessionAccountOf(row),
    read: {
      secret: secretOf(row),
      recordedClearance: row.recorded_clearance === null ? null : (row.recorded_clearance as Level),
    },
  };
}
