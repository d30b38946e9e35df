// Keeping labels on their text while the document is edited. An edit replaces `removedLength` UTF-16 code units at
// `offset` with `insertedText`: spans after it move, spans before it stay, and a span whose text the edit changes
// (or joins to, e.g. a combining accent typed right after it) is taken out and returned for review, never shifted
// onto other text.
import type { EntityDocument, LabelsFile, OpResult, Region } from './model';
import { assetsOf, ok, refuse, withAssets } from './model';

export interface TextEdit {
  offset: number;
  removedLength: number;
  insertedText: string;
}

export interface Review<S> {
  /** The span as it was before the edit. */
  span: S;
  reason: string;
}

export interface MappedSpans<S> {
  spans: S[];
  review: Review<S>[];
}

// Characters that attach to the one before them: combining marks, joiners, variation selectors, skin tones, tags.
const EXTENDS_PREVIOUS = /^(?:\p{M}|\u200C|\u200D|[\uFE00-\uFE0F]|[\u{1F3FB}-\u{1F3FF}]|[\u{E0020}-\u{E007F}])/u;
const ZWJ = '\u200d';

/** The first character after position `at` of the new text, when the edit decides it. */
function charAfterEdit(edit: TextEdit, oldText: string | undefined): string | undefined {
  if (edit.insertedText !== '') return edit.insertedText;
  return oldText?.slice(edit.offset + edit.removedLength, edit.offset + edit.removedLength + 2);
}

function charBeforeEdit(edit: TextEdit, oldText: string | undefined): string | undefined {
  if (edit.insertedText !== '') return edit.insertedText.slice(-1);
  return edit.offset > 0 ? oldText?.charAt(edit.offset - 1) : undefined;
}

/** Why the edit changes the span's text, or undefined when the span keeps its text. */
function touches(
  span: { offset: number; length: number },
  edit: TextEdit,
  oldText: string | undefined,
): string | undefined {
  const start = span.offset;
  const end = span.offset + span.length;
  const editEnd = edit.offset + edit.removedLength;
  if (edit.removedLength > 0 ? edit.offset < end && editEnd > start : edit.offset > start && edit.offset < end)
    return 'the edit changed text inside the span';
  if (edit.offset === end && EXTENDS_PREVIOUS.test(charAfterEdit(edit, oldText) ?? ''))
    return 'the edit joined a combining character to the end of the span';
  if (editEnd === start && charBeforeEdit(edit, oldText) === ZWJ)
    return 'the edit joined the start of the span to the character before it';
  return undefined;
}

function checkEdit(edit: TextEdit): void {
  if (
    !Number.isInteger(edit.offset) ||
    !Number.isInteger(edit.removedLength) ||
    edit.offset < 0 ||
    edit.removedLength < 0
  )
    throw new RangeError(`Not a text edit: ${edit.offset}+${edit.removedLength}.`);
}

/**
 * Maps spans through one edit. `oldText`, the text before the edit, is optional: with it, deleting the character
 * between a span and a combining mark is caught too.
 */
export function mapSpansThroughEdit<S extends { offset: number; length: number }>(
  spans: readonly S[],
  edit: TextEdit,
  oldText?: string,
): MappedSpans<S> {
  checkEdit(edit);
  const delta = edit.insertedText.length - edit.removedLength;
  const result: MappedSpans<S> = { spans: [], review: [] };
  for (const span of spans) {
    const reason = touches(span, edit, oldText);
    if (reason !== undefined) result.review.push({ span, reason });
    // Untouched spans lie wholly before the edit (they stay) or wholly after it (they move).
    else if (span.offset >= edit.offset + edit.removedLength && delta !== 0)
      result.spans.push({ ...span, offset: span.offset + delta });
    else result.spans.push(span);
  }
  return result;
}

/**
 * Maps spans through several edits made at once (as an editor reports them: each relative to the text before any
 * of them, none overlapping). Review spans are reported as they were before the edits.
 */
export function mapSpansThroughEdits<S extends { offset: number; length: number }>(
  spans: readonly S[],
  edits: readonly TextEdit[],
  oldText?: string,
): MappedSpans<S> {
  // Last edit first: it moves nothing before it, so every later edit's offsets still hold.
  const ordered = [...edits].sort((a, b) => b.offset - a.offset);
  let current: S[] = [...spans];
  const review: Review<S>[] = [];
  let text = oldText;
  for (const edit of ordered) {
    const step = mapSpansThroughEdit(current, edit, text);
    current = step.spans;
    review.push(...step.review);
    if (text !== undefined)
      text = text.slice(0, edit.offset) + edit.insertedText + text.slice(edit.offset + edit.removedLength);
  }
  return { spans: current, review };
}

/** A region through an edit: it grows or shrinks with edits inside it (or at its ends) and moves with edits before it. */
export function mapRegion(region: Region, edit: TextEdit): Region {
  const delta = edit.insertedText.length - edit.removedLength;
  const editEnd = edit.offset + edit.removedLength;
  const start = region.regionOffset;
  const end = region.regionOffset + region.regionLength;
  const newStart = start <= edit.offset ? start : start >= editEnd ? start + delta : edit.offset;
  const newEnd = end < edit.offset ? end : end >= editEnd ? end + delta : edit.offset + edit.insertedText.length;
  return { ...region, regionOffset: newStart, regionLength: Math.max(0, newEnd - newStart) };
}

export interface EditedDocument {
  file: LabelsFile;
  /** Spans taken out of the document because the edit changed their text, as they were before it. */
  review: Review<Region['labels'][number]>[];
}

/** Applies editor edits of one document to its labels: regions and spans follow the text. */
export function applyEditsToDocument(
  file: LabelsFile,
  location: string,
  edits: readonly TextEdit[],
  oldText?: string,
): OpResult<EditedDocument> {
  const assets = assetsOf(file);
  if (assets.projectKind !== 'CustomEntityRecognition') return ok({ file, review: [] }); // classes have no offsets
  const doc = assets.documents.find((d) => d.location === location);
  if (!doc) return refuse(`${location} is not in the project.`);
  const review: EditedDocument['review'] = [];
  const ordered = [...edits].sort((a, b) => b.offset - a.offset);
  const entities = (doc.entities ?? []).map((region) => {
    const mapped = mapSpansThroughEdits(region.labels, ordered, oldText);
    review.push(...mapped.review);
    const moved = ordered.reduce(mapRegion, region);
    return { ...moved, labels: mapped.spans };
  });
  const next: EntityDocument = { ...doc, entities };
  const documents = assets.documents.map((d) => (d.location === location ? next : d));
  return ok({ file: withAssets(file, { ...assets, documents }), review });
}
