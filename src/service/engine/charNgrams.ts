// Character n-grams inside word boundaries ("char_wb"): each whitespace-separated word, case-folded and padded
// with a space on each side, gives its n-grams for n = 3..4. They catch shared stems, affixes and spelling
// variants that whole words miss, which matters on short technical texts. n = 2..5 scored the same in
// cross-validation for about twice the training time.
import { finalize } from './hashing';
import { lowerUnit } from './termHashes';

const SEED = 0x9747b28c;
const PRIME = 0x01000193;
const MIN_N = 3;
const MAX_N = 4;
const SPACE = 32;

let hashes = new Int32Array(16384);
let count = 0;

function emit(hash: number): void {
  if (count >= hashes.length) {
    const bigger = new Int32Array(hashes.length * 2);
    bigger.set(hashes);
    hashes = bigger;
  }
  hashes[count++] = hash;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0x3000;
}

/**
 * Hashes of the text's char_wb n-grams, all odd (the classifier keeps word hashes even, so the two never meet): a
 * view of a scratch buffer, valid until the next call.
 */
export function charNgramHashes(text: string): Int32Array {
  count = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    let end = i;
    while (end < n && !isSpace(text.charCodeAt(end))) end++;
    // The padded word: a space, text[i, end), a space.
    const length = end - i + 2;
    const unit = (p: number): number => (p === 0 || p === length - 1 ? SPACE : lowerUnit(text.charCodeAt(i + p - 1)));
    for (let start = 0; start + MIN_N <= length; start++) {
      let h = SEED;
      const last = Math.min(start + MAX_N, length);
      for (let p = start; p < last; p++) {
        h = Math.imul(h ^ unit(p), PRIME);
        if (p - start + 1 >= MIN_N) emit(finalize(h) | 1);
      }
    }
    i = end;
  }
  return hashes.subarray(0, count);
}
