/** X3: ids are 128 random bits, base64url; drawing them from a pooled block never repeats bytes. */
import { describe, expect, it } from 'vitest';
import { newId, sha256, sha256Hex } from '../../../src/store/ids.ts';

describe('newId', () => {
  it('X3: 22 base64url characters (128 bits), all distinct across several refills of the pool', () => {
    const ids = Array.from({ length: 5_000 }, () => newId());
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('X3: successive ids share no bytes at the same positions beyond chance', () => {
    // A pool slice taken twice would make neighbours equal; chance of a match per byte is 1/256.
    const ids = Array.from({ length: 600 }, () => Buffer.from(newId(), 'base64url'));
    let equalBytes = 0;
    for (let i = 1; i < ids.length; i++) {
      const [a, b] = [ids[i - 1] as Buffer, ids[i] as Buffer];
      for (let j = 0; j < a.length; j++) if (a[j] === b[j]) equalBytes++;
    }
    // Expected 599 * 16 / 256 ≈ 37; a repeated slice would add 16 per repeat.
    expect(equalBytes).toBeLessThan(100);
  });
});

describe('sha256Hex and sha256 (FIPS 180-2 test vectors)', () => {
  const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
  it('hashes text as UTF-8 and bytes as they are', () => {
    expect(sha256Hex('abc')).toBe(abc);
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(abc);
    expect(sha256(new TextEncoder().encode('abc')).toString('hex')).toBe(abc);
    expect(sha256Hex('é')).toBe(sha256Hex(new Uint8Array([0xc3, 0xa9])));
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
