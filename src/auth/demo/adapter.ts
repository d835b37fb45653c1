/**
 * In-memory storage for the demo provider's own state (interactions, its sessions, grants, codes,
 * tokens). One store per provider, so apps in one process never share it. The demo runs as one instance
 * and forgets its state on restart, which only means signing in again. Its expiry follows the provider's
 * own clock (real time), not the app's injected clock.
 */
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface Entry {
  readonly payload: AdapterPayload;
  readonly expiresAt: number;
}

/** Expired entries are dropped when read, and all of them every this many writes. */
const SWEEP_EVERY_WRITES = 200;

export function createDemoAdapterFactory(): AdapterFactory {
  const entries = new Map<string, Entry>();
  const sessionsByUid = new Map<string, string>();
  let writes = 0;

  const live = (key: string): AdapterPayload | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };
  const sweep = () => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    for (const [uid, key] of sessionsByUid) if (!entries.has(key)) sessionsByUid.delete(uid);
  };

  return (model: string): Adapter => {
    const keyOf = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
        entries.set(keyOf(id), { payload, expiresAt });
        if (model === 'Session' && payload.uid) sessionsByUid.set(payload.uid, keyOf(id));
        if (++writes % SWEEP_EVERY_WRITES === 0) sweep();
      },
      async find(id) {
        return live(keyOf(id));
      },
      async findByUid(uid) {
        const key = sessionsByUid.get(uid);
        return key ? live(key) : undefined;
      },
      async findByUserCode() {
        return undefined; // no device flow in the demo
      },
      async consume(id) {
        const payload = live(keyOf(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        entries.delete(keyOf(id));
      },
      async revokeByGrantId(grantId) {
        for (const [key, entry] of entries) if (entry.payload.grantId === grantId) entries.delete(key);
      },
    };
  };
}
