// How typical a document is of the documents still to label: its mean cosine similarity (TF-IDF of its words) to
// the others. Least-certain-first alone favours outliers the model is unsure of because nothing resembles them;
// weighing uncertainty by typicality ("information density", Settles & Craven 2008) favours documents whose label
// teaches the model about many others.

/** A document's TF-IDF weights by word, of unit length (or empty). */
export type Vector = Map<string, number>;
const EMPTY: Vector = new Map();

function words(text: string): string[] {
  return text.toLowerCase().match(/\p{L}[\p{L}\p{N}']*/gu) ?? [];
}

/** Each text's TF-IDF vector, scaled to unit length, over the words of all the texts. */
export function tfIdf(texts: readonly string[]): Vector[] {
  const counts = texts.map((t) => {
    const c = new Map<string, number>();
    for (const w of words(t)) c.set(w, (c.get(w) ?? 0) + 1);
    return c;
  });
  const df = new Map<string, number>();
  for (const c of counts) for (const w of c.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  return counts.map((c) => {
    const v: Vector = new Map();
    let norm = 0;
    for (const [w, n] of c) {
      // Smoothed (+1), so a word every document has still counts: identical documents are fully alike.
      const x = (1 + Math.log(n)) * (1 + Math.log((1 + texts.length) / (1 + (df.get(w) ?? 0))));
      v.set(w, x);
      norm += x * x;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (const [w, x] of v) v.set(w, x * scale);
    return v;
  });
}

/** Cosine similarity of two unit vectors. */
export function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [w, x] of small) sum += x * (large.get(w) ?? 0);
  return sum;
}

/** Each text's mean cosine similarity to the others, in [0, 1]. */
export function typicality(texts: readonly string[]): number[] {
  const vectors = tfIdf(texts);
  const sums = new Float64Array(texts.length);
  for (let i = 0; i < vectors.length; i++)
    for (let j = i + 1; j < vectors.length; j++) {
      const s = dot(vectors[i] ?? EMPTY, vectors[j] ?? EMPTY);
      sums[i] = (sums[i] ?? 0) + s;
      sums[j] = (sums[j] ?? 0) + s;
    }
  return [...sums].map((s) => (texts.length > 1 ? s / (texts.length - 1) : 0));
}
