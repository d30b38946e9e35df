// Linear models over sparse vectors trained with SGD: multinomial logistic regression (softmax, one label per
// document) or independent logistic regressions (sigmoid, any number of labels per document).
import { permutation } from './random';
import type { SparseVector } from './textFeatures';

export type LinearLink = 'softmax' | 'sigmoid';

export interface LinearWeights {
  link: LinearLink;
  classCount: number;
  featureCount: number;
  /** weights[feature * classCount + class]: one feature's class weights sit together. */
  weights: Float32Array;
  bias: Float32Array;
}

export interface SgdOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty per step, applied to the touched weights. */
  l2: number;
  random: () => number;
  /** Skip the update when no class's gradient exceeds this. */
  skipBelow: number;
}

/** A training set's vectors, each made when asked: a row may be a scratch view, valid until the next call. */
export interface SparseRows {
  count: number;
  row(index: number): SparseVector;
}

/** targets[doc * classCount + class] is 1 for the document's labels, else 0. */
export function trainLinear(
  x: SparseRows,
  targets: Float32Array,
  classCount: number,
  featureCount: number,
  link: LinearLink,
  options: SgdOptions,
): LinearWeights {
  const K = classCount;
  const weights = new Float32Array(featureCount * K);
  const bias = new Float32Array(K);
  const scores = new Float64Array(K);
  const step = options.epochs * x.count;
  let t = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = permutation(x.count, options.random);
    for (const doc of order) {
      const v = x.row(doc);
      // A linearly decaying rate: large steps first, fine ones at the end (no averaging needed).
      const rate = options.learningRate * (1 - t / step) + 1e-3;
      t++;
      linearScores(v, weights, bias, K, scores);
      activate(scores, link);
      const base = doc * K;
      let largest = 0;
      for (let k = 0; k < K; k++) {
        const g = (scores[k] ?? 0) - (targets[base + k] ?? 0);
        scores[k] = g;
        largest = Math.max(largest, Math.abs(g));
      }
      // Documents the model already fits add nothing but cost: skip their update.
      if (largest < options.skipBelow) continue;
      const shrink = 1 - rate * options.l2;
      for (let i = 0; i < v.indices.length; i++) {
        const row = (v.indices[i] ?? 0) * K;
        const xi = (v.values[i] ?? 0) * rate;
        for (let k = 0; k < K; k++) weights[row + k] = (weights[row + k] ?? 0) * shrink - xi * (scores[k] ?? 0);
      }
      for (let k = 0; k < K; k++) bias[k] = (bias[k] ?? 0) - rate * (scores[k] ?? 0);
    }
  }
  return { link, classCount: K, featureCount, weights, bias };
}

export function linearScores(
  v: SparseVector,
  weights: Float32Array,
  bias: Float32Array,
  K: number,
  out: Float64Array,
): void {
  for (let k = 0; k < K; k++) out[k] = bias[k] ?? 0;
  for (let i = 0; i < v.indices.length; i++) {
    const row = (v.indices[i] ?? 0) * K;
    const xi = v.values[i] ?? 0;
    for (let k = 0; k < K; k++) out[k] = (out[k] ?? 0) + xi * (weights[row + k] ?? 0);
  }
}

/** Turns scores into probabilities in place: a distribution (softmax) or one probability per class (sigmoid). */
export function activate(scores: Float64Array, link: LinearLink): void {
  const K = scores.length;
  if (link === 'sigmoid') {
    for (let k = 0; k < K; k++) scores[k] = 1 / (1 + Math.exp(-(scores[k] ?? 0)));
    return;
  }
  let max = -Infinity;
  for (let k = 0; k < K; k++) max = Math.max(max, scores[k] ?? 0);
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const e = Math.exp((scores[k] ?? 0) - max);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < K; k++) scores[k] = (scores[k] ?? 0) / sum;
}

export function predictProbabilities(model: LinearWeights, v: SparseVector): Float64Array {
  const out = new Float64Array(model.classCount);
  linearScores(v, model.weights, model.bias, model.classCount, out);
  activate(out, model.link);
  return out;
}
