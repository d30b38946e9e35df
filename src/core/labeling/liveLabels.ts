// The labels of a document with unsaved edits. The labels file matches the text on disk, so while the editor holds
// edits the spans are followed in memory: spans after an edit move with it, a span the edit touches becomes a flag
// (shown for review, never moved onto other text). Saving writes the followed spans to the labels file; undoing
// back to the saved text, or reverting, returns to the file's spans.
import type { TextEdit } from './editMapping';
import { mapRegion, mapSpansThroughEdits } from './editMapping';
import type { EntityDocument, LabelsFile, OpResult, Region, Span } from './model';
import { assetsOf, ok, refuse, spansOf, withAssets } from './model';

/** A label an edit changed the text of: where that text is now, and what it was. */
export interface Flag {
  category: string;
  /** The labelled text before the edit ('' when it is not known). */
  text: string;
  offset: number;
  length: number;
  reason: string;
}

export interface LiveLabels {
  spans: Span[];
  flags: Flag[];
}

/** Where a range of the text before `edit` lies after it: ranges shrink and grow with edits inside them. */
export function mapRange<R extends { offset: number; length: number }>(range: R, edit: TextEdit): R {
  const region = mapRegion({ regionOffset: range.offset, regionLength: range.length, labels: [] }, edit);
  return { ...range, offset: region.regionOffset, length: region.regionLength };
}

/** Through edits made together (each relative to the text before all of them), last first. */
function mapRangeThroughEdits<R extends { offset: number; length: number }>(range: R, edits: readonly TextEdit[]): R {
  return [...edits].sort((a, b) => b.offset - a.offset).reduce(mapRange, range);
}

/** Follows one batch of simultaneous edits; `oldText` (the text before them) names the flagged text. */
export function followEdits(live: LiveLabels, edits: readonly TextEdit[], oldText?: string): LiveLabels {
  const mapped = mapSpansThroughEdits(live.spans, edits, oldText);
  const flags = live.flags.map((f) => mapRangeThroughEdits(f, edits));
  for (const { span, reason } of mapped.review) {
    const text = oldText?.slice(span.offset, span.offset + span.length) ?? '';
    flags.push({ ...mapRangeThroughEdits(span, edits), category: span.category, text, reason });
  }
  return { spans: mapped.spans, flags };
}

/** The document's labels after every batch of unsaved edits, starting from the labels file's spans. */
export function liveLabelsOf(
  doc: EntityDocument,
  batches: readonly (readonly TextEdit[])[],
  flags: Flag[],
): LiveLabels {
  return batches.reduce<LiveLabels>((live, batch) => followEdits(live, batch), { spans: spansOf(doc), flags });
}

/** The regions holding `spans` (the document's regions moved through the edits; a span outside them is dropped). */
function regionsAfter(doc: EntityDocument, batches: readonly (readonly TextEdit[])[], spans: Span[]): Region[] {
  const moved = (doc.entities ?? []).map((region) =>
    batches.reduce((r, batch) => [...batch].sort((a, b) => b.offset - a.offset).reduce(mapRegion, r), region),
  );
  return moved.map((r) => ({
    ...r,
    labels: spans.filter((s) => s.offset >= r.regionOffset && s.offset + s.length <= r.regionOffset + r.regionLength),
  }));
}

/** Writes the followed spans of a saved document into the labels file (flagged spans leave it). */
export function saveLiveLabels(
  file: LabelsFile,
  location: string,
  batches: readonly (readonly TextEdit[])[],
  spans: Span[],
): OpResult {
  const assets = assetsOf(file);
  if (assets.projectKind !== 'CustomEntityRecognition') return ok(file);
  const doc = assets.documents.find((d) => d.location === location);
  if (!doc) return refuse(`${location} is not in the project.`);
  const next: EntityDocument = { ...doc, entities: regionsAfter(doc, batches, spans) };
  return ok(withAssets(file, { ...assets, documents: assets.documents.map((d) => (d === doc ? next : d)) }));
}
