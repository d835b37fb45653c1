/**
 * Rules about e-mail domains: which are staff (SPEC section 1) and which read as another domain than
 * they are. Pure; domains come normalised (protocol `normaliseDomain`: lower-case ASCII, no trailing
 * dot), so a plain comparison is the SPEC's comparison.
 */
import { unicodeDomain } from '../protocol/email.ts';

/**
 * Whether `domain` is a staff domain or a subdomain of one (SPEC section 1). Whole labels only:
 * `notexample.com` is not under `example.com`.
 * @example isStaffDomain('mail.example.com', ['example.com']) // true
 */
export function isStaffDomain(domain: string, staffDomains: readonly string[]): boolean {
  return staffDomains.some((staff) => domain === staff || domain.endsWith(`.${staff}`));
}

/**
 * Scripts told apart. A letter of any other script counts as `Other`, so it mixes with all of these;
 * two different scripts that are both missing here are not told apart.
 */
const SCRIPTS = [
  'Latin Greek Cyrillic Armenian Georgian Cherokee Hebrew Arabic Syriac Thaana Nko Tifinagh Ethiopic',
  'Devanagari Bengali Gurmukhi Gujarati Oriya Tamil Telugu Kannada Malayalam Sinhala Thai Lao Tibetan',
  'Myanmar Khmer Mongolian Hangul Hiragana Katakana Bopomofo Han Yi Canadian_Aboriginal',
]
  .flatMap((line) => line.split(' '))
  .map((name) => ({ name, pattern: new RegExp(`\\p{Script=${name}}`, 'u') }));

/** Digits, hyphens, emoji and combining marks belong to no one script and mix with any. */
const ANY_SCRIPT = /[\p{Script=Common}\p{Script=Inherited}]/u;

/**
 * Mixes that a language writes in one word (Unicode TS 39, "highly restrictive"): Japanese, Chinese
 * with Bopomofo, Korean, each also with Latin.
 */
const ONE_WRITING_SYSTEM = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
];

function scriptsOf(label: string): Set<string> {
  const scripts = new Set<string>();
  for (const character of label) {
    if (ANY_SCRIPT.test(character)) continue;
    scripts.add(SCRIPTS.find(({ pattern }) => pattern.test(character))?.name ?? 'Other');
  }
  return scripts;
}

function isOneWritingSystem(scripts: Set<string>): boolean {
  return (
    scripts.size <= 1 || ONE_WRITING_SYSTEM.some((allowed) => [...scripts].every((s) => allowed.includes(s)))
  );
}

/**
 * Whether a label of `domain` mixes scripts, as look-alikes of a known domain do (`еxample.com` with a
 * Cyrillic е reads as `example.com`). Judged per label on the Unicode form, so the `xn--` spelling is
 * caught too; a domain whose labels do not decode is treated as mixing. Whole-script look-alikes (every
 * letter of a label Cyrillic) are not caught by this rule.
 * @example mixesScripts('xn--xample-2of.com') // true
 */
export function mixesScripts(domain: string): boolean {
  const unicode = unicodeDomain(domain);
  if (unicode === undefined) return true;
  return unicode.split('.').some((label) => !isOneWritingSystem(scriptsOf(label)));
}
