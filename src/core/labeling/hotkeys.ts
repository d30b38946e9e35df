// The key each class or entity type answers to in the labeling pickers: 1 to 9, then the letters.
const KEYS = '123456789abcdefghijklmnopqrstuvwxyz';

/** The key of the category at `index` (declaration order), or undefined past the 35th. */
export function hotkey(index: number): string | undefined {
  return index >= 0 && index < KEYS.length ? KEYS[index] : undefined;
}
