// Turns one document's analyze result into what the results panel and the editor decorations show.
import type { DocumentResult, TaskResult } from '../api/schemas/normalized';
import { colorsByCategory } from './entityColors';
import type { EntityView, FolderRow, RelationView, ResultView, TextSegment } from './views';

/** Splits text into plain and entity runs; an entity overlapping an earlier one is left to the table. */
export function segmentText(
  text: string,
  entities: readonly Pick<EntityView, 'index' | 'offset' | 'length'>[],
): TextSegment[] {
  const segments: TextSegment[] = [];
  let at = 0;
  for (const e of [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length)) {
    const start = Math.max(0, Math.min(text.length, e.offset));
    const end = Math.max(start, Math.min(text.length, e.offset + e.length));
    if (start < at || end === start) continue;
    if (start > at) segments.push({ text: text.slice(at, start) });
    segments.push({ text: text.slice(start, end), entityIndex: e.index });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}

export interface ResultViewInput {
  task: TaskResult;
  document: DocumentResult;
  /** The text that was sent. */
  text: string;
  title: string;
  offsetBase: number;
}

export function buildResultView({ task, document, text, title, offsetBase }: ResultViewInput): ResultView {
  const found = document.entities ?? [];
  const colors = colorsByCategory(found.map((e) => e.category));
  const entities: EntityView[] = found.map((e, index) => ({
    index,
    category: e.category,
    ...(e.subcategory === undefined ? {} : { subcategory: e.subcategory }),
    text: e.text,
    offset: e.offset,
    length: e.length,
    confidence: e.confidenceScore,
    color: colors.get(e.category) ?? 1,
    ...(e.assertion === undefined ? {} : { assertion: e.assertion }),
    ...(e.name === undefined ? {} : { name: e.name }),
    ...(e.links === undefined ? {} : { links: e.links }),
  }));
  const relations: RelationView[] = (document.relations ?? []).map((r) => ({
    relationType: r.relationType,
    ...(r.confidenceScore === undefined ? {} : { confidence: r.confidenceScore }),
    roles: r.roles.map((role) => ({ ...role, text: entities[role.entityIndex]?.text ?? '?' })),
  }));
  const notes = [
    ...document.warnings.map((w) => `Warning ${w.code}: ${w.message}`),
    ...(document.error === undefined ? [] : [`Error ${document.error.code}: ${document.error.message}`]),
  ];
  return {
    title,
    source: `${task.projectName ?? '?'} / ${task.deploymentName ?? '?'}`,
    kind: task.kind,
    offsetBase,
    classes: [...(document.classes ?? [])]
      .sort((a, b) => b.confidenceScore - a.confidenceScore)
      .map((c) => ({ category: c.category, confidence: c.confidenceScore })),
    entities,
    relations,
    segments: segmentText(text, entities),
    notes,
  };
}

/** A folder summary row from one file's result: its top classes or its entity counts per category. */
export function folderRow(file: string, document: DocumentResult | undefined, problem?: string): FolderRow {
  if (document === undefined)
    return { file, classes: [], entityCounts: {}, entityTexts: {}, problem: problem ?? 'No result' };
  // Maps: a category may be named "constructor" or "__proto__", which a plain object already has.
  const counts = new Map<string, number>();
  const texts = new Map<string, Set<string>>();
  for (const e of document.entities ?? []) {
    counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
    const seen = texts.get(e.category) ?? new Set<string>();
    texts.set(e.category, seen.add(e.text));
  }
  const entityCounts = Object.fromEntries(counts);
  const entityTexts = Object.fromEntries([...texts].map(([c, t]) => [c, [...t]]));
  const classes = [...(document.classes ?? [])]
    .sort((a, b) => b.confidenceScore - a.confidenceScore)
    .slice(0, 3)
    .map((c) => ({ category: c.category, confidence: c.confidenceScore }));
  const error = document.error === undefined ? {} : { problem: `${document.error.code}: ${document.error.message}` };
  return { file, classes, entityCounts, entityTexts, ...error };
}
