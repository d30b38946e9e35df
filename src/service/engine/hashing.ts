// Feature hashing: text features map to 32-bit hashes without allocating a string per token.

/** FNV-1a over text[start, end). */
export function hashRange(text: string, start: number, end: number, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return finalize(h);
}

export function hashString(text: string, seed = 0x811c9dc5): number {
  return hashRange(text, 0, text.length, seed);
}

/** Order-sensitive combination of two hashes (bigrams, feature-name/value pairs). */
export function combineHashes(a: number, b: number): number {
  return finalize(Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) + b);
}

/** murmur3 fmix32: spreads FNV's weak low bits before they are masked. */
export function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
