// An analysis result added to a document's labels: its entities as spans, or its classes, never replacing a label
// the user gave (a span that overlaps one, a single-label document that has its class, is skipped with the reason).
import { setClass, toggleClass } from './classOps';
import { addDocuments } from './documentOps';
import type { LabelsFile, OpResult } from './model';
import { assetsOf, categoriesOf, classesByDocument, findDocument, ok, refuse } from './model';
import { addSpan } from './spanOps';

export interface ResultLabels {
  /** Entities with offsets in the document's text (on disk). */
  entities: readonly { category: string; offset: number; length: number }[];
  /** Classes, most confident first. */
  classes: readonly string[];
}

export interface AddedLabels {
  file: LabelsFile;
  added: number;
  /** Why each result not added was skipped. */
  skipped: string[];
}

/** Adds the result to the document at `location` (listing it first when it is not yet), in one change. */
export function addResultAsLabels(
  file: LabelsFile,
  location: string,
  text: string,
  result: ResultLabels,
): OpResult<AddedLabels> {
  let current = file;
  if (findDocument(assetsOf(current), location) === undefined) {
    const listed = addDocuments(current, [location]);
    if (!listed.ok) return refuse(listed.reason);
    current = listed.value.file;
  }
  const assets = assetsOf(current);
  const known = new Set(categoriesOf(assets));
  const skipped: string[] = [];
  let added = 0;
  const step = (what: string, change: OpResult): void => {
    if (change.ok) {
      current = change.value;
      added++;
    } else skipped.push(`${what}: ${change.reason}`);
  };
  switch (assets.projectKind) {
    case 'CustomEntityRecognition':
      for (const e of result.entities) {
        const what = `${e.category} "${text.slice(e.offset, e.offset + e.length)}"`;
        step(what, addSpan(current, location, text, e));
      }
      break;
    case 'CustomSingleLabelClassification': {
      const top = result.classes[0];
      const has = classesByDocument(assets).get(location)?.[0];
      if (top === undefined) break;
      if (has !== undefined) skipped.push(`${top}: the document is labeled ${has} already`);
      else if (!known.has(top)) skipped.push(`${top}: not a class of this project`);
      else step(top, setClass(current, location, top));
      break;
    }
    case 'CustomMultiLabelClassification': {
      const has = new Set(classesByDocument(assets).get(location) ?? []);
      for (const c of result.classes) {
        if (has.has(c)) continue; // Toggling would remove it: the user's label stays.
        if (!known.has(c)) skipped.push(`${c}: not a class of this project`);
        else step(c, toggleClass(current, location, c));
      }
      break;
    }
  }
  return ok({ file: current, added, skipped });
}
