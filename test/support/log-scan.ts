/**
 * X3 over the whole test run: no log line any test app wrote holds a value shaped like what must never be
 * logged. Every test app logs to a file in the run's own folder (test/support/app.ts); the global
 * set-up's teardown scans them all once every test file has run, so a leak in any test fails the run.
 *
 * What is looked for: 32 random bytes in base64url (a link key, a proof, a verifier, an invitation secret,
 * an invitation public key, HPKE's `enc`) or a longer such run (a ciphertext): 43 or more base64url
 * characters mixing upper case, lower case and digits, standing alone. Hex digests (lower case only),
 * UUIDs (36 characters) and words do not have that shape. The provider's `subject` of an account is
 * logged on purpose (R4: an administrator must be able to tell whose sign-in failed) and may have it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SECRET_SHAPED =
  /(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{43,}(?![A-Za-z0-9_-])/;

/** Fields whose values are identifiers meant for the log, not secrets. */
const LOGGED_ON_PURPOSE: ReadonlySet<string> = new Set(['subject']);

/** Secret-shaped strings in one parsed log line, with the path of the field that held each. */
function findIn(value: unknown, path: string, found: string[]): void {
  if (typeof value === 'string') {
    if (SECRET_SHAPED.test(value)) found.push(path);
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) findIn(item, `${path}[${index}]`, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!LOGGED_ON_PURPOSE.has(key)) findIn(item, path ? `${path}.${key}` : key, found);
    }
  }
}

/** Every line of every log file under `folder` that holds a secret-shaped value, as `file:line field`. */
export function secretShapedLogLines(folder: string): string[] {
  const findings: string[] = [];
  for (const file of readdirSync(folder)) {
    const lines = readFileSync(join(folder, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = line; // not JSON: scanned as a whole
      }
      const found: string[] = [];
      findIn(parsed, '', found);
      for (const field of found) findings.push(`${file}:${index + 1} ${field || '(line)'}`);
    });
  }
  return findings;
}
