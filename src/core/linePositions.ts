// Offsets in a text as an editor's positions, without an open document: a table of line starts, searched.

/** A place in a text as an editor counts it: zero-based line, and UTF-16 code units into the line. */
export interface LinePosition {
  line: number;
  character: number;
}

/** Offsets where each line starts; a line ends at \r\n, \n or \r, as the editor splits lines. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** The position of each offset of `text` (clamped to the text), from one pass over it. */
export function linePositions(text: string): (offset: number) => LinePosition {
  const starts = lineStarts(text);
  return (offset) => {
    const at = Math.max(0, Math.min(offset, text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: at - (starts[low] ?? 0) };
  };
}
