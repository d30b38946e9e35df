// Bag-of-words features for classification: words as 32-bit hashes, sublinear tf × idf, L2-normalised.
import { BucketIndex } from './bucketIndex';
import { termHashes } from './termHashes';

/** Parallel arrays: feature ids and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

// A small per-thread table counts one document's terms: it stays in cache, unlike a table over the whole hash
// space, and is cleared by walking only the slots it used.
let slotKeys = new Int32Array(4096);
let slotCounts = new Float32Array(4096);
let slotMask = 4095;
let used = new Int32Array(2048);
let usedCount = 0;

function countHash(hash: number): void {
  let slot = hash & slotMask;
  for (;;) {
    const c = slotCounts[slot] ?? 0;
    if (c === 0) break;
    if (slotKeys[slot] === hash) {
      slotCounts[slot] = c + 1;
      return;
    }
    slot = (slot + 1) & slotMask;
  }
  slotKeys[slot] = hash;
  slotCounts[slot] = 1;
  used[usedCount++] = slot;
  if (usedCount * 2 > slotMask) growCounts();
}

function growCounts(): void {
  const keys = slotKeys;
  const counts = slotCounts;
  const oldUsed = used.subarray(0, usedCount);
  slotKeys = new Int32Array(keys.length * 2);
  slotCounts = new Float32Array(keys.length * 2);
  slotMask = slotKeys.length - 1;
  used = new Int32Array(slotKeys.length);
  usedCount = 0;
  for (const s of oldUsed) {
    const key = keys[s] ?? 0;
    let slot = key & slotMask;
    while ((slotCounts[slot] ?? 0) !== 0) slot = (slot + 1) & slotMask;
    slotKeys[slot] = key;
    slotCounts[slot] = counts[s] ?? 0;
    used[usedCount++] = slot;
  }
}

/** Hashes a text's features into a scratch buffer (valid until the next call). */
export type Hasher = (text: string) => Int32Array;

/** Term counts of one text, keyed by 32-bit term hash, in order of first appearance. */
export function hashedTermCounts(text: string, hasher: Hasher = termHashes): SparseVector {
  usedCount = 0;
  const hashes = hasher(text);
  for (let i = 0; i < hashes.length; i++) countHash(hashes[i] ?? 0);
  const indices = new Int32Array(usedCount);
  const values = new Float32Array(usedCount);
  for (let i = 0; i < usedCount; i++) {
    const slot = used[i] ?? 0;
    indices[i] = slotKeys[slot] ?? 0;
    values[i] = slotCounts[slot] ?? 0;
    slotCounts[slot] = 0;
  }
  return { indices, values };
}

/** The features kept at training time, with their idf weights. */
export interface FeatureSpace {
  /** Term hash of each kept feature, by feature id. */
  buckets: Int32Array;
  idf: Float32Array;
}

// Training reads every document once: each term hash is interned straight into one table for the whole
// training set, and each document keeps the ids of its terms with their counts. Document frequencies, the
// kept features and the tf-idf vectors then come from these ids without hashing anything again.
let termIndex = new BucketIndex(16);
let termSeenIn = new Int32Array(0);
let termCount = new Int32Array(0);
/** Each document's distinct term ids, documents one after the other. */
let docTerms = new Int32Array(0);
let docTermCount = 0;
let currentDoc = 0;

function internTerm(hash: number): void {
  const id = termIndex.intern(hash);
  if (id >= termSeenIn.length) {
    termSeenIn = grown(termSeenIn, id, -1);
    termCount = grown(termCount, id, 0);
  }
  if (termSeenIn[id] === currentDoc) {
    termCount[id] = (termCount[id] ?? 0) + 1;
    return;
  }
  termSeenIn[id] = currentDoc;
  termCount[id] = 1;
  if (docTermCount >= docTerms.length) docTerms = grown(docTerms, docTermCount, 0);
  docTerms[docTermCount++] = id;
}

/** A copy with room for index `needed`, new slots set to `fill`. */
function grown(values: Int32Array, needed: number, fill: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(Math.max(1024, values.length * 2, needed + 1));
  if (fill !== 0) out.fill(fill, values.length);
  out.set(values);
  return out;
}

/** 1 + ln(count) for the usual small counts. */
const SUBLINEAR_TF = Float64Array.from({ length: 64 }, (_, c) => (c > 0 ? 1 + Math.log(c) : 0));

/** The training set as tf-idf vectors, and the features they use. */
export interface TfIdfFit {
  space: FeatureSpace;
  vectors: SparseVector[];
}

/**
 * Keeps terms seen in at least `minDocumentFrequency` documents, with smoothed idf as in common tf-idf, and
 * weighs each document as `weighTerms` does: feature ids follow first appearance over the documents in order,
 * so the result depends only on the training documents and their order.
 */
export function fitTfIdf(
  texts: readonly string[],
  minDocumentFrequency: number,
  hasher: Hasher = termHashes,
  oddWeight = 1,
): TfIdfFit {
  let characters = 0;
  for (const text of texts) characters += text.length;
  // Vocabularies grow slower than text (about 12 × tokens^0.6, a token being some 6 characters): sized for
  // that, the table stays small enough to sit in cache, and grows in the rare case it must.
  const expectedTerms = Math.max(1024, Math.ceil(12 * Math.pow(characters / 6, 0.6)));
  termIndex = new BucketIndex(expectedTerms);
  termSeenIn = new Int32Array(expectedTerms).fill(-1);
  termCount = new Int32Array(expectedTerms);
  docTerms = new Int32Array(Math.max(1024, Math.ceil(characters / 10)));
  docTermCount = 0;
  const docStarts = new Int32Array(texts.length + 1);
  let counts = new Int32Array(docTerms.length);
  texts.forEach((text, doc) => {
    currentDoc = doc;
    const start = docTermCount;
    const hashes = hasher(text);
    for (let i = 0; i < hashes.length; i++) internTerm(hashes[i] ?? 0);
    if (counts.length < docTermCount) counts = grown(counts, docTermCount, 0);
    for (let i = start; i < docTermCount; i++) counts[i] = termCount[docTerms[i] ?? 0] ?? 0;
    docStarts[doc + 1] = docTermCount;
  });
  const terms = termIndex.size;
  const df = new Int32Array(terms);
  for (let i = 0; i < docTermCount; i++) {
    const id = docTerms[i] ?? 0;
    df[id] = (df[id] ?? 0) + 1;
  }
  const hashOf = termIndex.keysById();
  const featureOf = new Int32Array(terms);
  let kept = 0;
  for (let id = 0; id < terms; id++) featureOf[id] = (df[id] ?? 0) >= minDocumentFrequency ? kept++ : -1;
  const buckets = new Int32Array(kept);
  const idf = new Float32Array(kept);
  const n = texts.length;
  for (let id = 0; id < terms; id++) {
    const f = featureOf[id] ?? -1;
    if (f < 0) continue;
    buckets[f] = hashOf[id] ?? 0;
    idf[f] = (Math.log((1 + n) / (1 + (df[id] ?? 0))) + 1) * (((hashOf[id] ?? 0) & 1) === 1 ? oddWeight : 1);
  }
  // The vectors are written over the term ids and counts they come from (a document's kept terms only move
  // down), so they share two arrays, each document a slice of them, and need no memory of their own.
  const allIds = docTerms;
  const allValues = new Float32Array(counts.buffer, 0, docTermCount);
  const vectors: SparseVector[] = [];
  for (let doc = 0; doc < texts.length; doc++) {
    const start = docStarts[doc] ?? 0;
    const end = docStarts[doc + 1] ?? 0;
    let used = start;
    let norm = 0;
    for (let i = start; i < end; i++) {
      const f = featureOf[docTerms[i] ?? 0] ?? -1;
      if (f < 0) continue;
      const count = counts[i] ?? 1;
      const w = (count < 64 ? (SUBLINEAR_TF[count] ?? 0) : 1 + Math.log(count)) * (idf[f] ?? 0);
      allIds[used] = f;
      allValues[used] = w;
      used++;
      norm += w * w;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = start; i < used; i++) allValues[i] = (allValues[i] ?? 0) * scale;
    vectors.push({ indices: allIds.subarray(start, used), values: allValues.subarray(start, used) });
  }
  // Release the training set's tables: the model keeps only what it needs.
  termIndex = new BucketIndex(16);
  termSeenIn = new Int32Array(0);
  termCount = new Int32Array(0);
  docTerms = new Int32Array(0);
  return { space: { buckets, idf }, vectors };
}

/** bucket → feature id; built once per model and reused for every prediction. */
export function buildLookup(space: FeatureSpace): BucketIndex {
  return BucketIndex.fromBuckets(space.buckets);
}

/** tf-idf vector over feature ids: (1 + ln tf) × idf, unit length. Unknown buckets are dropped. */
export function weighTerms(counts: SparseVector, space: FeatureSpace, lookup: BucketIndex): SparseVector {
  const n = counts.indices.length;
  const ids = new Int32Array(n);
  const values = new Float32Array(n);
  let kept = 0;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const id = lookup.get(counts.indices[i] ?? 0);
    if (id < 0) continue;
    const w = (1 + Math.log(counts.values[i] ?? 1)) * (space.idf[id] ?? 0);
    ids[kept] = id;
    values[kept] = w;
    kept++;
    norm += w * w;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < kept; i++) values[i] = (values[i] ?? 0) * scale;
  return { indices: ids.subarray(0, kept), values: values.subarray(0, kept) };
}
