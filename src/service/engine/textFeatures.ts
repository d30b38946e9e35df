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
  return unitVector(ids, values, kept, norm);
}

/** The first `kept` entries of `ids` and `values`, scaled to length 1 (`norm`: the sum of their squares). */
export function unitVector(ids: Int32Array, values: Float32Array, kept: number, norm: number): SparseVector {
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < kept; i++) values[i] = (values[i] ?? 0) * scale;
  return { indices: ids.subarray(0, kept), values: values.subarray(0, kept) };
}
