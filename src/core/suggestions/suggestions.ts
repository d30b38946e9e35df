// Suggestions: what a deployed model predicts for a document, kept apart from its labels until the user accepts
// them. A suggestion never overlaps or replaces a user's label, and only an accepted one reaches the labels file.
import type { DocumentResult } from '../../api/schemas/normalized';
import type { LabelsFile, OpResult, Span } from '../../core/labeling/model';
import { assetsOf, classesByDocument, findDocument, ok, refuse, spansOf, withAssets } from '../../core/labeling/model';
import { setClass, toggleClass } from '../../core/labeling/classOps';
import { onListedDocument } from '../../core/labeling/listing';
import { addSpan, spanProblem } from '../../core/labeling/spanOps';

export interface EntitySuggestion {
  category: string;
  offset: number;
  length: number;
  confidence: number;
}

export interface ClassSuggestion {
  category: string;
  confidence: number;
}

/** The open suggestions of one document of a project. */
export interface DocumentSuggestions {
  location: string;
  entities: EntitySuggestion[];
  classes: ClassSuggestion[];
}

export const DEFAULT_SUGGESTION_THRESHOLD = 0.5;

/** Labels of the document in the project now: its spans (entities) or its classes. */
function documentLabels(file: LabelsFile, location: string): { spans: Span[]; classes: string[] } {
  const assets = assetsOf(file);
  const doc = findDocument(assets, location);
  if (assets.projectKind !== 'CustomEntityRecognition')
    return { spans: [], classes: classesByDocument(assets).get(location) ?? [] };
  const entityDoc = assets.documents.find((d) => d.location === location);
  return { spans: entityDoc && doc ? spansOf(entityDoc) : [], classes: [] };
}

function coverage(length: number, spans: readonly { offset: number; length: number }[]): Uint8Array {
  const taken = new Uint8Array(length);
  for (const s of spans) taken.fill(1, Math.max(0, s.offset), Math.min(length, s.offset + s.length));
  return taken;
}

function covers(taken: Uint8Array, s: { offset: number; length: number }): boolean {
  const end = Math.min(taken.length, s.offset + s.length);
  for (let i = Math.max(0, s.offset); i < end; i++) if (taken[i] === 1) return true;
  return false;
}

/**
 * The suggestions a prediction gives a document: at or above `threshold`, in the project's categories, never
 * where the user has a label (an overlapping span, or a single-label document's class), never overlapping each
 * other (the more confident wins), and only spans the labels file could hold.
 */
export function suggestionsFor(
  file: LabelsFile,
  location: string,
  text: string,
  prediction: Pick<DocumentResult, 'entities' | 'classes'>,
  threshold: number,
): DocumentSuggestions {
  const assets = assetsOf(file);
  const known = new Set(
    assets.projectKind === 'CustomEntityRecognition'
      ? assets.entities.map((e) => e.category)
      : assets.classes.map((c) => c.category),
  );
  const labels = documentLabels(file, location);
  if (assets.projectKind === 'CustomEntityRecognition') {
    const kept: EntitySuggestion[] = [];
    const candidates = (prediction.entities ?? [])
      .filter((e) => e.confidenceScore >= threshold && known.has(e.category))
      .map((e) => ({ category: e.category, offset: e.offset, length: e.length, confidence: e.confidenceScore }))
      .sort((a, b) => b.confidence - a.confidence || a.offset - b.offset);
    // The text the user's spans and the suggestions kept so far cover, one flag per code unit: checking a
    // candidate costs its length, so 5,000 predictions on a 125,000-character document stay well within a frame.
    const taken = coverage(text.length, labels.spans);
    for (const s of candidates) {
      if (covers(taken, s) || spanProblem(text, [], s) !== undefined) continue;
      kept.push(s);
      taken.fill(1, s.offset, s.offset + s.length);
    }
    kept.sort((a, b) => a.offset - b.offset || a.length - b.length);
    return { location, entities: kept, classes: [] };
  }
  const predicted = (prediction.classes ?? [])
    .filter((c) => c.confidenceScore >= threshold && known.has(c.category))
    .sort((a, b) => b.confidenceScore - a.confidenceScore);
  if (assets.projectKind === 'CustomSingleLabelClassification') {
    // A single-label document the user classified keeps its class: a suggestion would replace it.
    const top = predicted[0];
    if (labels.classes.length > 0 || top === undefined) return { location, entities: [], classes: [] };
    return { location, entities: [], classes: [{ category: top.category, confidence: top.confidenceScore }] };
  }
  const classes = predicted
    .filter((c) => !labels.classes.includes(c.category))
    .map((c) => ({ category: c.category, confidence: c.confidenceScore }));
  return { location, entities: [], classes };
}

/** The suggestions still at or above `threshold` (raising the threshold hides the less confident ones). */
export function aboveThreshold(suggestions: DocumentSuggestions, threshold: number): DocumentSuggestions {
  return {
    ...suggestions,
    entities: suggestions.entities.filter((s) => s.confidence >= threshold),
    classes: suggestions.classes.filter((s) => s.confidence >= threshold),
  };
}

/** A document's open suggestions in a few words, for its row in the Labeling view (undefined: none). */
export function suggestionsInWords(suggestions: DocumentSuggestions | undefined): string | undefined {
  if (suggestions === undefined) return undefined;
  const { entities, classes } = suggestions;
  if (classes.length > 0)
    return `suggested ${classes.map((c) => `${c.category} ${Math.round(c.confidence * 100)}%`).join(', ')}`;
  if (entities.length > 0) return `${entities.length} suggested entit${entities.length === 1 ? 'y' : 'ies'}`;
  return undefined;
}

export type Suggestion = { kind: 'entity'; entity: EntitySuggestion } | { kind: 'class'; suggestion: ClassSuggestion };

const sameEntity = (a: EntitySuggestion, b: EntitySuggestion): boolean =>
  a.offset === b.offset && a.length === b.length && a.category === b.category;

/** The suggestions without `suggestion` (rejecting it, or after accepting it). */
export function without(suggestions: DocumentSuggestions, suggestion: Suggestion): DocumentSuggestions {
  return suggestion.kind === 'entity'
    ? { ...suggestions, entities: suggestions.entities.filter((s) => !sameEntity(s, suggestion.entity)) }
    : { ...suggestions, classes: suggestions.classes.filter((s) => s.category !== suggestion.suggestion.category) };
}

/** Makes one suggestion a label through the ordinary label operations (which refuse what a label could not be). */
export function acceptSuggestion(file: LabelsFile, location: string, text: string, suggestion: Suggestion): OpResult {
  // A document not yet in the labels file is added when its first suggestion is accepted, as when labeled by hand.
  return onListedDocument(file, location, (project) => {
    const assets = assetsOf(project);
    if (suggestion.kind === 'entity') {
      const { category, offset, length } = suggestion.entity;
      return addSpan(project, location, text, { category, offset, length });
    }
    const { category } = suggestion.suggestion;
    const has = classesByDocument(assets).get(location) ?? [];
    if (assets.projectKind === 'CustomSingleLabelClassification') {
      if (has.length > 0)
        return refuse(`${location} is already labeled ${has.join(', ')}; a suggestion never replaces a label.`);
      return setClass(project, location, category);
    }
    if (has.includes(category)) return ok(project);
    return toggleClass(project, location, category);
  });
}

export interface AcceptedAll {
  file: LabelsFile;
  accepted: number;
  /** Suggestions the labels file could not take, each with the reason. */
  refused: { suggestion: Suggestion; reason: string }[];
}

/** Every suggestion of a document, in one change of the project. */
export function acceptAll(file: LabelsFile, text: string, suggestions: DocumentSuggestions): AcceptedAll {
  const all: Suggestion[] = [
    ...suggestions.entities.map((entity): Suggestion => ({ kind: 'entity', entity })),
    ...suggestions.classes.map((suggestion): Suggestion => ({ kind: 'class', suggestion })),
  ];
  if (assetsOf(file).projectKind === 'CustomEntityRecognition' && suggestions.entities.length > 0) {
    const bulk = acceptEntities(file, suggestions.location, text, suggestions.entities);
    if (bulk) return bulk;
  }
  let current = file;
  let accepted = 0;
  const refused: AcceptedAll['refused'] = [];
  for (const suggestion of all) {
    const result = acceptSuggestion(current, suggestions.location, text, suggestion);
    if (result.ok) {
      current = result.value;
      accepted++;
    } else refused.push({ suggestion, reason: result.reason });
  }
  return { file: current, accepted, refused };
}

/**
 * Entity suggestions added in one pass (adding them one by one copies the document's spans each time: 5,000 of
 * them took seconds). Each is checked as addSpan checks it; undefined when the document is not in one region
 * shape this handles, and the caller falls back to one at a time.
 */
function acceptEntities(
  file: LabelsFile,
  location: string,
  text: string,
  entities: readonly EntitySuggestion[],
): AcceptedAll | undefined {
  const listed = onListedDocument(file, location, (f) => ok(f));
  if (!listed.ok) return undefined;
  const assets = assetsOf(listed.value);
  if (assets.projectKind !== 'CustomEntityRecognition') return undefined;
  const doc = assets.documents.find((d) => d.location === location);
  if (!doc) return undefined;
  const known = new Set(assets.entities.map((e) => e.category));
  const regions = (doc.entities ?? []).map((r) => ({ ...r, labels: [...r.labels] }));
  if (regions.length === 0) regions.push({ regionOffset: 0, regionLength: text.length, labels: [] });
  const taken = coverage(text.length, spansOf(doc));
  const refused: AcceptedAll['refused'] = [];
  let accepted = 0;
  for (const entity of entities) {
    const suggestion: Suggestion = { kind: 'entity', entity };
    const span = { category: entity.category, offset: entity.offset, length: entity.length };
    const region = regions.find(
      (r) => span.offset >= r.regionOffset && span.offset + span.length <= r.regionOffset + r.regionLength,
    );
    const reason = !known.has(span.category)
      ? `"${span.category}" is not an entity type of this project; add the entity type first.`
      : covers(taken, span)
        ? `The span ${span.offset}+${span.length} overlaps a label; spans cannot overlap.`
        : (spanProblem(text, [], span) ??
          (region ? undefined : `The span ${span.offset}+${span.length} is outside every labelled region.`));
    if (reason !== undefined || !region) {
      refused.push({ suggestion, reason: reason ?? 'outside every region' });
      continue;
    }
    region.labels.push(span);
    taken.fill(1, span.offset, span.offset + span.length);
    accepted++;
  }
  for (const r of regions) r.labels.sort((a, b) => a.offset - b.offset || a.length - b.length);
  const documents = assets.documents.map((d) => (d.location === location ? { ...doc, entities: regions } : d));
  return { file: withAssets(listed.value, { ...assets, documents }), accepted, refused };
}

/** The suggestion under a text offset (an entity suggestion whose span holds it). */
export function suggestionAt(suggestions: DocumentSuggestions, offset: number): EntitySuggestion | undefined {
  return suggestions.entities.find((s) => s.offset <= offset && offset <= s.offset + s.length);
}

export const countOf = (suggestions: DocumentSuggestions): number =>
  suggestions.entities.length + suggestions.classes.length;
