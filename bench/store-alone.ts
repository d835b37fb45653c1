/**
 * Reference (b): what the database alone allows here. The same store functions, hence the same SQL,
 * that one create and one open-and-burn request issue (session lookup, then recipient facts and the
 * insert transaction; or the session lookup with the metadata read, then the burn), called from
 * this process straight against a bench database of the same dialect, 32 operations in flight.
 */
import { performance } from 'node:perf_hooks';
import type { Account } from '../src/domain/accounts.ts';
import type { CreateSecretRequest } from '../src/protocol/secrets.ts';
import { saveSignedInAccount } from '../src/store/accounts.ts';
import type { Store } from '../src/store/connection.ts';
import { newId, sha256 } from '../src/store/ids.ts';
import { findRecipientFacts } from '../src/store/recipients.ts';
import { burnSecret, findSessionAccountAndSecret, insertSecret } from '../src/store/secrets/index.ts';
import { findSessionAccount, insertSession } from '../src/store/sessions.ts';
import type { Figures, Meter } from './load.ts';
import { RECIPIENT, type Sealed } from './secrets.ts';

const HOUR_MS = 3600_000;

interface Actor {
  readonly sessionHash: string;
}

/** An account saved as a first sign-in saves it (level 1, in no team); returns its id. */
export async function addAccount(
  store: Store,
  key: string,
  email: string,
  role: 'staff' | 'customer',
): Promise<string> {
  const saved = await saveSignedInAccount(store, { issuer: 'bench', subject: key, now: Date.now() }, () => ({
    email,
    name: key,
    locale: 'en',
    role,
    isAdmin: false,
    clearance: 1,
    teamIds: [],
  }));
  if (saved.outcome !== 'signed_in') throw new Error('store-alone: account not saved');
  return saved.accountId;
}

/** An account with a live session, as a signed-in browser has one. */
async function addActor(store: Store, key: string, email: string, role: 'staff' | 'customer') {
  const now = Date.now();
  const accountId = await addAccount(store, key, email, role);
  const sessionHash = sha256(Buffer.from(newId())).toString('hex');
  await insertSession(store, { idHash: sessionHash, accountId, createdAt: now, expiresAt: now + HOUR_MS });
  return { sessionHash };
}

async function signedIn(store: Store, actor: Actor): Promise<Account> {
  const account = await findSessionAccount(store, actor.sessionHash, Date.now());
  if (!account) throw new Error('store-alone: session not found');
  return account;
}

function summarise(latencies: number[], elapsedMs: number): Figures {
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    rps: latencies.length / (elapsedMs / 1000),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    requests: latencies.length,
    failures: 0,
  };
}

/** Runs `op` with `concurrency` in flight, over `items` or until `seconds` have passed. */
async function drive<T>(
  concurrency: number,
  op: (item: T) => Promise<void>,
  until: { seconds: number } | { items: readonly T[] },
  meter?: Meter,
): Promise<Figures> {
  const latencies: number[] = [];
  const cpuMeter = meter?.();
  const start = performance.now();
  const end = 'seconds' in until ? start + until.seconds * 1000 : Number.POSITIVE_INFINITY;
  const items = 'items' in until ? until.items : undefined;
  let next = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const index = next++;
      if (items && index >= items.length) return;
      const began = performance.now();
      await op(items?.[index] as T);
      latencies.push(performance.now() - began);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = cpuMeter?.stop();
  return { ...summarise(latencies, performance.now() - start), ...(cpu ? { cpu } : {}) };
}

export interface StoreAloneOptions {
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  /** Sealed secrets: the first is the create body reused, all are stored and burned once each. */
  readonly sealed: readonly Sealed[];
  /** How many of `sealed` warm up the open before the measured opens. */
  readonly openWarmup: number;
  /** Meters the measured create and open phases. */
  readonly meter?: Meter;
  /** Which phases to measure; both when unset. */
  readonly phases?: ReadonlySet<'create' | 'open'>;
}

export async function measureStoreAlone(
  store: Store,
  options: StoreAloneOptions,
): Promise<{ create?: Figures; open?: Figures }> {
  const sender = await addActor(store, 'sven', 'sven.service@example.com', 'staff');
  const opener = await addActor(store, 'carla', 'carla@acme.test', 'customer');
  const toStore = (sealed: Sealed, id: string) => {
    const request = JSON.parse(sealed.body) as CreateSecretRequest;
    const now = Date.now();
    return {
      id,
      version: request.version,
      kind: 'direct' as const,
      recipientEmail: RECIPIENT.kind === 'customer' ? RECIPIENT.email : null,
      teamId: null,
      classification: 1 as const,
      createdAt: now,
      expiresAt: now + HOUR_MS,
      ciphertext: Buffer.from(request.ciphertext, 'base64url'),
      iv: Buffer.from(request.iv, 'base64url'),
      verifier: Buffer.from(request.verifier, 'base64url'),
    };
  };
  const create = async (sealed: Sealed) => {
    const account = await signedIn(store, sender);
    await findRecipientFacts(store, RECIPIENT);
    await insertSecret(store, { ...toStore(sealed, newId()), senderId: account.id });
  };
  const first = options.sealed[0];
  if (!first) throw new Error('store-alone: nothing sealed');
  const repeat = () => create(first);
  let createFigures: Figures | undefined;
  if (options.phases?.has('create') ?? true) {
    await drive(options.connections, repeat, { seconds: options.warmupSeconds });
    createFigures = await drive(options.connections, repeat, { seconds: options.seconds }, options.meter);
  }
  if (!(options.phases?.has('open') ?? true)) return { ...(createFigures ? { create: createFigures } : {}) };

  // Open-and-burn: store every sealed secret (not measured), then burn each once.
  const ids = options.sealed.map(() => newId());
  const senderAccount = await signedIn(store, sender);
  await drive(
    options.connections,
    (index: number) =>
      insertSecret(store, {
        ...toStore(options.sealed[index] as Sealed, ids[index] as string),
        senderId: senderAccount.id,
      }),
    { items: ids.map((_, index) => index) },
  );
  const open = async (index: number) => {
    const id = ids[index] as string;
    const request = JSON.parse((options.sealed[index] as Sealed).body) as { verifier: string };
    const now = Date.now();
    // As the open route reads them: the session with the secret, one statement (issue 22).
    const found = await findSessionAccountAndSecret(store, { idHash: opener.sessionHash, now, secretId: id });
    const account = found?.account;
    const secret = found?.read.secret;
    if (!account || !secret) throw new Error('store-alone: session or secret missing');
    const content = await burnSecret(store, {
      id,
      verifier: Buffer.from(request.verifier, 'base64url'),
      openerId: account.id,
      senderId: secret.senderId,
      classification: secret.facts.classification,
      now,
    });
    if (!content) throw new Error('store-alone: burn found nothing');
  };
  const indexes = ids.map((_, index) => index);
  await drive(options.connections, open, { items: indexes.slice(0, options.openWarmup) });
  const openFigures = await drive(
    options.connections,
    open,
    { items: indexes.slice(options.openWarmup) },
    options.meter,
  );
  return { ...(createFigures ? { create: createFigures } : {}), open: openFigures };
}
