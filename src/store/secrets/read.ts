/**
 * Reading secrets: one secret's metadata with its stored proof hash (for the open, peek and revoke
 * decisions), and the personal lists of O6. Nothing here reads content.
 */
import type { Kysely } from 'kysely';
import type { Account } from '../../domain/accounts.ts';
import { effectiveStatus } from '../../domain/expiry.ts';
import type { SecretFacts } from '../../domain/opening.ts';
import { isProtocolVersion, type ProtocolVersion } from '../../protocol/crypto.ts';
import type {
  InvitationRef,
  Level,
  PersonView,
  RecipientView,
  SecretStatus,
  SecretSummary,
} from '../../protocol/secrets.ts';
import { preparedQuery } from '../prepared.ts';
import { databaseOf, type QueryTarget } from '../query-target.ts';
import type { Database } from '../schema.ts';

/** A secret as the open, peek and revoke decisions see it. */
export interface StoredSecret {
  readonly id: string;
  /** The crypto protocol version it was sealed with. */
  readonly version: ProtocolVersion;
  readonly senderId: string;
  readonly facts: SecretFacts;
  readonly status: SecretStatus;
  readonly expiresAt: number;
  readonly createdAt: number;
  /** SHA-256 of the possession proof; null once the content is gone. */
  readonly verifier: Uint8Array | null;
  readonly sender: PersonView;
  readonly recipient: RecipientView;
  /** Guest submissions only: the invitation it came through (S4). */
  readonly invitation?: InvitationRef;
}

/**
 * A secret's metadata with its sender and team names, and for a guest's submission the invitation's
 * label: the base of every read below.
 */
function secretsWithNamesQuery(db: Kysely<Database>) {
  return db
    .selectFrom('secrets as s')
    .innerJoin('accounts as sender', 'sender.id', 's.sender_id')
    .leftJoin('teams as t', 't.id', 's.team_id')
    .leftJoin('invitations as i', 'i.id', 's.invitation_id')
    .select([
      's.id',
      's.sender_id',
      's.kind',
      's.recipient_email',
      's.team_id',
      's.recipient_id',
      's.invitation_id',
      's.classification',
      's.status',
      's.created_at',
      's.expires_at',
      'sender.name as sender_name',
      'sender.email as sender_email',
      't.name as team_name',
      'i.label as invitation_label',
    ]);
}

type NamedRow = {
  kind: SecretFacts['kind'];
  recipient_email: string | null;
  team_id: string | null;
  team_name: string | null;
  sender_name: string;
  sender_email: string;
  invitation_id: string | null;
  invitation_label: string | null;
};

/**
 * The recipient as the API shows it: an address, a team with its name, or for a guest's submission the
 * inviting staff member. A guest has no account, so a submission's sender_id is its inviter too (the
 * account that opened the channel, decision 0013): the inviter's name comes from the sender's row.
 */
function recipientOf(row: NamedRow): RecipientView {
  if (row.kind === 'submission') return { kind: 'inviter', email: row.sender_email, name: row.sender_name };
  return row.kind === 'team'
    ? { kind: 'team', team: row.team_id ?? '', teamName: row.team_name ?? '' }
    : { kind: 'customer', email: row.recipient_email ?? '' };
}

/** The invitation a submission came through, for the API; nothing for other kinds. */
function invitationOf(row: NamedRow): { invitation?: InvitationRef } {
  if (row.kind !== 'submission' || row.invitation_id === null) return {};
  return { invitation: { id: row.invitation_id, label: row.invitation_label ?? '' } };
}

/** One secret's metadata and stored proof hash by id; the base of the open, peek and revoke reads. */
export function secretByIdQuery(db: Kysely<Database>, secret: { id: string }) {
  return secretsWithNamesQuery(db)
    .leftJoin('secret_contents as c', 'c.secret_id', 's.id')
    .select(['c.verifier', 's.protocol_version'])
    .where('s.id', '=', secret.id);
}

type SecretByIdRow = Awaited<ReturnType<ReturnType<typeof secretByIdQuery>['execute']>>[number];

/** A row of {@link secretByIdQuery} as the decisions see it. */
export function storedSecretOf(row: SecretByIdRow): StoredSecret {
  if (!isProtocolVersion(row.protocol_version))
    throw new Error('stored secret has an unknown protocol version');
  return {
    id: row.id,
    version: row.protocol_version,
    senderId: row.sender_id,
    facts: {
      kind: row.kind,
      recipientEmail: row.recipient_email,
      teamId: row.team_id,
      recipientId: row.recipient_id,
      classification: row.classification as Level,
    },
    status: row.status,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    verifier: row.verifier,
    sender: { name: row.sender_name, email: row.sender_email },
    recipient: recipientOf(row),
    ...invitationOf(row),
  };
}

const preparedFindSecret = preparedQuery(secretByIdQuery);

/** Metadata and the stored proof hash of one secret, or undefined. Reads no content. */
export async function findSecret(target: QueryTarget, id: string): Promise<StoredSecret | undefined> {
  const [row] = await preparedFindSecret(target, { id });
  return row ? storedSecretOf(row) : undefined;
}

/** Most recent first; a page is enough for a personal list. */
const LIST_LIMIT = 200;

function summariesQuery(db: Kysely<Database>) {
  return secretsWithNamesQuery(db)
    .leftJoin('accounts as opener', 'opener.id', 's.opened_by')
    .select(['s.opened_at', 's.revoked_at', 'opener.name as opener_name', 'opener.email as opener_email'])
    .orderBy('s.created_at', 'desc')
    .limit(LIST_LIMIT);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summariesQuery>['execute']>>[number];

function toSummary(row: SummaryRow, now: number): SecretSummary {
  return {
    id: row.id,
    status: effectiveStatus(row.status, row.expires_at, now),
    recipient: recipientOf(row),
    classification: row.classification as Level,
    sender: { name: row.sender_name, email: row.sender_email },
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    openedAt: row.opened_at,
    openedBy:
      row.opener_name !== null && row.opener_email !== null
        ? { name: row.opener_name, email: row.opener_email }
        : null,
    revokedAt: row.revoked_at,
    ...invitationOf(row),
  };
}

/**
 * O6: what `senderId` sent, with status and, for team shares, which member opened it. A guest's
 * submission is listed as received by its inviter, never as sent.
 */
export async function listSentSecrets(
  target: QueryTarget,
  senderId: string,
  now: number,
): Promise<SecretSummary[]> {
  const rows = await summariesQuery(databaseOf(target))
    .where('s.sender_id', '=', senderId)
    .where('s.kind', '!=', 'submission')
    .execute();
  return rows.map((row) => toSummary(row, now));
}

/**
 * What was addressed to this account: direct shares by its e-mail; for staff, team shares to its teams
 * and the submissions of guests it invited (S4).
 */
export async function listReceivedSecrets(
  target: QueryTarget,
  recipient: Pick<Account, 'id' | 'email' | 'role' | 'teamIds'>,
  now: number,
): Promise<SecretSummary[]> {
  let query = summariesQuery(databaseOf(target));
  if (recipient.role === 'customer') {
    query = query.where('s.kind', '=', 'direct').where('s.recipient_email', '=', recipient.email);
  } else {
    const teamIds = [...recipient.teamIds];
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('s.kind', '=', 'submission'), eb('s.recipient_id', '=', recipient.id)]),
        ...(teamIds.length > 0 ? [eb.and([eb('s.kind', '=', 'team'), eb('s.team_id', 'in', teamIds)])] : []),
      ]),
    );
  }
  const rows = await query.execute();
  return rows.map((row) => toSummary(row, now));
}
