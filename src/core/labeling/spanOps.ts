// Entity spans: add one (never overlapping another), remove one, or label every occurrence of a text.
import type { EntityAssets, EntityDocument, LabelsFile, OpResult, Region, Span } from './model';
import { assetsOf, categoriesOf, ok, refuse, spansOf, withAssets } from './model';

export interface SpanInput {
  category: string;
  offset: number;
  length: number;
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** True when `offset` falls between the two halves of a surrogate pair (inside one emoji, say). */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset < text.length &&
    isLowSurrogate(text.charCodeAt(offset)) &&
    isHighSurrogate(text.charCodeAt(offset - 1))
  );
}

function describe(text: string, span: { category: string; offset: number; length: number }): string {
  return `${span.category} "${text.slice(span.offset, span.offset + span.length)}" at ${span.offset}+${span.length}`;
}

function entityProject(file: LabelsFile, location: string): OpResult<{ assets: EntityAssets; doc: EntityDocument }> {
  const assets = assetsOf(file);
  if (assets.projectKind !== 'CustomEntityRecognition')
    return refuse(`Only an entity recognition project has spans; this is ${assets.projectKind}.`);
  const doc = assets.documents.find((d) => d.location === location);
  if (!doc) return refuse(`${location} is not in the project; add the document first.`);
  return ok({ assets, doc });
}

/** Why `span` cannot be added to a document with `text` and existing `spans`, or undefined when it can. */
export function spanProblem(text: string, spans: readonly Span[], span: SpanInput): string | undefined {
  const { offset, length } = span;
  if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 1)
    return `A span needs a whole offset of 0 or more and a length of at least 1 (got ${offset}+${length}).`;
  if (offset + length > text.length)
    return `The span ${offset}+${length} runs past the end of the document (${text.length} UTF-16 code units).`;
  if (splitsSurrogatePair(text, offset) || splitsSurrogatePair(text, offset + length))
    return `The span ${offset}+${length} cuts a character (a surrogate pair) in half; widen it to whole characters.`;
  if (text.slice(offset, offset + length).trim() === '')
    return `The span ${offset}+${length} is only whitespace; select some text.`;
  const end = offset + length;
  const same = spans.find((s) => s.offset === offset && s.length === length);
  if (same) return `That text is already labelled ${describe(text, same)}; remove that label first to change it.`;
  const overlapping = spans.find((s) => s.offset < end && offset < s.offset + s.length);
  if (overlapping)
    return `The span overlaps ${describe(text, overlapping)}; spans cannot overlap, so remove or shorten that one first.`;
  return undefined;
}

function insertSorted(labels: readonly Span[], span: Span): Span[] {
  const at = labels.findIndex((l) => l.offset > span.offset || (l.offset === span.offset && l.length > span.length));
  return at === -1 ? [...labels, span] : [...labels.slice(0, at), span, ...labels.slice(at)];
}

/** The regions with `span` added to the region holding it (a whole-document region is made when there is none). */
function regionsWith(regions: readonly Region[], text: string, span: Span): Region[] | string {
  if (regions.length === 0) return [{ regionOffset: 0, regionLength: text.length, labels: [span] }];
  const index = regions.findIndex(
    (r) => span.offset >= r.regionOffset && span.offset + span.length <= r.regionOffset + r.regionLength,
  );
  if (index === -1)
    return `The span ${span.offset}+${span.length} is outside every labelled region of the document; training only reads text inside regions.`;
  return regions.map((r, i) => (i === index ? { ...r, labels: insertSorted(r.labels, span) } : r));
}

function replaceDocument(file: LabelsFile, assets: EntityAssets, doc: EntityDocument): LabelsFile {
  const documents = assets.documents.map((d) => (d.location === doc.location ? doc : d));
  return withAssets(file, { ...assets, documents });
}

/** Labels `span` of the document at `location`, whose current text is `text`; refuses overlaps with the reason. */
export function addSpan(file: LabelsFile, location: string, text: string, span: SpanInput): OpResult {
  const found = entityProject(file, location);
  if (!found.ok) return found;
  const { assets, doc } = found.value;
  if (!categoriesOf(assets).includes(span.category))
    return refuse(`"${span.category}" is not an entity type of this project; add the entity type first.`);
  const problem = spanProblem(text, spansOf(doc), span);
  if (problem !== undefined) return refuse(problem);
  const regions = regionsWith(doc.entities ?? [], text, {
    category: span.category,
    offset: span.offset,
    length: span.length,
  });
  if (typeof regions === 'string') return refuse(regions);
  return ok(replaceDocument(file, assets, { ...doc, entities: regions }));
}

/** Removes the span at `offset`+`length` (of `category`, when given). */
export function removeSpan(
  file: LabelsFile,
  location: string,
  span: { offset: number; length: number; category?: string },
): OpResult {
  const found = entityProject(file, location);
  if (!found.ok) return found;
  const { assets, doc } = found.value;
  const matches = (l: Span): boolean =>
    l.offset === span.offset &&
    l.length === span.length &&
    (span.category === undefined || l.category === span.category);
  if (!spansOf(doc).some(matches))
    return refuse(
      `${location} has no ${span.category ?? 'span'} at ${span.offset}+${span.length}; nothing was removed.`,
    );
  const entities = (doc.entities ?? []).map((r) => ({ ...r, labels: r.labels.filter((l) => !matches(l)) }));
  return ok(replaceDocument(file, assets, { ...doc, entities }));
}

export interface Occurrences {
  file: LabelsFile;
  added: Span[];
  /** Occurrences left alone, each with why (already labelled, overlapping another span, outside the regions). */
  skipped: { offset: number; length: number; reason: string }[];
}

const WORD = /[\p{L}\p{M}\p{N}_]/u;

function isWordAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  // A low surrogate belongs to the character that starts just before it.
  const start = isLowSurrogate(text.charCodeAt(index)) && index > 0 ? index - 1 : index;
  return WORD.test(String.fromCodePoint(text.codePointAt(start) ?? 0));
}

/** Where `needle` occurs in `text`, not overlapping each other; whole words only when asked. */
export function findOccurrences(
  text: string,
  needle: string,
  options: { wholeWord?: boolean; matchCase?: boolean } = {},
): number[] {
  if (needle === '') return [];
  const haystack = options.matchCase === false ? text.toLowerCase() : text;
  const target = options.matchCase === false ? needle.toLowerCase() : needle;
  // Lower-casing can change lengths (e.g. "İ"); then fall back to exact matching so offsets stay true.
  const exact = haystack.length !== text.length || target.length !== needle.length;
  const h = exact ? text : haystack;
  const t = exact ? needle : target;
  const found: number[] = [];
  for (let at = h.indexOf(t); at !== -1; at = h.indexOf(t, at + t.length)) {
    if (options.wholeWord && (isWordAt(text, at - 1) || isWordAt(text, at + t.length))) {
      at = at - t.length + 1; // a rejected match may hide one that starts inside it
      continue;
    }
    found.push(at);
  }
  return found;
}

/** Labels every occurrence of `needle` in the document as `category`; occurrences that cannot be are reported. */
export function labelAllOccurrences(
  file: LabelsFile,
  location: string,
  text: string,
  needle: string,
  category: string,
  options: { wholeWord?: boolean; matchCase?: boolean } = {},
): OpResult<Occurrences> {
  if (needle.trim() === '') return refuse('Choose some text to look for; it is empty or only whitespace.');
  const found = entityProject(file, location);
  if (!found.ok) return found;
  if (!categoriesOf(found.value.assets).includes(category))
    return refuse(`"${category}" is not an entity type of this project; add the entity type first.`);
  let current = file;
  const added: Span[] = [];
  const skipped: Occurrences['skipped'] = [];
  for (const offset of findOccurrences(text, needle, options)) {
    const next = addSpan(current, location, text, { category, offset, length: needle.length });
    if (next.ok) {
      current = next.value;
      added.push({ category, offset, length: needle.length });
    } else {
      skipped.push({ offset, length: needle.length, reason: next.reason });
    }
  }
  return ok({ file: current, added, skipped });
}
