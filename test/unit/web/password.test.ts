/** The create form's password generator (issue 19): length, alphabet, every chosen class, no modulo bias. */
import { describe, expect, it } from 'vitest';
import {
  CHARACTER_CLASSES,
  type CharacterClass,
  generatePassword,
  uniformIndex,
} from '../../../web/crypto/password.ts';

const ALL: CharacterClass[] = ['lower', 'upper', 'digits', 'symbols'];

describe('password generator', () => {
  it.each([
    [8, ALL],
    [20, ['lower', 'digits'] as CharacterClass[]],
    [128, ['symbols'] as CharacterClass[]],
  ])('gives %i characters from the chosen classes only, each class at least once', (length, classes) => {
    for (let round = 0; round < 50; round++) {
      const password = generatePassword({ length, classes });
      expect(password).toHaveLength(length);
      const alphabet = classes.map((name) => CHARACTER_CLASSES[name]).join('');
      for (const char of password) expect(alphabet).toContain(char);
      for (const name of classes)
        expect([...CHARACTER_CLASSES[name]].some((c) => password.includes(c))).toBe(true);
    }
  });

  it('refuses no class, and lengths below the number of classes or above 128', () => {
    expect(() => generatePassword({ length: 20, classes: [] })).toThrow(RangeError);
    expect(() => generatePassword({ length: 3, classes: ALL })).toThrow(RangeError);
    expect(() => generatePassword({ length: 129, classes: ALL })).toThrow(RangeError);
  });

  it('no modulo bias: draws at or above the largest multiple of the size are thrown away, not folded', () => {
    // 2^32 = 4,294,967,296; for size 10 the largest multiple is 4,294,967,290: 290..295 must be redrawn.
    const draws = [4_294_967_295, 4_294_967_290, 4_294_967_289];
    const random = () => draws.shift() as number;
    expect(uniformIndex(10, random)).toBe(9); // 4,294,967,289 % 10, after two rejected draws
    expect(draws).toEqual([]);
    // Every index of a size that divides 2^32 is reached by exactly as many draws: no draw is rejected.
    expect(uniformIndex(64, () => 4_294_967_295)).toBe(63);
  });

  it('spreads characters evenly (each of 10 digits within 20% of its share of 100,000 draws; 21 sigma)', () => {
    const tally = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const index = uniformIndex(10);
      tally[index] = (tally[index] ?? 0) + 1;
    }
    for (const count of tally) expect(Math.abs(count - 10_000)).toBeLessThan(2_000);
  });
});
