/**
 * Strong passwords for the create form, made in the browser from `crypto.getRandomValues`. Each
 * character is drawn uniformly from the chosen alphabet by rejection sampling (a 32-bit draw is used only
 * below the largest multiple of the alphabet's size, so no character is likelier than another: no
 * modulo bias). A password lacking a chosen class is drawn again, so each chosen class appears.
 */

export const CHARACTER_CLASSES = Object.freeze({
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  symbols: '!#$%&()*+,-./:;<=>?@[]^_{|}~',
});

export type CharacterClass = keyof typeof CHARACTER_CLASSES;

export const PASSWORD_LENGTH = Object.freeze({ min: 8, max: 128, preset: 20 });

/** One uniformly random 32-bit unsigned integer. */
export type RandomUint32 = () => number;

const UINT32_RANGE = 2 ** 32;

export const cryptoUint32: RandomUint32 = () => crypto.getRandomValues(new Uint32Array(1))[0] as number;

/** A uniform integer in [0, size): draws at or above the largest multiple of `size` are thrown away. */
export function uniformIndex(size: number, random: RandomUint32 = cryptoUint32): number {
  if (!Number.isInteger(size) || size < 1 || size > UINT32_RANGE) throw new RangeError('size');
  const limit = UINT32_RANGE - (UINT32_RANGE % size);
  for (;;) {
    const draw = random();
    if (draw < limit) return draw % size;
  }
}

export interface PasswordOptions {
  readonly length: number;
  readonly classes: readonly CharacterClass[];
}

/** A password of `length` characters from the chosen classes, each class at least once. */
export function generatePassword(options: PasswordOptions, random: RandomUint32 = cryptoUint32): string {
  const classes = [...new Set(options.classes)];
  if (classes.length === 0) throw new RangeError('choose at least one character class');
  const length = Math.trunc(options.length);
  if (length < Math.max(classes.length, 1) || length > PASSWORD_LENGTH.max) throw new RangeError('length');
  const alphabet = classes.map((name) => CHARACTER_CLASSES[name]).join('');
  for (;;) {
    let password = '';
    for (let i = 0; i < length; i++) password += alphabet[uniformIndex(alphabet.length, random)];
    if (classes.every((name) => [...CHARACTER_CLASSES[name]].some((char) => password.includes(char)))) {
      return password;
    }
  }
}
