// The tf-idf vectors of a training set, made on demand from its term matrix rather than held: sublinear tf ×
// smoothed idf, unit length, as `weighTerms` makes them at prediction time. Several models fitted from one
// matrix (the final one and the calibration halves) then cost no memory per document beyond the matrix.
import type { SparseRows } from './linearModel';
import type { TermMatrix } from './termMatrix';
import type { FeatureSpace, SparseVector } from './textFeatures';
import { unitVector } from './textFeatures';

/** 1 + ln(count) for the usual small counts. */
const SUBLINEAR_TF = Float64Array.from({ length: 64 }, (_, c) => (c > 0 ? 1 + Math.log(c) : 0));

export class TfIdfRows implements SparseRows {
  readonly count: number;
  private ids = new Int32Array(1024);
  private values = new Float32Array(1024);

  private constructor(
    private readonly matrix: TermMatrix,
    /** The matrix's documents these rows are, in order. */
    private readonly documents: Int32Array,
    /** Feature id of each term id, or -1 for a term the space does not keep. */
    private readonly featureOf: Int32Array,
    readonly space: FeatureSpace,
  ) {
    this.count = documents.length;
  }

  /**
   * Keeps terms seen in at least `minDocumentFrequency` of `documents`, with smoothed idf as in common tf-idf;
   * odd hashes (char n-grams) weigh `oddWeight`. Feature ids follow first appearance over the matrix.
   */
  static fit(matrix: TermMatrix, documents: Int32Array, minDocumentFrequency: number, oddWeight: number): TfIdfRows {
    const terms = matrix.hashes.length;
    const df = new Int32Array(terms);
    for (const doc of documents) {
      const { terms: ids } = matrix.chunks[matrix.chunkOf[doc] ?? 0] ?? EMPTY;
      const from = matrix.start[doc] ?? 0;
      const to = from + (matrix.length[doc] ?? 0);
      for (let i = from; i < to; i++) {
        const id = ids[i] ?? 0;
        df[id] = (df[id] ?? 0) + 1;
      }
    }
    const featureOf = new Int32Array(terms);
    let kept = 0;
    for (let id = 0; id < terms; id++) featureOf[id] = (df[id] ?? 0) >= minDocumentFrequency ? kept++ : -1;
    const buckets = new Int32Array(kept);
    const idf = new Float32Array(kept);
    const n = documents.length;
    for (let id = 0; id < terms; id++) {
      const f = featureOf[id] ?? -1;
      if (f < 0) continue;
      const hash = matrix.hashes[id] ?? 0;
      buckets[f] = hash;
      idf[f] = (Math.log((1 + n) / (1 + (df[id] ?? 0))) + 1) * ((hash & 1) === 1 ? oddWeight : 1);
    }
    return new TfIdfRows(matrix, documents, featureOf, { buckets, idf });
  }

  /** The vector of the i-th of these documents: a view of a scratch buffer, valid until the next call. */
  row(i: number): SparseVector {
    return this.vectorOf(this.documents[i] ?? 0);
  }

  /** The vector of a document of the matrix in this space (terms it does not keep are dropped): scratch. */
  vectorOf(doc: number): SparseVector {
    const m = this.matrix;
    const { terms, counts } = m.chunks[m.chunkOf[doc] ?? 0] ?? EMPTY;
    const from = m.start[doc] ?? 0;
    const length = m.length[doc] ?? 0;
    if (this.ids.length < length) {
      this.ids = new Int32Array(length * 2);
      this.values = new Float32Array(length * 2);
    }
    const { ids, values, featureOf } = this;
    const idf = this.space.idf;
    let kept = 0;
    let norm = 0;
    for (let i = from; i < from + length; i++) {
      const f = featureOf[terms[i] ?? 0] ?? -1;
      if (f < 0) continue;
      const count = counts[i] ?? 1;
      const w = (count < 64 ? (SUBLINEAR_TF[count] ?? 0) : 1 + Math.log(count)) * (idf[f] ?? 0);
      ids[kept] = f;
      values[kept] = w;
      kept++;
      norm += w * w;
    }
    return unitVector(ids, values, kept, norm);
  }
}

const EMPTY = { terms: new Int32Array(0), counts: new Uint16Array(0) };
