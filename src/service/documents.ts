// A document's text under the training limit, from a folder or a blob: how many bytes may be read at most, and
// the one error an oversized document gets wherever it lives.
import { MAX_TRAINING_DOCUMENT_CHARACTERS } from '../contract/limits';
import { badRequest } from './errors';
import type { ServiceError } from './errors';

export { MAX_DOCUMENT_BYTES } from '../contract/limits';

export function documentTooLarge(location: string, container: string): ServiceError {
  return badRequest(
    `Document "${location}" in container "${container}" is too large: a training document may have at most ${MAX_TRAINING_DOCUMENT_CHARACTERS.toLocaleString('en-US')} characters.`,
    'InvalidDocument',
  );
}

/** A document's bytes as text, checked against the character limit. */
export function documentText(bytes: Buffer, location: string, container: string): string {
  const text = bytes.toString('utf8');
  // A byte-order mark is not part of the text the labels' offsets count.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.length > MAX_TRAINING_DOCUMENT_CHARACTERS) throw documentTooLarge(location, container);
  return body;
}
