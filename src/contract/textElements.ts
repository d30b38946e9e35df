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

// ICU's grapheme segmenter slows down sharply past about 65,000 code units of one string (a 70,000-unit run of
// Devanagari or of letters with combining accents took 25 s), so long runs are segmented a chunk at a time.
const chunkUnits = 16_384;

function segmentCount(text: string): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let count = 0;
  let from = 0;
  let size = chunkUnits;
  while (from < text.length) {
    const to = Math.min(text.length, from + size);
    let last = 0;
    let inChunk = 0;
    for (const { index } of segmenter.segment(text.slice(from, to))) {
      last = index;
      inChunk++;
    }
    if (to === text.length) return count + inChunk;
    if (last === 0) {
      // One text element fills the whole chunk (thousands of combining marks): look further.
      size *= 2;
      continue;
    }
    // The chunk's last element may go on past its end: count it with the next chunk, which starts at a boundary.
    count += inChunk - 1;
    from += last;
    size = chunkUnits;
  }
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
