/**
 * The invitations' private keys, kept in this browser's IndexedDB and nowhere else (X2). IndexedDB stores
 * a `CryptoKeyPair` by structured clone, so the private key stays non-extractable: not even this app can
 * read its bytes, let alone send them. One record per invitation, deleted once its submission is read or
 * the invitation is revoked. Another browser, or this one after its site data is cleared, holds nothing.
 */
import type { SubmissionFacts } from '../../src/protocol/invitation-crypto.ts';

const DATABASE = 'safe-share';
const DATABASE_VERSION = 1;
const STORE = 'invitation-keys';

/** What this browser keeps for one invitation: its key pair and the facts the submission binds. */
export interface InvitationKeyRecord extends SubmissionFacts {
  readonly keyPair: CryptoKeyPair;
  readonly createdAt: number;
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, DATABASE_VERSION);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) {
        request.result.createObjectStore(STORE, { keyPath: 'invitationId' });
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

/** Runs one request in its own transaction and resolves when the transaction is durable. */
async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const database = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    database.close();
  }
}

export async function saveInvitationKey(record: InvitationKeyRecord): Promise<void> {
  await run('readwrite', (store) => store.put(record));
}

/** The record for `invitationId`, or undefined when this browser does not hold it. */
export async function loadInvitationKey(invitationId: string): Promise<InvitationKeyRecord | undefined> {
  try {
    return (
      ((await run('readonly', (store) => store.get(invitationId))) as InvitationKeyRecord | undefined) ??
      undefined
    );
  } catch {
    // Storage switched off or unreadable: this browser holds no key it can use.
    return undefined;
  }
}

/** Forgets an invitation's key (its submission was read, or it was revoked). Never fails. */
export async function deleteInvitationKey(invitationId: string): Promise<void> {
  try {
    await run('readwrite', (store) => store.delete(invitationId));
  } catch {
    // Nothing to do: a key that cannot be deleted cannot be read either.
  }
}
