/**
 * Plain values and helpers of the protocol, free of schema code, so the browser bundle can use them
 * without pulling in zod (the schemas in `secrets.ts` build on these).
 */

/** Length in characters of `bytes` bytes as unpadded base64url. */
export const base64urlLength = (bytes: number): number => Math.ceil((bytes * 4) / 3);

/** Shortest expiry a sender may choose (O3); the longest is the installation's EXPIRY_MAX_SECONDS. */
export const MIN_EXPIRY_SECONDS = 60;

/** C1: 1 Internal, 2 Confidential, 3 Secret. */
export const LEVELS = [1, 2, 3] as const;
export type Level = (typeof LEVELS)[number];

/** E-mail addresses as the SPEC compares them; exported here too, where browser code has always found them. */
export { emailDomain, normaliseEmail } from './email.ts';
