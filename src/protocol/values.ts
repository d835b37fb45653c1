/**
 * Plain values and helpers of the protocol, free of schema code, so the browser bundle can use them
 * without pulling in zod (the schemas in `secrets.ts` build on these).
 */

/** Length in characters of `bytes` bytes as unpadded base64url. */
export const base64urlLength = (bytes: number): number => Math.ceil((bytes * 4) / 3);

const BASE64URL_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Unpadded base64url's alphabet, the one definition browser and server test against. */
export const BASE64URL_ALPHABET = /^[A-Za-z0-9_-]*$/;

/**
 * Whether `text` is unpadded base64url in its one canonical spelling: only the alphabet, a length that
 * a spelling can have (never 1 more than a multiple of 4), and zeros in the low bits of the last digit,
 * which hold no data. Lenient decoders (Node's `Buffer`, `atob`) ignore those bits, so up to 16
 * spellings decode to the same bytes; comparing bytes would then accept a value that was never sent as
 * such, a possession proof among them. Equivalent to re-encoding the decoded bytes and comparing.
 * @example isCanonicalBase64url('AA') // true; 'AB' decodes to the same byte but is not canonical
 */
export function isCanonicalBase64url(text: string): boolean {
  if (!BASE64URL_ALPHABET.test(text) || text.length % 4 === 1) return false;
  const unusedBits = [0, 0, 4, 2][text.length % 4] ?? 0;
  const last = BASE64URL_DIGITS.indexOf(text.at(-1) ?? 'A');
  return (last & ((1 << unusedBits) - 1)) === 0;
}

/** Shortest expiry a sender may choose (O3); the longest is the installation's EXPIRY_MAX_SECONDS. */
export const MIN_EXPIRY_SECONDS = 60;

/** How many members one page of member management holds (C2; `members.ts`). */
export const MEMBERS_PAGE_SIZE = 50;

/** Every action the audit trail records (X6; `audit.ts`). */
export const AUDIT_ACTIONS = [
  'secret.created',
  'secret.opened',
  'secret.refused',
  'secret.expired',
  'secret.revoked',
  'share.refused',
  'invitation.created',
  'invitation.used',
  'invitation.revoked',
  'invitation.refused',
  'settings.changed',
  'member.clearance_changed',
  'member.disabled',
  'member.enabled',
  'member.team_added',
  'member.team_removed',
] as const;
export type AuditActionName = (typeof AUDIT_ACTIONS)[number];

/** C1: 1 Internal, 2 Confidential, 3 Secret. */
export const LEVELS = [1, 2, 3] as const;
export type Level = (typeof LEVELS)[number];

/** E-mail addresses as the SPEC compares them; exported here too, where browser code has always found them. */
export { emailDomain, normaliseEmail } from './email.ts';
