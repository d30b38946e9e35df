// Redacting an analyzed document: each entity's text replaced by its category in brackets or by a mask. The edits
// are computed here, on the text alone, so that what reaches the editor is checked before anything is changed.
import type { LinePosition } from './linePositions';
import { linePositions } from './linePositions';

/** How each entity is replaced: `[Category]`, a block per character (length kept), or a fixed text. */
export type RedactionMask = { kind: 'category' } | { kind: 'blocks' } | { kind: 'text'; text: string };

export interface Replacement {
  /** UTF-16 offsets in the document. */
  offset: number;
  length: number;
  text: string;
}

export interface RedactionEdit {
  start: LinePosition;
  end: LinePosition;
  text: string;
}

/**
 * The replacements for `entities` (offsets in the document), in document order. Overlapping entities are merged
 * into one replacement (the first one's category), so every edit touches separate text.
 */
export function redactions(
  entities: readonly { category: string; offset: number; length: number }[],
  mask: RedactionMask,
): Replacement[] {
  const sorted = entities
    .filter((e) => e.length > 0)
    .map((e) => ({ category: e.category, start: e.offset, end: e.offset + e.length }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { category: string; start: number; end: number }[] = [];
  for (const e of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && e.start < last.end) last.end = Math.max(last.end, e.end);
    else merged.push({ ...e });
  }
  return merged.map((e) => ({
    offset: e.start,
    length: e.end - e.start,
    text:
      mask.kind === 'category' ? `[${e.category}]` : mask.kind === 'blocks' ? '█'.repeat(e.end - e.start) : mask.text,
  }));
}

/** The text after the replacements (what the editor shows once the edit is applied). */
export function applyReplacements(text: string, replacements: readonly Replacement[]): string {
  let out = '';
  let at = 0;
  for (const r of replacements) {
    out += text.slice(at, r.offset) + r.text;
    at = r.offset + r.length;
  }
  return out + text.slice(at);
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Why an edge at `offset` cannot be cut there: inside a surrogate pair (half an emoji) or between \r and \n. */
function badEdge(text: string, offset: number): string | undefined {
  if (offset <= 0 || offset >= text.length) return undefined;
  if (isLowSurrogate(text.charCodeAt(offset))) return 'splits a character in two (offsets must be UTF-16 code units)';
  if (text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10) return 'splits a line break (\\r\\n)';
  return undefined;
}

/**
 * The edits that redact `entities` of `analyzedText`, which starts at `offsetBase` in `documentText`: each as a
 * line/character range of the document. Refused, with the reason, when the document no longer holds the analyzed
 * text there or an entity lies outside it or cuts a character, so a stale or wrong result never corrupts it.
 */
export function redactionEdits(
  documentText: string,
  analyzedText: string,
  offsetBase: number,
  entities: readonly { category: string; offset: number; length: number }[],
  mask: RedactionMask,
): { edits: RedactionEdit[] } | { refused: string } {
  if (documentText.slice(offsetBase, offsetBase + analyzedText.length) !== analyzedText)
    return { refused: 'the document no longer holds the text that was analyzed' };
  for (const e of entities) {
    if (e.offset < 0 || e.length < 0 || e.offset + e.length > analyzedText.length)
      return {
        refused: `the entity ${e.category} at ${e.offset} (length ${e.length}) lies outside the analyzed text (${analyzedText.length} characters)`,
      };
    const problem =
      badEdge(documentText, offsetBase + e.offset) ?? badEdge(documentText, offsetBase + e.offset + e.length);
    if (problem !== undefined) return { refused: `the entity ${e.category} at ${e.offset} ${problem}` };
  }
  const positionOf = linePositions(documentText);
  const edits = redactions(
    entities.map((e) => ({ ...e, offset: offsetBase + e.offset })),
    mask,
  ).map((r) => ({ start: positionOf(r.offset), end: positionOf(r.offset + r.length), text: r.text }));
  return { edits };
}
