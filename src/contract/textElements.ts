// Text elements (grapheme clusters): the unit of the service's character limits, statistics and default offsets.
// Client (batching, size checks) and local service (limits, statistics) count with this one function.

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
