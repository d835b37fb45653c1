/**
 * The burn (O2, O3): hands out a secret's content and deletes it in one step. The claim is one DELETE
 * that matches id, proof hash and not-expired together, RETURNING the content: whoever deletes the row
 * gets the content; a wrong proof, a second open, a revoked or an expired secret delete nothing. Then
 * the metadata is marked opened and the `secret.opened` audit row written, in the same transaction.
 * PostgreSQL runs all three as one statement; SQLite as three in one transaction. Both versions are
 * below, side by side.
 */
import { type Kysely, sql } from 'kysely';
import { type AuditValues, auditInsertFromQuery, auditRow, preparedAuditInsert } from '../audit.ts';
import type { Store } from '../connection.ts';
import { preparedQuery } from '../prepared.ts';
import { inTransaction } from '../query-target.ts';
import type { Database } from '../schema.ts';

export interface BurnRequest {
  readonly id: string;
  /** SHA-256 of the presented proof; must equal the stored verifier. */
  readonly verifier: Uint8Array;
  readonly openerId: string;
  /** The sender, the owner of the `secret.opened` row (C5: they see their secret's history). */
  readonly senderId: string;
  /** For the audit row. */
  readonly classification: number;
  readonly now: number;
}

export interface SecretContent {
  readonly ciphertext: Uint8Array;
  readonly iv: Uint8Array;
}

type BurnRow = BurnRequest & AuditValues;

/** The claim at the heart of O2: one DELETE keyed by id, proof hash and not-expired, RETURNING the content. */
export function claimContentQuery(db: Kysely<Database>, claim: Pick<BurnRequest, 'id' | 'verifier' | 'now'>) {
  return db
    .deleteFrom('secret_contents')
    .where('secret_id', '=', claim.id)
    .where('verifier', '=', claim.verifier)
    .where('expires_at', '>', claim.now)
    .returning(['ciphertext', 'iv']);
}

/** Marks the metadata opened; the caller adds which row (by id, or the one the claim deleted). */
function markOpenedQuery(db: Kysely<Database>, burn: BurnRequest) {
  return db.updateTable('secrets').set({ status: 'opened', opened_at: burn.now, opened_by: burn.openerId });
}

/**
 * PostgreSQL: claim, metadata update and audit row as one statement, hence one transaction and one
 * round trip. The UPDATE and the INSERT read the claim's RETURNING, so they happen exactly when the
 * DELETE deleted the row; a concurrent open blocks on the row lock and then deletes nothing.
 */
const preparedBurnOnPostgres = preparedQuery(
  (db, burn: BurnRow) => sql<SecretContent>`WITH
    claimed AS (${claimContentQuery(db, burn).returning('secret_id')}),
    opened AS (${markOpenedQuery(db, burn).where(sql<boolean>`id IN (SELECT secret_id FROM claimed)`)}),
    audited AS (${auditInsertFromQuery(burn, 'claimed')})
    SELECT ciphertext, iv FROM claimed`,
);

/** SQLite: the same three steps in one transaction; the metadata and audit row only after a claim. */
const preparedClaim = preparedQuery(claimContentQuery);
const preparedMarkOpened = preparedQuery((db, burn: BurnRequest) =>
  markOpenedQuery(db, burn).where('id', '=', burn.id),
);

async function burnOnSqlite(
  store: Store,
  burn: BurnRequest,
  audit: AuditValues,
): Promise<SecretContent | null> {
  return inTransaction(store, async (transaction) => {
    const [content] = await preparedClaim(transaction, burn);
    if (!content) return null;
    await preparedMarkOpened(transaction, burn);
    await preparedAuditInsert(transaction, audit);
    return content;
  });
}

/**
 * O2: hands out the content and deletes it in one step; null when the claim deleted nothing (wrong
 * proof, already opened or revoked, expired). Of two concurrent burns exactly one gets the content.
 */
export async function burnSecret(store: Store, burn: BurnRequest): Promise<SecretContent | null> {
  const audit = auditRow({
    action: 'secret.opened',
    actorId: burn.openerId,
    ownerId: burn.senderId,
    targetId: burn.id,
    classification: burn.classification,
    outcome: 'ok',
    at: burn.now,
  });
  if (store.dialect === 'postgres') {
    const [content] = await preparedBurnOnPostgres(store, { ...audit, ...burn });
    return content ?? null;
  }
  return burnOnSqlite(store, burn, audit);
}
