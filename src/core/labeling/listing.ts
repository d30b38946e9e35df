// A document found on disk but not yet in the labels file is added to it when it is first labeled.
import { addDocuments } from './documentOps';
import type { LabelsFile, OpResult } from './model';
import { assetsOf, findDocument } from './model';

/** Applies `change` to the document at `location`, adding it first (in the project's language) when unlisted. */
export function onListedDocument(file: LabelsFile, location: string, change: (file: LabelsFile) => OpResult): OpResult {
  if (findDocument(assetsOf(file), location)) return change(file);
  const added = addDocuments(file, [location], { language: file.metadata.language });
  return added.ok ? change(added.value.file) : added;
}
