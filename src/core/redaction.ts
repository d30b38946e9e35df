// Redacting an analyzed document: each entity's text replaced by its category in brackets or by a mask.

/** How each entity is replaced: `[Category]`, a block per character (length kept), or a fixed text. */
export type RedactionMask = { kind: 'category' } | { kind: 'blocks' } | { kind: 'text'; text: string };

export interface Replacement {
  /** UTF-16 offsets in the document. */
  offset: number;
  length: number;
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
