/** X3: ids are 128 random bits, base64url; drawing them from a pooled block never repeats bytes. */
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/store/ids.ts';

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
