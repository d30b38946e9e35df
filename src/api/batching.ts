// Splits runtime work into requests the service accepts: at most 25 documents and 125,000 characters each.
import { ValidationError } from './errors';
import type { AnalyzeDocument } from './schemas/analyze';

export interface BatchLimits {
  maxDocuments: number;
  /** Counted in text elements (graphemes), as the service counts them. */
  maxCharacters: number;
}
export const runtimeLimits: BatchLimits = { maxDocuments: 25, maxCharacters: 125_000 };

let segmenter: Intl.Segmenter | undefined;
// Below U+0300 (combining marks start there) every code unit is its own text element, except CR LF. Two such
// units side by side (other than CR LF) always have a boundary between them, so only the runs of higher code units,
// plus one unit either side, need real segmentation.
const complexRun = /[\u0300-\uffff]+/g;

function simpleCount(text: string, from: number, to: number): number {
  let count = to - from;
  for (let i = text.indexOf('\r\n', from); i !== -1 && i + 1 < to; i = text.indexOf('\r\n', i + 2)) count--;
  return count;
}

function segmentCount(text: string): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const segments = segmenter.segment(text)[Symbol.iterator]();
  let count = 0;
  while (!segments.next().done) count++;
  return count;
}

/** Number of text elements (grapheme clusters) in `text`, as the service counts characters. */
export function countTextElements(text: string): number {
  let count = 0;
  let done = 0;
  let windowStart = -1;
  let windowEnd = -1;
  complexRun.lastIndex = 0;
  for (let match = complexRun.exec(text); match !== null; match = complexRun.exec(text)) {
    let start = Math.max(done, match.index - 1);
    if (start > done && text.charCodeAt(start) === 10 && text.charCodeAt(start - 1) === 13) start--;
    let end = Math.min(text.length, complexRun.lastIndex + 1);
    if (end < text.length && text.charCodeAt(end - 1) === 13 && text.charCodeAt(end) === 10) end++;
    if (windowStart !== -1 && start <= windowEnd) {
      windowEnd = end;
      continue;
    }
    if (windowStart !== -1) {
      count += segmentCount(text.slice(windowStart, windowEnd));
      done = windowEnd;
      start = Math.max(start, done);
    }
    count += simpleCount(text, done, start);
    windowStart = start;
    windowEnd = end;
  }
  if (windowStart !== -1) {
    count += segmentCount(text.slice(windowStart, windowEnd));
    done = windowEnd;
  }
  return count + simpleCount(text, done, text.length);
}

export interface Batch {
  documents: AnalyzeDocument[];
  /** Position of each document in the caller's list. */
  indexes: number[];
  characters: number;
}

/**
 * Groups documents, in order, into batches within the limits. Throws a ValidationError naming the first
 * document that cannot be sent at all (too long, missing or duplicate id).
 */
export function planBatches(documents: readonly AnalyzeDocument[], limits: BatchLimits = runtimeLimits): Batch[] {
  const batches: Batch[] = [];
  const ids = new Set<string>();
  let current: Batch = { documents: [], indexes: [], characters: 0 };
  documents.forEach((doc, index) => {
    if (doc.id.length === 0) throw new ValidationError(`Document ${index + 1} has an empty id.`, 'id');
    if (ids.has(doc.id)) throw new ValidationError(`Document id "${doc.id}" is used twice; ids must be unique.`, 'id');
    ids.add(doc.id);
    const characters = countTextElements(doc.text);
    if (characters > limits.maxCharacters) {
      throw new ValidationError(
        `Document "${doc.id}" has ${characters.toLocaleString('en-US')} characters; the service accepts at most ${limits.maxCharacters.toLocaleString('en-US')} per request. Split it into smaller documents.`,
        'text',
      );
    }
    if (
      current.documents.length === limits.maxDocuments ||
      (current.documents.length > 0 && current.characters + characters > limits.maxCharacters)
    ) {
      batches.push(current);
      current = { documents: [], indexes: [], characters: 0 };
    }
    current.documents.push(doc);
    current.indexes.push(index);
    current.characters += characters;
  });
  if (current.documents.length > 0) batches.push(current);
  return batches;
}
