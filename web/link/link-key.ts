/**
 * The link key lives in the address's fragment (X1) and nowhere else, apart from one short stay in
 * sessionStorage while the recipient signs in (O7): stored just before leaving for sign-in, put back in
 * the address bar and deleted on return. After the reveal the key leaves the address bar; the history
 * entry keeps only that the secret was opened here, when and from whom, so a reload or Back can say so.
 */
import { LINK_KEY_BYTES } from '../../src/protocol/crypto.ts';
import { BASE64URL_ALPHABET, base64urlLength } from '../../src/protocol/values.ts';

const storageKey = (id: string) => `safe-share:fragment:${id}`;
const secretPath = (id: string) => `/s/${encodeURIComponent(id)}`;

export function isLinkKey(value: string): boolean {
  return value.length === base64urlLength(LINK_KEY_BYTES) && BASE64URL_ALPHABET.test(value);
}

/**
 * The fragment of the current address, restored from sessionStorage first if a sign-in round trip
 * dropped it. Empty when there is none.
 */
export function takeLinkKey(id: string): string {
  const fragment = window.location.hash.slice(1);
  if (fragment) return fragment;
  let stored: string | null = null;
  try {
    stored = window.sessionStorage.getItem(storageKey(id));
    window.sessionStorage.removeItem(storageKey(id));
  } catch {
    // Storage can be switched off; then the link simply has no key.
  }
  if (!stored) return '';
  window.history.replaceState(window.history.state, '', `${secretPath(id)}#${stored}`);
  return stored;
}

/** Keeps the key for the sign-in round trip, which loses the fragment (O7). */
export function stashLinkKey(id: string, linkKey: string): void {
  try {
    window.sessionStorage.setItem(storageKey(id), linkKey);
  } catch {
    // Without storage the recipient comes back without the key and is told the link is incomplete.
  }
}

/** What a history entry remembers of a secret opened on it: never the key or the content. */
export interface OpenedHere {
  readonly id: string;
  readonly openedAt: number;
  readonly sender: { readonly name: string; readonly email: string } | null;
  readonly sentAt: number | null;
  /** Guest submissions (S4): the invitation's label, which names where it came from. */
  readonly label: string | null;
}

const OPENED_STATE = 'safeShareOpened';

/**
 * After the reveal the key has no further use: take it out of the address bar (and so the history).
 * With `opened`, the entry remembers that the secret was opened here (see {@link openedHere}).
 */
export function dropLinkKey(id: string, opened?: OpenedHere): void {
  const state = opened ? { [OPENED_STATE]: opened } : window.history.state;
  window.history.replaceState(state, '', secretPath(id));
}

/** Marks the current history entry as the place where secret `id` was opened, keeping its address. */
export function rememberOpened(opened: OpenedHere): void {
  window.history.replaceState({ [OPENED_STATE]: opened }, '', window.location.href);
}

/** The record of secret `id` opened on this history entry, which survives a reload and Back. */
export function openedHere(id: string): OpenedHere | undefined {
  const state: unknown = window.history.state;
  if (typeof state !== 'object' || state === null || !(OPENED_STATE in state)) return undefined;
  const opened = (state as Record<string, OpenedHere | undefined>)[OPENED_STATE];
  return opened?.id === id ? opened : undefined;
}
