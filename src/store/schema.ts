/**
 * Row types of every table, as Kysely sees them. Times are epoch milliseconds (bigint columns read as
 * numbers on both dialects), booleans are 0/1 integers, binary values are Uint8Array.
 */
import type { Generated } from 'kysely';
import type { Role } from '../domain/accounts.ts';
import type { SecretKind } from '../domain/opening.ts';
import type { InvitationStatus } from '../protocol/invitations.ts';
import type { SecretStatus } from '../protocol/secrets.ts';

/** The domain's role, secret kind and the protocol's secret and invitation status, stored as text. */
export type { InvitationStatus, Role, SecretKind, SecretStatus };
export type AccountStatus = 'active' | 'disabled';

export interface AccountsTable {
  id: string;
  issuer: string;
  subject: string;
  /** Normalised (see protocol `normaliseEmail`), only ever stored when the provider verified it. */
  email: string;
  name: string;
  locale: string;
  role: Role;
  is_admin: number;
  clearance: number;
  status: AccountStatus;
  created_at: number;
  last_login_at: number;
}

export interface TeamsTable {
  id: string;
  name: string;
  created_at: number;
}

export interface TeamMembersTable {
  team_id: string;
  account_id: string;
  /** 'claim': from the groups claim at sign-in; 'admin': set by an admin. */
  source: 'claim' | 'admin';
  created_at: number;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token, so a copy of the database cannot be replayed as sessions. */
  id_hash: string;
  account_id: string;
  created_at: number;
  expires_at: number;
}

export interface LoginFlowsTable {
  /** SHA-256 of the browser-bound flow cookie. */
  id_hash: string;
  state: string;
  code_verifier: string;
  nonce: string;
  return_to: string;
  expires_at: number;
  /** SHA-256 of the client's address (clientKey): each address keeps its newest flows only. */
  client_key: string | null;
}

/** Metadata of a secret; outlives its content for status and history (O6). */
export interface SecretsTable {
  id: string;
  sender_id: string;
  kind: SecretKind;
  recipient_email: string | null;
  team_id: string | null;
  invitation_id: string | null;
  classification: number;
  status: SecretStatus;
  created_at: number;
  expires_at: number;
  opened_at: number | null;
  opened_by: string | null;
  revoked_at: number | null;
  /** The crypto protocol version the browser sealed it with (1 or 2; 1 for rows older than 0002). */
  protocol_version: number;
  /** Guest submissions (S4): the inviting staff member, the one recipient. Null for other kinds. */
  recipient_id: string | null;
}

/** Content of a secret: deleted in the same statement that hands it out (O2). */
export interface SecretContentsTable {
  secret_id: string;
  ciphertext: Uint8Array;
  iv: Uint8Array;
  verifier: Uint8Array;
  expires_at: number;
}

/** A guest invitation (S4, S5, X2): single use, expiring; the secret only as a hash. */
export interface InvitationsTable {
  id: string;
  inviter_id: string;
  /** Raw X25519 public key; the private key stays in the creating browser. */
  public_key: Uint8Array;
  /** SHA-256 of the invitation secret from the link's fragment (X2). */
  secret_hash: Uint8Array;
  classification: number;
  status: InvitationStatus;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  /** The submission (a secret of kind 'submission') once the guest used the invitation. */
  secret_id: string | null;
  revoked_at: number | null;
  /** What the guest sees: the inviter's description of what to send. */
  label: string;
  /** The browser that made the key pair ("Chrome on Linux"), as it described itself. */
  browser: string;
  /** HPKE's encapsulated key of the submission; the recipient derives its proof from it (decision 0013). */
  enc: Uint8Array | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
  updated_by: string | null;
}

/** X6: metadata only. `target_hash` is a hash of the secret or invitation id, never the id itself. */
export interface AuditEventsTable {
  id: Generated<number>;
  at: number;
  actor_id: string | null;
  action: string;
  target_hash: string | null;
  classification: number | null;
  outcome: 'ok' | 'refused';
  reason: string | null;
  /** How many refusals this row stands for: a repeat adds to it (`at` the latest, `first_at` the first). */
  count: Generated<number>;
  first_at: number | null;
  /** The secret's sender or the invitation's inviter (C5: its creator sees its history). */
  owner_id: string | null;
  /** Whom an admin's change was about. */
  subject_id: string | null;
  /** JSON: what changed, before and after (settings, members). */
  detail: string | null;
}

/** C7: the eligible recipients of a team secret, recorded when it was shared, with their clearance then. */
export interface SecretRecipientsTable {
  secret_id: string;
  account_id: string;
  clearance: number;
}

export interface Database {
  accounts: AccountsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  sessions: SessionsTable;
  login_flows: LoginFlowsTable;
  secrets: SecretsTable;
  secret_contents: SecretContentsTable;
  invitations: InvitationsTable;
  settings: SettingsTable;
  audit_events: AuditEventsTable;
  secret_recipients: SecretRecipientsTable;
}
