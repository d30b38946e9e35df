// A saved analyze-text job result (a JSON file) read back: which shape it is in, and its documents' results.
import { normalizeAnalyzeJob } from '../api/results';
import type { DocumentResult, TaskResult } from '../api/schemas/normalized';
import { isRecord } from '../contract/common';
import { isLegacyAnalyzeJob, legacyTaskListKeys } from '../contract/legacy';

/** The shapes told apart: today's job state, and the two retired previews of the 2021 custom text quickstart. */
export type SavedResultShape = 'GA (2022-05-01 or 2023-04-01)' | 'legacy v3.1-preview.ct.1' | 'legacy v3.2-preview.2';

export interface SavedDocument {
  task: TaskResult;
  document: DocumentResult;
}

export interface SavedResult {
  shape: SavedResultShape;
  /** Every document with a result, across the job's custom tasks. */
  documents: SavedDocument[];
}

/** True when a legacy job uses v3.2-preview.2 words: `state` on a task, `classification(s)` on a document. */
function usesPreview2Words(body: Record<string, unknown>): boolean {
  const tasks = isRecord(body.tasks) ? body.tasks : {};
  for (const key of legacyTaskListKeys) {
    const list = tasks[key];
    if (!Array.isArray(list)) continue;
    for (const task of list) {
      if (!isRecord(task)) continue;
      if (task.state !== undefined && task.status === undefined) return true;
      const docs = isRecord(task.results) && Array.isArray(task.results.documents) ? task.results.documents : [];
      if (docs.some((d) => isRecord(d) && (d.classification !== undefined || d.classifications !== undefined)))
        return true;
    }
  }
  return false;
}

/** Reads a saved job body; throws with the reason when it is no analyze-text job of a known shape. */
export function readSavedResult(body: unknown): SavedResult {
  if (!isRecord(body) || !isRecord(body.tasks))
    throw new Error(
      'This is not a saved analyze-text job result: it has no "tasks". Save the body of GET …/analyze-text/jobs/{jobId} (or of a 2021 preview job).',
    );
  const shape: SavedResultShape = isLegacyAnalyzeJob(body)
    ? usesPreview2Words(body)
      ? 'legacy v3.2-preview.2'
      : 'legacy v3.1-preview.ct.1'
    : 'GA (2022-05-01 or 2023-04-01)';
  const result = normalizeAnalyzeJob(body, 'saved analyze-text job');
  const documents = result.tasks.flatMap((task) => task.documents.map((document) => ({ task, document })));
  if (documents.length === 0)
    throw new Error(
      `The saved job (${shape}) holds no custom text results: its status is ${result.status}${result.errors.length > 0 ? ` (${result.errors.map((e) => e.message).join('; ')})` : ''}.`,
    );
  return { shape, documents };
}

/**
 * Why a document's entities cannot be shown on `text` (an offset past its end, or another text at the place), or
 * undefined when they fit.
 */
export function misfit(document: DocumentResult, text: string): string | undefined {
  for (const e of document.entities ?? []) {
    if (e.offset < 0 || e.offset + e.length > text.length)
      return `its entity "${e.text}" (${e.category}) ends at ${e.offset + e.length}, past the end of this text (${text.length} characters)`;
    const there = text.slice(e.offset, e.offset + e.length);
    if (there !== e.text) return `its entity "${e.text}" (${e.category}) at ${e.offset} reads "${there}" in this text`;
  }
  return undefined;
}
