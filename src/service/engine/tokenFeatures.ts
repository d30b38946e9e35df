// Per-token features for entity recognition, as 32-bit hashes: the word, its neighbours, shape, affixes and
// layout (line starts, position in the line). No feature depends on a dataset's vocabulary or categories.
import { combineHashes, hashString } from './hashing';
import type { UnspacedTokens } from './tokenize';
import { tokenize } from './tokenize';

export interface TokenSequence {
  /** UTF-16 start and end of each token in the document. */
  starts: Int32Array;
  ends: Int32Array;
  /** Token i's feature hashes are features[i * FEATURES_PER_TOKEN …]. */
  features: Int32Array;
}

export const FEATURES_PER_TOKEN = 16;

/** The shape of a word: runs of upper, lower, digit and other characters, e.g. "Xx", "d,d.d", "X.". */
function shapeOf(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    const kind =
      ch >= '0' && ch <= '9'
        ? 'd'
        : ch !== ch.toLowerCase()
          ? 'X'
          : ch !== ch.toUpperCase()
            ? 'x'
            : /\p{L}/u.test(ch)
              ? 'l'
              : ch;
    if (kind !== last) out += kind;
    last = kind;
  }
  return out;
}

const T = {
  word: 2,
  prev: 3,
  next: 4,
  prev2: 5,
  next2: 6,
  shape: 7,
  prevShape: 8,
  nextShape: 9,
  prefix: 10,
  suffix: 11,
  prevWord: 12,
  nextWord: 13,
  lineHead: 14,
  length: 18,
  lineTail: 20,
  layout: 21,
} as const;

const EDGE = hashString('<edge>');

function feature(template: number, value: number): number {
  return combineHashes(template, value);
}

/** Tokenizes text[from, to) and computes each token's features. */
export function tokenSequence(
  text: string,
  from = 0,
  to = text.length,
  unspaced: UnspacedTokens = 'characters',
): TokenSequence {
  const tokens = tokenize(text.slice(from, to), unspaced);
  const n = tokens.length;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  const words: number[] = [];
  const shapes: number[] = [];
  const newlineBefore: boolean[] = [];
  tokens.forEach((t, i) => {
    starts[i] = from + t.offset;
    ends[i] = from + t.offset + t.length;
    words.push(hashString(t.text.toLowerCase()));
    shapes.push(hashString(shapeOf(t.text)));
    const gapStart = i === 0 ? 0 : (tokens[i - 1]?.offset ?? 0) + (tokens[i - 1]?.length ?? 0);
    newlineBefore.push(i === 0 || text.slice(from + gapStart, from + t.offset).includes('\n'));
  });
  // The last word of each token's line: a line's role often shows at its end ("… (the Borrower)").
  const lineTails = new Array<number>(n).fill(EDGE);
  let tail = EDGE;
  for (let i = n - 1; i >= 0; i--) {
    if (tokens[i]?.isWord === true && (i + 1 >= n || newlineBefore[i + 1] === true || tail === EDGE))
      tail = words[i] ?? EDGE;
    lineTails[i] = tail;
    if (newlineBefore[i] === true) tail = EDGE;
  }
  const features = new Int32Array(n * FEATURES_PER_TOKEN);
  let lineHead = EDGE;
  let linePosition = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (newlineBefore[i] === true) {
      lineHead = words[i] ?? EDGE;
      linePosition = 0;
    } else {
      linePosition++;
    }
    const lower = t.text.toLowerCase();
    const w = words[i] ?? EDGE;
    const prev = words[i - 1] ?? EDGE;
    const next = words[i + 1] ?? EDGE;
    // Written in place: no array per token.
    let o = i * FEATURES_PER_TOKEN;
    features[o++] = feature(T.word, w);
    features[o++] = feature(T.prev, prev);
    features[o++] = feature(T.next, next);
    features[o++] = feature(T.prev2, words[i - 2] ?? EDGE);
    features[o++] = feature(T.next2, words[i + 2] ?? EDGE);
    features[o++] = feature(T.shape, shapes[i] ?? EDGE);
    features[o++] = feature(T.prevShape, shapes[i - 1] ?? EDGE);
    features[o++] = feature(T.nextShape, shapes[i + 1] ?? EDGE);
    features[o++] = feature(T.prefix, hashString(lower.slice(0, 3)));
    features[o++] = feature(T.suffix, hashString(lower.slice(-3)));
    features[o++] = feature(T.prevWord, combineHashes(prev, w));
    features[o++] = feature(T.nextWord, combineHashes(w, next));
    features[o++] = feature(T.lineHead, lineHead);
    // One feature for the token's place in its line (position, line start, line end): it also serves as the
    // bias, and a single feature with all the tags costs a fraction of four.
    features[o++] = feature(
      T.layout,
      Math.min(linePosition, 4) * 4 +
        (newlineBefore[i] === true ? 2 : 0) +
        (i + 1 >= n || newlineBefore[i + 1] === true ? 1 : 0),
    );
    features[o++] = feature(T.length, Math.min(t.length, 10));
    features[o] = feature(T.lineTail, lineTails[i] ?? EDGE);
  }
  return { starts, ends, features };
}
