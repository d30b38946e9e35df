// What a selection labels: its surrounding whitespace trimmed and, when the setting asks, widened to whole words,
// so a sloppy mouse drag still labels "Contoso Ltd" rather than "ontoso Lt".
const WORD = /[\p{L}\p{M}\p{N}_]/u;

/** The character (a whole surrogate pair when there is one) that ends just before `index`. */
function charBefore(text: string, index: number): string {
  const low = text.charCodeAt(index - 1);
  return low >= 0xdc00 && low <= 0xdfff && index >= 2 ? text.slice(index - 2, index) : text.slice(index - 1, index);
}

function charAt(text: string, index: number): string {
  return String.fromCodePoint(text.codePointAt(index) ?? 0);
}

export interface TextRange {
  start: number;
  end: number;
}

/** Trims whitespace at both ends of `range` (an all-whitespace range comes back as it was: it is refused later). */
export function trimRange(text: string, range: TextRange): TextRange {
  let { start, end } = range;
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  return start === end ? range : { start, end };
}

/** Widens a trimmed range to the words it starts and ends in. */
export function snapToWords(text: string, range: TextRange): TextRange {
  const trimmed = trimRange(text, range);
  let { start, end } = trimmed;
  if (text.slice(start, end).trim() === '') return trimmed; // only whitespace: left for the label check to refuse
  while (start > 0 && WORD.test(charBefore(text, start))) start -= charBefore(text, start).length;
  while (end < text.length && WORD.test(charAt(text, end))) end += charAt(text, end).length;
  return { start, end };
}
