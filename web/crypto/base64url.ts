/** Unpadded base64url, the encoding of every binary value in links and API bodies. */
import { BASE64URL_ALPHABET } from '../../src/protocol/values.ts';

export function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Throws on anything that is not base64url, so a damaged link fails early and plainly. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  if (!BASE64URL_ALPHABET.test(text)) throw new Error('not base64url');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
