// Streams the hashed words of a text, case-folded, without allocating per token. Only single words: on
// training sets of a few hundred documents, word pairs cost twice the work and scored lower in cross-validation.
// An inlined scan handles the common case (no surrogates, no unspaced scripts); anything else takes the
// general tokenizer. Both fold case one UTF-16 unit at a time, so they give the same hashes.
import { finalize } from './hashing';
import { MARK, OTHER, SPACE, UNSPACED, WORD, classAt, scanTokens } from './tokenize';

const FNV_SEED = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

const lowerUnits = new Uint16Array(65536);
for (let c = 0; c < 128; c++) lowerUnits[c] = c >= 65 && c <= 90 ? c + 32 : c;
const lowerKnown = new Uint8Array(65536).fill(1, 0, 128);

/** The case-folded UTF-16 unit (one unit at a time), learnt on first use. */
export function lowerUnit(c: number): number {
  if (lowerKnown[c] === 1) return lowerUnits[c] ?? c;
  const lower = String.fromCharCode(c).toLowerCase();
  const l = lower.length === 1 ? lower.charCodeAt(0) : c;
  lowerUnits[c] = l;
  lowerKnown[c] = 1;
  return l;
}

const asciiClass = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  asciiClass[c] = /[A-Za-z0-9]/.test(ch) ? WORD : /\s/.test(ch) || c < 32 || c === 127 ? SPACE : OTHER;
}

const NON_ASCII = /[\u0080-\uffff]/;

// Hashes go to one scratch buffer rather than to a callback: callers then run their own tight loops, and the
// scan stays monomorphic whoever reads it (training and prediction alternate during evaluation).
let hashes = new Int32Array(4096);
let hashCount = 0;

function emit(hash: number): void {
  if (hashCount >= hashes.length) {
    const bigger = new Int32Array(hashes.length * 2);
    bigger.set(hashes);
    hashes = bigger;
  }
  hashes[hashCount++] = hash;
}

function hashLowerRange(text: string, start: number, end: number): number {
  let h = FNV_SEED;
  for (let i = start; i < end; i++) h = Math.imul(h ^ lowerUnit(text.charCodeAt(i)), FNV_PRIME);
  return finalize(h);
}

/**
 * One hash per word and one per non-ASCII symbol (emoji carry meaning), in text order: a view of a scratch
 * buffer, valid until the next call.
 */
export function termHashes(text: string): Int32Array {
  hashCount = 0;
  if (!fastTermHashes(text)) slowTermHashes(text);
  return hashes.subarray(0, hashCount);
}

function slowTermHashes(text: string): void {
  scanTokens(text, (start, end, isWord) => {
    if (isWord || text.charCodeAt(start) > 127) emit(hashLowerRange(text, start, end));
  });
}

/** Returns false, having emitted nothing, when the text needs the general tokenizer. */
function fastTermHashes(text: string): boolean {
  const n = text.length;
  // A first pass rejects texts the inlined scan cannot handle, so nothing is emitted twice. Plain ASCII (the
  // common case) needs no check, and the regular expression finds that out faster than a loop.
  const firstNonAscii = text.search(NON_ASCII);
  for (let i = firstNonAscii < 0 ? n : firstNonAscii; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) continue;
    if (c >= 0xd800 && c <= 0xdfff) return false;
    const k = classAt(text, i);
    if (k === UNSPACED) return false;
    // A mark glued to a symbol makes a multi-unit token: leave it to the tokenizer.
    if (k === MARK && (i === 0 || classAt(text, i - 1) !== WORD)) return false;
  }
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? (asciiClass[c] ?? OTHER) : classAt(text, i);
    if (k === SPACE) {
      i++;
      continue;
    }
    if (k !== WORD) {
      if (c >= 128) emit(finalize(Math.imul(FNV_SEED ^ lowerUnit(c), FNV_PRIME)));
      i++;
      continue;
    }
    let h = FNV_SEED;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d < 128) {
        if (asciiClass[d] !== WORD) break;
        h = Math.imul(h ^ (lowerUnits[d] ?? d), FNV_PRIME);
      } else {
        const kd = classAt(text, i);
        if (kd !== WORD && kd !== MARK) break;
        h = Math.imul(h ^ lowerUnit(d), FNV_PRIME);
      }
      i++;
    }
    emit(finalize(h));
  }
  return true;
}
