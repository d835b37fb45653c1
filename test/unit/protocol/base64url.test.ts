/**
 * Issue 14: every base64url field is read strictly. Only the canonical spelling counts (Node's Buffer
 * and atob ignore the unused low bits of the last digit, so several spellings decode to the same
 * bytes), with exact lengths for ids, ivs, proofs and verifiers and a range for ciphertext.
 */
import { describe, expect, it } from 'vitest';
import {
  ID_BYTES,
  IV_BYTES,
  MAX_CIPHERTEXT_BYTES,
  PROOF_BYTES,
  VERIFIER_BYTES,
} from '../../../src/protocol/crypto.ts';
import {
  base64urlOf,
  createSecretRequest,
  openSecretRequest,
  secretIdSchema,
} from '../../../src/protocol/secrets.ts';
import { base64urlLength, isCanonicalBase64url } from '../../../src/protocol/values.ts';

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The canonical re-encoding test: decode leniently, encode, compare. */
const reencodes = (text: string) => Buffer.from(text, 'base64url').toString('base64url') === text;

/** The same bytes spelled with the lowest unused bit of the last digit set. */
const respelled = (canonical: string) =>
  `${canonical.slice(0, -1)}${DIGITS[DIGITS.indexOf(canonical.at(-1) ?? 'A') ^ 1]}`;

const canonical = (bytes: number, fill = 0xa5) => Buffer.alloc(bytes, fill).toString('base64url');

describe('isCanonicalBase64url', () => {
  it('agrees with re-encoding for every spelling of one to three digits', () => {
    const disagreements: string[] = [];
    for (const a of DIGITS) {
      if (isCanonicalBase64url(a) !== false) disagreements.push(a);
      for (const b of DIGITS) {
        if (isCanonicalBase64url(a + b) !== reencodes(a + b)) disagreements.push(a + b);
        for (const c of DIGITS) {
          if (isCanonicalBase64url(a + b + c) !== reencodes(a + b + c)) disagreements.push(a + b + c);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it.each([
    ['one byte, 4 unused bits', 'AA', ['AB', 'AC', 'AF', 'AO', 'AP']],
    ['two bytes, 2 unused bits', 'AAA', ['AAB', 'AAC', 'AAD']],
    ['a 16-byte id', canonical(ID_BYTES), [respelled(canonical(ID_BYTES))]],
    ['a 32-byte proof', canonical(PROOF_BYTES), [respelled(canonical(PROOF_BYTES))]],
  ])('%s: %s is canonical, its other spellings are not', (_what, spelling, others) => {
    expect(isCanonicalBase64url(spelling)).toBe(true);
    for (const other of others) {
      expect(Buffer.from(other, 'base64url')).toEqual(Buffer.from(spelling, 'base64url'));
      expect(isCanonicalBase64url(other), other).toBe(false);
    }
  });

  it.each([
    ['padding', 'AA=='],
    ['standard base64 digits', 'a+b/'],
    ['a length of 4n+1', 'AAAAA'],
    ['whitespace', 'AA AA'],
  ])('%s is refused', (_what, text) => {
    expect(isCanonicalBase64url(text)).toBe(false);
  });
});

describe('schemas: exact lengths and canonical spellings', () => {
  it.each([
    ['id', ID_BYTES],
    ['iv', IV_BYTES],
    ['verifier', VERIFIER_BYTES],
    ['proof', PROOF_BYTES],
  ])('%s: exactly %i bytes', (_field, bytes) => {
    const schema = base64urlOf(bytes);
    expect(schema.safeParse(canonical(bytes)).success).toBe(true);
    expect(schema.safeParse(canonical(bytes - 1)).success).toBe(false);
    expect(schema.safeParse(canonical(bytes + 1)).success).toBe(false);
    expect(schema.safeParse(`${canonical(bytes)}A`).success).toBe(false);
    if (base64urlLength(bytes) % 4 !== 0)
      expect(schema.safeParse(respelled(canonical(bytes))).success).toBe(false);
  });

  it('secret ids: another spelling of an id is no id', () => {
    expect(secretIdSchema.safeParse(respelled(canonical(ID_BYTES))).success).toBe(false);
  });

  const request = (fields: Record<string, string>) => ({
    version: 2,
    recipient: { kind: 'customer', email: 'carla@acme.test' },
    ciphertext: canonical(40),
    iv: canonical(IV_BYTES),
    verifier: canonical(VERIFIER_BYTES),
    ...fields,
  });
  const problemsOf = (fields: Record<string, string>) =>
    createSecretRequest
      .safeParse(request(fields))
      .error?.issues.map((issue) => [issue.path.join('.'), issue.code]);

  it.each([
    ['a verifier respelled', { verifier: respelled(canonical(VERIFIER_BYTES)) }, 'verifier'],
    ['a ciphertext respelled', { ciphertext: respelled(canonical(40)) }, 'ciphertext'],
    ['a ciphertext shorter than the GCM tag', { ciphertext: canonical(15) }, 'ciphertext'],
    ['a ciphertext over the maximum', { ciphertext: canonical(MAX_CIPHERTEXT_BYTES + 1) }, 'ciphertext'],
    ['a ciphertext of 4n+1 digits', { ciphertext: `${canonical(39)}A` }, 'ciphertext'],
    ['a padded ciphertext', { ciphertext: `${canonical(40)}==` }, 'ciphertext'],
  ])('create: %s is request.invalid at its field', (_what, fields, path) => {
    const problems = problemsOf(fields);
    expect(problems?.length).toBeGreaterThan(0);
    expect(problems?.every(([at, code]) => at === path && code !== 'custom')).toBe(true);
  });

  it('create: a ciphertext from the tag alone up to the maximum is accepted', () => {
    expect(problemsOf({ ciphertext: canonical(16) })).toBeUndefined();
    expect(problemsOf({ ciphertext: canonical(MAX_CIPHERTEXT_BYTES) })).toBeUndefined();
  });

  it('O5: a respelled proof is a wrong proof (answers secret.gone, not a bad request)', () => {
    const issues = openSecretRequest.safeParse({ proof: respelled(canonical(PROOF_BYTES)) }).error?.issues;
    expect(issues).toEqual([expect.objectContaining({ code: 'custom', params: { code: 'secret.gone' } })]);
  });

  it.each([
    ['too short', canonical(PROOF_BYTES - 1)],
    ['not base64url', `${canonical(PROOF_BYTES).slice(0, -1)}+`],
  ])('a proof %s is a bad request', (_what, proof) => {
    const issues = openSecretRequest.safeParse({ proof }).error?.issues ?? [];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.some((issue) => issue.code === 'custom')).toBe(false);
  });
});
