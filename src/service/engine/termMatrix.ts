// The training set read once: each document's distinct terms as ids into one table for the whole set, with
// their counts. Every model fitted during a training run (the final one and the calibration halves) builds its
// features from these ids, so no text is hashed twice. Storage is compact and never copied as it grows: fixed
// chunks of 6 bytes per entry (an Int32 id, a Uint16 count), each document inside one chunk.
import { BucketIndex } from './bucketIndex';
import type { Hasher } from './textFeatures';

/** Entries per chunk: 12 MiB each, small next to a large training set and large next to one document. */
const CHUNK_ENTRIES = 1 << 21;
/** Counts saturate here; 1 + ln(count) barely moves at that size. */
const MAX_COUNT = 65535;

export interface TermMatrix {
  documentCount: number;
  /** Term hash of each term id, ids in order of first appearance over the documents. */
  hashes: Int32Array;
  chunks: { terms: Int32Array; counts: Uint16Array }[];
  /** Chunk of each document. */
  chunkOf: Int32Array;
  /** Document d's entries are [start[d], start[d] + length[d]) of its chunk, in order of first appearance. */
  start: Int32Array;
  length: Int32Array;
}

/** Hashes each text once and interns its terms. `chunkEntries` is for tests. */
export function countTerms(texts: readonly string[], hasher: Hasher, chunkEntries = CHUNK_ENTRIES): TermMatrix {
  let characters = 0;
  for (const text of texts) characters += text.length;
  // Vocabularies grow slower than text (about 12 × tokens^0.6, a token being some 6 characters): sized for
  // that, the table stays small enough to sit in cache, and grows in the rare case it must.
  const expectedTerms = Math.max(1024, Math.ceil(12 * Math.pow(characters / 6, 0.6)));
  const index = new BucketIndex(expectedTerms);
  // Per term: the last document it was seen in (its count there is live), and that count.
  let seenIn = new Int32Array(expectedTerms).fill(-1);
  let count = new Int32Array(expectedTerms);
  const n = texts.length;
  const chunks: TermMatrix['chunks'] = [];
  const chunkOf = new Int32Array(n);
  const start = new Int32Array(n);
  const length = new Int32Array(n);
  let terms = new Int32Array(0);
  let counts = new Uint16Array(0);
  let used = 0;
  for (let doc = 0; doc < n; doc++) {
    const hashes = hasher(texts[doc] ?? '');
    // A document never has more distinct terms than hashes: make sure they fit in the current chunk.
    if (chunks.length === 0 || used + hashes.length > terms.length) {
      const size = Math.max(chunkEntries, hashes.length);
      terms = new Int32Array(size);
      counts = new Uint16Array(size);
      chunks.push({ terms, counts });
      used = 0;
    }
    const first = used;
    for (let i = 0; i < hashes.length; i++) {
      const id = index.intern(hashes[i] ?? 0);
      if (id >= seenIn.length) {
        seenIn = grown(seenIn, id, -1);
        count = grown(count, id, 0);
      }
      if (seenIn[id] === doc) {
        count[id] = (count[id] ?? 0) + 1;
        continue;
      }
      seenIn[id] = doc;
      count[id] = 1;
      terms[used++] = id;
    }
    for (let i = first; i < used; i++) counts[i] = Math.min(MAX_COUNT, count[terms[i] ?? 0] ?? 0);
    chunkOf[doc] = chunks.length - 1;
    start[doc] = first;
    length[doc] = used - first;
  }
  return { documentCount: n, hashes: index.keysById(), chunks, chunkOf, start, length };
}

/** A copy with room for index `needed`, new slots set to `fill`. */
function grown(values: Int32Array, needed: number, fill: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(Math.max(1024, values.length * 2, needed + 1));
  if (fill !== 0) out.fill(fill, values.length);
  out.set(values);
  return out;
}
