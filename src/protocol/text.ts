/** What a text field may not hold, and how text for people is cleaned. Browser-safe: no zod, no `node:`. */

/**
 * Characters that are never part of an address, an id or any other text field the protocol carries
 * (SPEC section 1: "control characters are never part of an address or any other text field"). Decided
 * by Unicode category rather than by a list, so no code point is forgotten:
 * - Cc: the C0 controls with NUL, DEL and the C1 controls. PostgreSQL cannot store NUL in text at all.
 * - Zl, Zp: U+2028 and U+2029 break lines as LF does, and no field of the protocol has lines.
 * - Cf: the invisible format characters. The bidi controls (U+202A-U+202E, U+2066-U+2069, the marks)
 *   reorder how a value reads, so `moc.elpmaxe` can show as `example.com`; zero-width characters, the
 *   soft hyphen and the BOM make two different values look the same. Both are how look-alike addresses
 *   are made, and an address or id never needs them.
 * - Cs: a lone surrogate is no character at all; UTF-8 cannot hold it, so a database would keep U+FFFD,
 *   a value other than the one that was checked.
 */
const CONTROL_CHARACTER = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

/**
 * Anything but printable ASCII (U+0020-U+007E). Every character of {@link CONTROL_CHARACTER} is one of
 * these, so text without any (ids, base64url ciphertexts, most addresses) needs no Unicode check: this
 * plain class scans a 1.4 KB ciphertext in half the time of the Unicode one (issue 22).
 */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/** Whether `text` holds a character no text field may hold (see {@link CONTROL_CHARACTER}). */
export function hasControlCharacter(text: string): boolean {
  return NOT_PRINTABLE_ASCII.test(text) && CONTROL_CHARACTER.test(text);
}

/**
 * Text that people read but nothing compares, such as a display name from the identity provider, made
 * safe to show: line breaks, other controls and lone surrogates become a space, and bidi controls go,
 * so the text cannot reorder what is shown around it. Other format characters stay: the zero-width
 * joiners belong to emoji and to Persian and Indic spelling, and a name is never matched on.
 * @example withoutControlCharacters('Ada\u202E\nLovelace') // 'Ada Lovelace'
 */
export function withoutControlCharacters(text: string): string {
  return text
    .replace(/[\p{Cc}\p{Cs}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\p{Bidi_Control}/gu, '')
    .trim();
}
