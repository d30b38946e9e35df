// Splits runtime work into requests the service accepts: at most 25 documents and 125,000 characters each.
import { MAX_CHARACTERS, MAX_DOCUMENTS } from '../contract/limits';
import { countTextElements } from '../contract/textElements';
import { ValidationError } from './errors';
import type { AnalyzeDocument } from '../contract/analyze';

export interface BatchLimits {
  maxDocuments: number;
  /** Counted in text elements (graphemes), as the service counts them. */
  maxCharacters: number;
}
export const runtimeLimits: BatchLimits = { maxDocuments: MAX_DOCUMENTS, maxCharacters: MAX_CHARACTERS };
// Counting lives with the contract (the local service counts the same way); re-exported for the extension.
export { countTextElements };

export interface Batch {
  documents: AnalyzeDocument[];
  /** Position of each document in the caller's list. */
  indexes: number[];
  characters: number;
}

/**
 * Groups documents, in order, into batches within the limits. Throws a ValidationError naming the first
 * document that cannot be sent at all (too long, missing or duplicate id).
 */
export function planBatches(documents: readonly AnalyzeDocument[], limits: BatchLimits = runtimeLimits): Batch[] {
  const batches: Batch[] = [];
  const ids = new Set<string>();
  let current: Batch = { documents: [], indexes: [], characters: 0 };
  documents.forEach((doc, index) => {
    if (doc.id.length === 0) throw new ValidationError(`Document ${index + 1} has an empty id.`, 'id');
    if (ids.has(doc.id)) throw new ValidationError(`Document id "${doc.id}" is used twice; ids must be unique.`, 'id');
    ids.add(doc.id);
    const characters = countTextElements(doc.text);
    if (characters > limits.maxCharacters) {
      throw new ValidationError(
        `Document "${doc.id}" has ${characters.toLocaleString('en-US')} characters; the service accepts at most ${limits.maxCharacters.toLocaleString('en-US')} per request. Split it into smaller documents.`,
        'text',
      );
    }
    if (
      current.documents.length === limits.maxDocuments ||
      (current.documents.length > 0 && current.characters + characters > limits.maxCharacters)
    ) {
      batches.push(current);
      current = { documents: [], indexes: [], characters: 0 };
    }
    current.documents.push(doc);
    current.indexes.push(index);
    current.characters += characters;
  });
  if (current.documents.length > 0) batches.push(current);
  return batches;
}
