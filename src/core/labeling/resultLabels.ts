// An analysis result added to a document's labels as accepted suggestions: the same rules as Suggest Labels, so a
// result never replaces a label the user gave (an overlapping span, a single-label document's class) and only
// categories of the project are added.
import { acceptAll, suggestionsFor } from '../suggestions/suggestions';
import type { LabelsFile } from './model';
import { assetsOf } from './model';

export interface ResultLabels {
  /** Entities with UTF-16 offsets in the document's text (on disk). */
  entities: readonly { category: string; offset: number; length: number; confidence: number }[];
  /** Classes, most confident first. */
  classes: readonly { category: string; confidence: number }[];
}

export interface AddedLabels {
  file: LabelsFile;
  added: number;
  /** How many of the result's entities or classes were not added (a label of the user's there, or unknown). */
  skipped: number;
  /** Why the labels file refused some that were offered (rare: the rules above already leave them out). */
  refused: string[];
}

/** Adds the result to the document at `location` (listing it first when it is not yet), in one change. */
export function addResultAsLabels(file: LabelsFile, location: string, text: string, result: ResultLabels): AddedLabels {
  const prediction = {
    entities: result.entities.map((e) => ({
      category: e.category,
      text: text.slice(e.offset, e.offset + e.length),
      offset: e.offset,
      length: e.length,
      confidenceScore: e.confidence,
    })),
    classes: result.classes.map((c) => ({ category: c.category, confidenceScore: c.confidence })),
  };
  // Every confidence counts: the user asked for this result, not for the confident part of it.
  const suggestions = suggestionsFor(file, location, text, prediction, 0);
  const accepted = acceptAll(file, text, suggestions);
  const total =
    assetsOf(file).projectKind === 'CustomEntityRecognition' ? result.entities.length : result.classes.length;
  return {
    file: accepted.file,
    added: accepted.accepted,
    skipped: total - accepted.accepted,
    refused: accepted.refused.map((r) => r.reason),
  };
}
