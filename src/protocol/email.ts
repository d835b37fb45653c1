/**
 * E-mail addresses as the SPEC compares them (section 1): trimmed, Unicode NFC, lower-cased, the domain
 * in its ASCII (IDNA) form without a trailing dot; nothing else rewritten (no plus-address or dot
 * stripping in the local part). No control character is ever part of one.
 *
 * Browser-safe (no zod, no `node:`): the browser binds the address into the ciphertext (X1) and the
 * server stores it, so both must normalise alike. The IDNA conversion is the WHATWG URL parser's host
 * parsing (UTS 46), which browsers and Node share and which is what `node:url`'s `domainToASCII` does
 * (a unit test holds the two together).
 */
import { hasControlCharacter } from './text.ts';

/** RFC 5321: a local part holds at most 64 octets, a domain at most 253 characters without the dot. */
const MAX_LOCAL_CHARACTERS = 64;
const MAX_DOMAIN_CHARACTERS = 253;

/** A local part: anything but whitespace, `@` and quotes (quoted local parts are not supported). */
const LOCAL_PART = /^[^\s@"]+$/u;
/** One label of a host name: letters, digits, inner hyphens, 1-63 characters. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** The last label starts with a letter: a number there would make the URL parser read an IPv4 address. */
const TOP_LABEL = /^[a-z]/;
/**
 * Characters the URL parser would read as the end of the host, as a port or credentials, or would
 * percent-decode: refused, so that only the domain itself is ever converted.
 */
const NOT_IN_DOMAIN = /[\s/\\?#@:%[\]]/u;
const ACE_PREFIX = 'xn--';

/**
 * The normal form of an e-mail domain: lower case, IDNA to ASCII (`Bücher.DE` -> `xn--bcher-kva.de`),
 * without a trailing dot; undefined when it is not a host name of at least two labels.
 * @example normaliseDomain('Example.COM.') // 'example.com'
 */
export function normaliseDomain(domain: string): string | undefined {
  const known = normalisedDomains.get(domain);
  if (known !== undefined) return known === NOT_A_DOMAIN ? undefined : known;
  const normalised = normaliseDomainNow(domain);
  if (normalisedDomains.size >= NORMALISED_DOMAINS_MAX) normalisedDomains.clear();
  normalisedDomains.set(domain, normalised ?? NOT_A_DOMAIN);
  return normalised;
}

/**
 * Domains already normalised, as given: a create names a recipient, and the few domains of a company's
 * customers come again and again, while the conversion (the URL parser, NFC, the label checks) cost
 * several µs per address (issue 22). A pure function's results, so the cache changes no answer; it is
 * emptied when full, so no number of distinct domains grows it beyond its bound.
 */
const normalisedDomains = new Map<string, string>();
const NORMALISED_DOMAINS_MAX = 1_000;
/** Cached for a domain that is none (an empty string never is one). */
const NOT_A_DOMAIN = '';

function normaliseDomainNow(domain: string): string | undefined {
  if (hasControlCharacter(domain) || NOT_IN_DOMAIN.test(domain)) return undefined;
  const ascii = toAscii(domain.normalize('NFC').toLowerCase());
  if (ascii === undefined) return undefined;
  const withoutDot = ascii.endsWith('.') ? ascii.slice(0, -1) : ascii;
  return isHostName(withoutDot) ? withoutDot : undefined;
}

/**
 * The normal form of an e-mail address, or undefined when it is not one (a control character, no `@`,
 * an empty or overlong local part, a domain that is not a host name).
 * @example parseEmail(' Ada.Admin@Example.COM. ') // 'ada.admin@example.com'
 */
export function parseEmail(raw: string): string | undefined {
  if (hasControlCharacter(raw)) return undefined;
  const email = raw.trim().normalize('NFC');
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at).toLowerCase();
  if (at < 0 || !LOCAL_PART.test(local) || local.length > MAX_LOCAL_CHARACTERS) return undefined;
  const domain = normaliseDomain(email.slice(at + 1));
  return domain === undefined ? undefined : `${local}@${domain}`;
}

/**
 * E-mail as the SPEC compares it, as far as it can be normalised: what {@link parseEmail} gives, else
 * the input trimmed, NFC and lower-cased (which the server's schema then refuses as no address).
 */
export function normaliseEmail(email: string): string {
  return parseEmail(email) ?? email.trim().normalize('NFC').toLowerCase();
}

/** The domain part of a normalised e-mail address. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

/**
 * A normalised domain as people read it: each `xn--` label decoded to Unicode
 * (`xn--xample-2of.com` -> `еxample.com`, with a Cyrillic е); undefined if a label does not decode.
 */
export function unicodeDomain(domain: string): string | undefined {
  const labels = domain
    .split('.')
    .map((label) => (label.startsWith(ACE_PREFIX) ? decodePunycode(label.slice(ACE_PREFIX.length)) : label));
  return labels.every((label) => label !== undefined) ? labels.join('.') : undefined;
}

/** IDNA ToASCII as browsers and Node's `domainToASCII` do it; undefined when the URL parser refuses. */
function toAscii(domain: string): string | undefined {
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return undefined;
  }
}

function isHostName(domain: string): boolean {
  if (domain.length > MAX_DOMAIN_CHARACTERS) return false;
  const labels = domain.split('.');
  return (
    labels.length >= 2 &&
    TOP_LABEL.test(labels.at(-1) ?? '') &&
    labels.every((label) => LABEL.test(label) && isValidHyphenation(label))
  );
}

/**
 * IDNA 2008 reserves labels with `--` in the third and fourth place for encodings; the only one in use
 * is `xn--`, and such a label must be the exact encoding of a Unicode label (the URL parser does not
 * check that `xn--` labels decode).
 */
function isValidHyphenation(label: string): boolean {
  if (label.slice(2, 4) !== '--') return true;
  if (!label.startsWith(ACE_PREFIX)) return false;
  const unicode = decodePunycode(label.slice(ACE_PREFIX.length));
  return unicode !== undefined && /[^\0-\x7f]/u.test(unicode) && toAscii(unicode) === label;
}

// Punycode (RFC 3492) parameters.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 0x80;
const MAX_CODE_POINT = 0x10ffff;

function adaptBias(delta: number, points: number, first: boolean): number {
  let scaled = first ? Math.floor(delta / DAMP) : Math.floor(delta / 2);
  scaled += Math.floor(scaled / points);
  let k = 0;
  while (scaled > ((BASE - T_MIN) * T_MAX) / 2) {
    scaled = Math.floor(scaled / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * scaled) / (scaled + SKEW));
}

/** The value of a Punycode digit (`a`-`z` 0-25, `0`-`9` 26-35), or -1. */
function digitValue(code: number): number {
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 26;
  return -1;
}

/** RFC 3492 decoding of one lower-case label without its `xn--`; undefined when it is not Punycode. */
function decodePunycode(input: string): string | undefined {
  const delimiter = input.lastIndexOf('-');
  const output = [...input.slice(0, Math.max(delimiter, 0))].map((character) => character.charCodeAt(0));
  if (output.some((code) => code >= INITIAL_N)) return undefined;
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let position = delimiter > 0 ? delimiter + 1 : 0; position < input.length; ) {
    const previous = i;
    let weight = 1;
    for (let k = BASE; ; k += BASE) {
      const digit = digitValue(input.charCodeAt(position++));
      if (digit < 0) return undefined;
      i += digit * weight;
      const threshold = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < threshold) break;
      weight *= BASE - threshold;
      if (i > MAX_CODE_POINT * (output.length + 1) || position >= input.length) return undefined;
    }
    bias = adaptBias(i - previous, output.length + 1, previous === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > MAX_CODE_POINT || (n >= 0xd800 && n <= 0xdfff)) return undefined;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}
