// Where each node of a JSON text is: a map from JSON pointer to the node's range in the text, so diagnostics can
// point at the labels file. A small scanner rather than a parser dependency: the text has already been parsed, so
// it only needs to find boundaries.

import type { JsonPath } from './diagnostics';
import { jsonPointer } from './diagnostics';

export interface TextRange {
  start: number;
  end: number;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

function escapeSegment(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

/**
 * The range of every value in `text`, keyed by JSON pointer ("" for the root, "/assets/documents/0" …). On
 * malformed input it returns what it found before the error.
 */
export function jsonRanges(text: string): Map<string, TextRange> {
  const ranges = new Map<string, TextRange>();
  let i = 0;

  const skip = (): void => {
    while (i < text.length && WHITESPACE.has(text.charCodeAt(i))) i++;
  };
  const stringEnd = (from: number): number => {
    let j = from + 1;
    for (;;) {
      const q = text.indexOf('"', j);
      if (q === -1) throw new Error('unterminated string');
      let backslashes = 0;
      for (let k = q - 1; text.charCodeAt(k) === 92; k--) backslashes++;
      if (backslashes % 2 === 0) return q + 1;
      j = q + 1;
    }
  };
  const value = (pointer: string): void => {
    skip();
    const start = i;
    const c = text.charCodeAt(i);
    if (c === 123 /* { */) {
      i++;
      skip();
      if (text.charCodeAt(i) === 125) i++;
      else
        for (;;) {
          skip();
          const keyEnd = stringEnd(i);
          const raw = text.slice(i + 1, keyEnd - 1);
          const key = raw.includes('\\') ? (JSON.parse(text.slice(i, keyEnd)) as string) : raw;
          i = keyEnd;
          skip();
          i++; // :
          value(`${pointer}/${escapeSegment(key)}`);
          skip();
          const sep = text.charCodeAt(i++);
          if (sep === 125) break;
          if (sep !== 44) throw new Error(`unexpected character at ${i - 1}`);
        }
    } else if (c === 91 /* [ */) {
      i++;
      skip();
      if (text.charCodeAt(i) === 93) i++;
      else
        for (let index = 0; ; index++) {
          value(`${pointer}/${index}`);
          skip();
          const sep = text.charCodeAt(i++);
          if (sep === 93) break;
          if (sep !== 44) throw new Error(`unexpected character at ${i - 1}`);
        }
    } else if (c === 34 /* " */) {
      i = stringEnd(i);
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text.charAt(i))) i++;
      if (i === start) throw new Error(`unexpected character at ${i}`);
    }
    ranges.set(pointer, { start, end: i });
  };

  try {
    value('');
  } catch {
    // Malformed JSON: keep what was found; the parser's own error says what is wrong.
  }
  return ranges;
}

/** The range of the node at `pointer`, or of its nearest ancestor that exists (a missing key points at its object). */
export function rangeOf(ranges: ReadonlyMap<string, TextRange>, pointer: string): TextRange | undefined {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const range = ranges.get(p);
    if (range || p === '') return range;
  }
}

/** The range in the labels file of the node a diagnostic names (or its nearest existing ancestor). */
export function rangeOfPath(ranges: ReadonlyMap<string, TextRange>, path: JsonPath): TextRange | undefined {
  return rangeOf(ranges, jsonPointer(path));
}
