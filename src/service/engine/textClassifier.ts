// Text classification: tf-idf features and a linear model. One label per document (softmax) or any number
// (one sigmoid per class, each with a decision threshold).
import * as z from 'zod/mini';
import { base64ToFloat32, base64ToInt32, float32ToBase64, int32ToBase64 } from './base64Arrays';
import type { BucketIndex } from './bucketIndex';
import type { LinearWeights } from './linearModel';
import { activate, linearScores, trainLinear } from './linearModel';
import { createRandom, shuffled } from './random';
import type { FeatureSpace, SparseVector } from './textFeatures';
import type { Hasher } from './textFeatures';
import { buildLookup, hashedTermCounts, weighTerms } from './textFeatures';
import { termHashes } from './termHashes';
import { charNgramHashes } from './charNgrams';
import type { TermMatrix } from './termMatrix';
import { countTerms } from './termMatrix';
import { TfIdfRows } from './tfIdfRows';

/**
 * What a model's features are: `words` (format v2: single words), or `wordsAndChars` (v3: words, and char_wb
 * n-grams weighing CHAR_WEIGHT of a word in the tf-idf vector).
 */
export type TextFeatures = 'words' | 'wordsAndChars';

let combined = new Int32Array(65536);

/** Word hashes made even, then the odd char n-gram hashes: a view of a scratch buffer. */
function wordsAndChars(text: string): Int32Array {
  const words = termHashes(text);
  const chars = charNgramHashes(text);
  const total = words.length + chars.length;
  if (combined.length < total) combined = new Int32Array(total * 2);
  for (let i = 0; i < words.length; i++) combined[i] = (words[i] ?? 0) & ~1;
  combined.set(chars, words.length);
  return combined.subarray(0, total);
}

const hasherFor = (features: TextFeatures): Hasher => (features === 'words' ? termHashes : wordsAndChars);

export const TEXT_CLASSIFIER_FORMAT = 'tfidf-linear-v3';
/** Models trained before char n-grams: they still load, and predict with words only. */
export const WORDS_ONLY_CLASSIFIER_FORMAT = 'tfidf-linear-v2';

/** Tuned on held-out folds of varied data; they are not per-dataset knobs. */
const SETTINGS = {
  epochs: 4,
  learningRate: 2,
  l2: 0,
  skipBelow: 0.2,
  minDocumentFrequency: 2,
  multiLabelThreshold: 0.4,
  /**
   * A char n-gram's weight against a word's: a word gives one feature, its n-grams several, so at 1 they
   * drown the words. Over 5 fold seeds, 0.3 scored best of 1, 0.5, 0.3 and 0.2 on both datasets.
   */
  charWeight: 0.3,
} as const;

export interface TextClassifier {
  features: TextFeatures;
  multiLabel: boolean;
  classes: string[];
  space: FeatureSpace;
  lookup: BucketIndex;
  linear: LinearWeights;
  thresholds: Float32Array;
  /** Multi-label only: every training document had a label, so predictions keep at least the best class. */
  atLeastOne: boolean;
  /** Single-label: scores are divided by it before the softmax (calibration); 1 for multi-label and v2 models. */
  temperature: number;
}

export interface LabeledText {
  text: string;
  /** Indices into the class list. */
  labels: number[];
}

export function trainTextClassifier(
  documents: readonly LabeledText[],
  classes: readonly string[],
  multiLabel: boolean,
  seed: number,
  features: TextFeatures = 'wordsAndChars',
): TextClassifier {
  // Every text is hashed once: the final model and the calibration halves all fit from this matrix.
  const matrix = countTerms(
    documents.map((d) => d.text),
    hasherFor(features),
  );
  const all = Int32Array.from(documents, (_, i) => i);
  const { model } = fitClassifier(matrix, all, documents, classes, multiLabel, seed, features);
  if (!multiLabel && documents.length >= CALIBRATION.minDocuments)
    model.temperature = bestTemperature(heldOutScores(matrix, documents, classes, seed, features));
  return model;
}

/**
 * Single-label confidences are calibrated by a temperature: the linear model's few SGD epochs leave its scores
 * too flat (on web-of-science the top class's confidence averaged far below its accuracy: calibration error 0.42).
 * The temperature is the one that best predicts held-out documents (log-loss), from two models trained on halves
 * of the training set. Multi-label sigmoids were already calibrated (0.05); per-class thresholds chosen the same
 * way lost 2 points of micro-F1 on movie-summaries, so the one tuned threshold stays.
 */
const CALIBRATION = { minDocuments: 20, lowest: 0.02, highest: 2, step: 1.1 } as const;

interface HeldOut {
  scores: Float64Array[];
  labels: number[];
}

function heldOutScores(
  matrix: TermMatrix,
  documents: readonly LabeledText[],
  classes: readonly string[],
  seed: number,
  features: TextFeatures,
): HeldOut {
  const order = shuffled(
    documents.map((_, i) => i),
    createRandom(seed ^ 0x5bd1e995),
  );
  const halves = [order.filter((_, p) => p % 2 === 0), order.filter((_, p) => p % 2 === 1)];
  const heldOut: HeldOut = { scores: [], labels: [] };
  halves.forEach((half, h) => {
    const other = halves[1 - h] ?? [];
    const { model, rows } = fitClassifier(matrix, Int32Array.from(other), documents, classes, false, seed, features);
    for (const i of half) {
      const label = documents[i]?.labels[0];
      if (label === undefined) continue;
      const scores = new Float64Array(model.linear.classCount);
      linearScores(rows.vectorOf(i), model.linear.weights, model.linear.bias, model.linear.classCount, scores);
      heldOut.scores.push(scores);
      heldOut.labels.push(label);
    }
  });
  return heldOut;
}

/** The temperature of least log-loss on the held-out scores, on a geometric grid. */
function bestTemperature({ scores, labels }: HeldOut): number {
  let best = 1;
  let bestLoss = Infinity;
  for (let t: number = CALIBRATION.lowest; t <= CALIBRATION.highest; t *= CALIBRATION.step) {
    let loss = 0;
    scores.forEach((s, n) => {
      let max = -Infinity;
      for (const v of s) max = Math.max(max, v / t);
      let sum = 0;
      for (const v of s) sum += Math.exp(v / t - max);
      loss += Math.log(sum) + max - (s[labels[n] ?? 0] ?? 0) / t;
    });
    if (loss < bestLoss) {
      bestLoss = loss;
      best = t;
    }
  }
  return best;
}

/** Fits a model on the matrix's documents `subset` (indices into `documents`, in training order). */
function fitClassifier(
  matrix: TermMatrix,
  subset: Int32Array,
  documents: readonly LabeledText[],
  classes: readonly string[],
  multiLabel: boolean,
  seed: number,
  features: TextFeatures,
): { model: TextClassifier; rows: TfIdfRows } {
  // Tiny training sets would keep no features at all with a document-frequency floor.
  const minDf = subset.length >= 20 ? SETTINGS.minDocumentFrequency : 1;
  const rows = TfIdfRows.fit(matrix, subset, minDf, SETTINGS.charWeight);
  const space = rows.space;
  const lookup = buildLookup(space);
  const K = classes.length;
  const targets = new Float32Array(subset.length * K);
  subset.forEach((doc, i) => {
    for (const label of documents[doc]?.labels ?? []) targets[i * K + label] = 1;
  });
  const linear = trainLinear(rows, targets, K, space.buckets.length, multiLabel ? 'sigmoid' : 'softmax', {
    epochs: SETTINGS.epochs,
    learningRate: SETTINGS.learningRate,
    l2: SETTINGS.l2,
    skipBelow: SETTINGS.skipBelow,
    random: createRandom(seed),
  });
  const thresholds = new Float32Array(K).fill(multiLabel ? SETTINGS.multiLabelThreshold : 0);
  let atLeastOne = multiLabel;
  for (const doc of subset) if ((documents[doc]?.labels.length ?? 0) === 0) atLeastOne = false;
  const model: TextClassifier = {
    features,
    multiLabel,
    classes: [...classes],
    space,
    lookup,
    linear,
    thresholds,
    atLeastOne,
    temperature: 1,
  };
  return { model, rows };
}

/** The linear model's scores for a text, one per class, before the link. */
function classScores(model: TextClassifier, text: string): Float64Array {
  const v: SparseVector = weighTerms(hashedTermCounts(text, hasherFor(model.features)), model.space, model.lookup);
  const scores = new Float64Array(model.linear.classCount);
  linearScores(v, model.linear.weights, model.linear.bias, model.linear.classCount, scores);
  return scores;
}

/** Probabilities in [0, 1]: a distribution over classes (single-label) or one per class (multi-label). */
export function classProbabilities(model: TextClassifier, text: string): Float64Array {
  const scores = classScores(model, text);
  if (model.temperature !== 1) for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] ?? 0) / model.temperature;
  activate(scores, model.linear.link);
  return scores;
}

/** Indices of the predicted classes, most confident first. */
export function decideClasses(model: TextClassifier, probabilities: Float64Array): number[] {
  let best = 0;
  for (let k = 1; k < probabilities.length; k++) if ((probabilities[k] ?? 0) > (probabilities[best] ?? 0)) best = k;
  if (!model.multiLabel) return probabilities.length > 0 ? [best] : [];
  const chosen: number[] = [];
  for (let k = 0; k < probabilities.length; k++) {
    if ((probabilities[k] ?? 0) >= (model.thresholds[k] ?? 0.5)) chosen.push(k);
  }
  if (chosen.length === 0 && model.atLeastOne && probabilities.length > 0) chosen.push(best);
  return chosen.sort((a, b) => (probabilities[b] ?? 0) - (probabilities[a] ?? 0) || a - b);
}

export const textClassifierDataSchema = z.object({
  multiLabel: z.boolean(),
  classes: z.array(z.string()),
  featureHashes: z.string(),
  idf: z.string(),
  weights: z.string(),
  bias: z.array(z.number()),
  thresholds: z.array(z.number()),
  atLeastOne: z.boolean(),
  /** Absent in models saved before calibration: 1. */
  temperature: z.optional(z.number().check(z.positive())),
});
export type TextClassifierData = z.infer<typeof textClassifierDataSchema>;

export function serializeTextClassifier(model: TextClassifier): TextClassifierData {
  return {
    multiLabel: model.multiLabel,
    classes: model.classes,
    featureHashes: int32ToBase64(model.space.buckets),
    idf: float32ToBase64(model.space.idf),
    weights: float32ToBase64(model.linear.weights),
    bias: Array.from(model.linear.bias),
    thresholds: Array.from(model.thresholds),
    atLeastOne: model.atLeastOne,
    temperature: model.temperature,
  };
}

export function deserializeTextClassifier(data: unknown, features: TextFeatures): TextClassifier {
  const parsed = textClassifierDataSchema.safeParse(data);
  if (!parsed.success) throw new Error('The model is damaged or from another version: its classifier data is invalid.');
  const d = parsed.data;
  const buckets = base64ToInt32(d.featureHashes, 'featureHashes');
  const idf = base64ToFloat32(d.idf, 'idf');
  const weights = base64ToFloat32(d.weights, 'weights');
  const K = d.classes.length;
  if (idf.length !== buckets.length || weights.length !== buckets.length * K || d.bias.length !== K) {
    throw new Error('The model is damaged: its classifier arrays do not match its class list.');
  }
  const space = { buckets, idf };
  return {
    features,
    multiLabel: d.multiLabel,
    classes: d.classes,
    space,
    lookup: buildLookup(space),
    linear: {
      link: d.multiLabel ? 'sigmoid' : 'softmax',
      classCount: K,
      featureCount: buckets.length,
      weights,
      bias: Float32Array.from(d.bias),
    },
    thresholds: Float32Array.from(d.thresholds),
    atLeastOne: d.atLeastOne,
    temperature: d.temperature ?? 1,
  };
}
