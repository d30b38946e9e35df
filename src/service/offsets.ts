// Converts UTF-16 offsets (what the engine and JS strings use) into the runtime's requested stringIndexType.
// TextElements_v8 means grapheme clusters as .NET's StringInfo counted them under Unicode 8; Intl.Segmenter follows
// a newer Unicode version, so for some emoji and ZWJ sequences the count is an approximation.

export type StringIndexType = 'TextElements_v8' | 'UnicodeCodePoint' | 'Utf16CodeUnit';

export interface Span {
  offset: number;
  length: number;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const CHUNK = 1024;

/**
 * Start positions of the grapheme clusters of `text`. Intl.Segmenter slows down badly on long inputs, so the text
 * is segmented in chunks; each chunk's last cluster may continue past the cut, so the next chunk starts there.
 */
export function graphemeStarts(text: string): number[] {
  const starts: number[] = [];
  let from = 0;
  while (from < text.length) {
    const to = Math.min(text.length, from + CHUNK);
    let last = from;
    for (const s of graphemes.segment(text.slice(from, to))) {
      last = from + s.index;
      starts.push(last);
    }
    if (to === text.length || last === from) {
      from = to;
      continue;
    }
    starts.pop();
    from = last;
  }
  return starts;
}

interface UnitMap {
  /** unitOf[i]: the unit containing UTF-16 position i; unitOf[text.length] is the number of units. */
  unitOf: Int32Array;
  /** startsUnit[i] is 1 when a unit begins at UTF-16 position i (or i is the end of the text). */
  startsUnit: Uint8Array;
}

function unitMap(text: string, type: Exclude<StringIndexType, 'Utf16CodeUnit'>): UnitMap {
  const startsUnit = new Uint8Array(text.length + 1);
  if (type === 'UnicodeCodePoint') {
    let position = 0;
    for (const cp of text) {
      startsUnit[position] = 1;
      position += cp.length;
    }
  } else {
    for (const start of graphemeStarts(text)) startsUnit[start] = 1;
  }
  startsUnit[text.length] = 1;
  const unitOf = new Int32Array(text.length + 1);
  let unit = -1;
  for (let i = 0; i < text.length; i += 1) {
    if (startsUnit[i] === 1) unit += 1;
    unitOf[i] = unit;
  }
  unitOf[text.length] = unit + 1;
  return { unitOf, startsUnit };
}

/** Converts spans in one text; builds the unit map once per text. */
export function createSpanConverter(text: string, type: StringIndexType): (span: Span) => Span {
  if (type === 'Utf16CodeUnit') return (span) => ({ offset: span.offset, length: span.length });
  const { unitOf, startsUnit } = unitMap(text, type);
  const clamp = (i: number): number => Math.max(0, Math.min(text.length, i));
  return (span) => {
    const startIndex = clamp(span.offset);
    const endIndex = clamp(span.offset + span.length);
    const start = unitOf[startIndex] ?? 0;
    // An end inside a unit rounds up so the span still covers that whole unit.
    const end = (unitOf[endIndex] ?? 0) + (startsUnit[endIndex] === 1 ? 0 : 1);
    return { offset: start, length: Math.max(0, end - start) };
  };
}
