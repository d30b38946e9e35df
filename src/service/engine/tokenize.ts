// Unicode-aware tokenization with UTF-16 offsets. Words are runs of letters, marks and digits; any other
// visible character (punctuation, symbols, emoji with their modifiers) is a token of its own. Scripts written
// without spaces (Han, Kana, Thai, …) are split with Intl.Segmenter, which is too slow to run on everything.

const UNKNOWN = 0;
export const WORD = 1;
export const SPACE = 2;
export const OTHER = 3;
export const UNSPACED = 4;
export const MARK = 5;

const wordRe = /^[\p{L}\p{N}]$/u;
const markRe = /^[\p{M}\u200d\u200c]$/u;
const spaceRe = /^[\s\p{Cc}\p{Zs}\u2028\u2029\ufeff]$/u;
const unspacedRe =
  /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}\p{sc=Tibetan}]$/u;

const bmpClass = new Uint8Array(65536);

function classifyCodePoint(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (spaceRe.test(ch)) return SPACE;
  if (markRe.test(ch)) return MARK;
  if (wordRe.test(ch)) return unspacedRe.test(ch) ? UNSPACED : WORD;
  // Emoji skin-tone modifiers attach to the emoji before them.
  if (cp >= 0x1f3fb && cp <= 0x1f3ff) return MARK;
  return OTHER;
}

/** The character class (WORD, SPACE, OTHER, UNSPACED or MARK) of the code point at i. */
export function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) {
    let k = bmpClass[c] ?? UNKNOWN;
    if (k === UNKNOWN) {
      k = classifyCodePoint(c);
      bmpClass[c] = k;
    }
    return k;
  }
  const cp = text.codePointAt(i) ?? c;
  return cp === c ? OTHER : classifyCodePoint(cp);
}

function widthAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

function isRegionalIndicator(cp: number): boolean {
  return cp >= 0x1f1e6 && cp <= 0x1f1ff;
}

let segmenter: Intl.Segmenter | undefined;

/** Called once per token with its [start, end) in UTF-16 code units. */
export type TokenSink = (start: number, end: number, isWord: boolean) => void;

function segmentUnspaced(text: string, start: number, end: number, sink: TokenSink): void {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  for (const s of segmenter.segment(text.slice(start, end))) {
    const from = start + s.index;
    const to = from + s.segment.length;
    if (s.isWordLike === true) sink(from, to, true);
    else if (s.segment.trim() !== '') sink(from, to, false);
  }
}

/**
 * Each character of an unspaced script is a token of its own; runs of other letters and digits stay whole. Entity
 * boundaries fall between characters there ("2025年3月15日" then "前"), which a word segmenter may not
 * respect ("日前" is a word).
 */
function splitUnspaced(text: string, start: number, end: number, sink: TokenSink): void {
  let i = start;
  while (i < end) {
    const from = i;
    const unspaced = classAt(text, i) === UNSPACED;
    i += widthAt(text, i);
    while (i < end) {
      const k = classAt(text, i);
      if (k !== MARK && (unspaced || k === UNSPACED)) break;
      i += widthAt(text, i);
    }
    sink(from, i, true);
  }
}

/**
 * Streams the tokens of `text` without allocating per token. Unspaced scripts are split into words, or with
 * `unspacedAsCharacters` into characters.
 */
export function scanTokens(text: string, sink: TokenSink, unspacedAsCharacters = false): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const k = classAt(text, i);
    if (k === SPACE) {
      i += widthAt(text, i);
      continue;
    }
    const start = i;
    if (k === WORD || k === UNSPACED) {
      let unspaced = k === UNSPACED;
      i += widthAt(text, i);
      while (i < n) {
        const k2 = classAt(text, i);
        if (k2 !== WORD && k2 !== UNSPACED && k2 !== MARK) break;
        if (k2 === UNSPACED) unspaced = true;
        i += widthAt(text, i);
      }
      if (!unspaced) sink(start, i, true);
      else if (unspacedAsCharacters) splitUnspaced(text, start, i, sink);
      else segmentUnspaced(text, start, i, sink);
      continue;
    }
    // Punctuation, symbols, emoji; marks and joiners glue the next code point on (ZWJ sequences, flags stay whole).
    const first = text.codePointAt(i) ?? 0;
    i += widthAt(text, i);
    if (isRegionalIndicator(first) && i < n && isRegionalIndicator(text.codePointAt(i) ?? 0)) i += 2;
    while (i < n) {
      const k2 = classAt(text, i);
      if (k2 !== MARK) break;
      const joiner = text.charCodeAt(i) === 0x200d;
      i += widthAt(text, i);
      if (joiner && i < n && classAt(text, i) !== SPACE) i += widthAt(text, i);
    }
    sink(start, i, false);
  }
}

export interface Token {
  text: string;
  /** UTF-16 code units. */
  offset: number;
  length: number;
  isWord: boolean;
}

/** How unspaced scripts are split into the tokens entity recognition tags. */
export type UnspacedTokens = 'characters' | 'words';

/** The tokens entity recognition tags. */
export function tokenize(text: string, unspaced: UnspacedTokens = 'characters'): Token[] {
  const tokens: Token[] = [];
  scanTokens(
    text,
    (start, end, isWord) => {
      tokens.push({ text: text.slice(start, end), offset: start, length: end - start, isWord });
    },
    unspaced === 'characters',
  );
  return tokens;
}
