// A linear-chain tagger: averaged structured perceptron over token features, Viterbi decoding with BIO
// constraints (an inside tag only continues its own category), and per-token confidences.
import { BucketIndex } from './bucketIndex';
import { permutation } from './random';
import { FEATURES_PER_TOKEN } from './tokenFeatures';

/** Tag 0 is outside; category c has begin tag 1 + 2c and inside tag 2 + 2c. */
export function tagCountFor(categoryCount: number): number {
  return 1 + 2 * categoryCount;
}

export interface TaggerWeights {
  tagCount: number;
  featureHashes: Int32Array;
  index: BucketIndex;
  /** emission[feature * tagCount + tag] */
  emission: Float32Array;
  /** transition[previous * tagCount + tag]; previous = tagCount is the sequence start. */
  transition: Float32Array;
}

/** Whether `tag` may follow `previous` (tagCount = start). */
function allowed(previous: number, tag: number, tagCount: number): boolean {
  if (tag === 0 || tag % 2 === 1) return true;
  return previous !== tagCount && (previous === tag - 1 || previous === tag);
}

/** Features mapped to ids; unknown ones become -1 and are ignored. */
function featureIds(hashes: Int32Array, index: BucketIndex): Int32Array {
  const ids = new Int32Array(hashes.length);
  for (let i = 0; i < hashes.length; i++) ids[i] = index.get(hashes[i] ?? 0);
  return ids;
}

function emissionScores(ids: Int32Array, emission: Float32Array, T: number): Float64Array {
  const n = ids.length / FEATURES_PER_TOKEN;
  const out = new Float64Array(n * T);
  for (let i = 0; i < n; i++) {
    for (let f = i * FEATURES_PER_TOKEN; f < (i + 1) * FEATURES_PER_TOKEN; f++) {
      const id = ids[f] ?? -1;
      if (id < 0) continue;
      const row = id * T;
      for (let t = 0; t < T; t++) out[i * T + t] = (out[i * T + t] ?? 0) + (emission[row + t] ?? 0);
    }
  }
  return out;
}

const IMPOSSIBLE = -1e30;

/**
 * Best tag path under the BIO constraints. O and B tags may follow any tag; an inside tag only its own begin or
 * inside tag, so it has two candidates instead of all of them.
 */
function viterbi(scores: Float64Array, transition: Float32Array, T: number): Int32Array {
  const n = scores.length / T;
  const tags = new Int32Array(n);
  if (n === 0) return tags;
  const best = new Float64Array(n * T);
  const back = new Int32Array(n * T);
  for (let t = 0; t < T; t++) {
    best[t] = allowed(T, t, T) ? (scores[t] ?? 0) + (transition[T * T + t] ?? 0) : IMPOSSIBLE;
  }
  for (let i = 1; i < n; i++) {
    const here = i * T;
    const before = here - T;
    for (let t = 0; t < T; t++) {
      let top: number;
      let arg: number;
      if (t === 0 || (t & 1) === 1) {
        top = IMPOSSIBLE * 2;
        arg = 0;
        for (let p = 0; p < T; p++) {
          const s = (best[before + p] ?? 0) + (transition[p * T + t] ?? 0);
          if (s > top) {
            top = s;
            arg = p;
          }
        }
      } else {
        const fromBegin = (best[before + t - 1] ?? 0) + (transition[(t - 1) * T + t] ?? 0);
        const fromInside = (best[before + t] ?? 0) + (transition[t * T + t] ?? 0);
        top = fromBegin >= fromInside ? fromBegin : fromInside;
        arg = fromBegin >= fromInside ? t - 1 : t;
      }
      best[here + t] = top + (scores[here + t] ?? 0);
      back[here + t] = arg;
    }
  }
  let last = 0;
  const end = (n - 1) * T;
  for (let t = 1; t < T; t++) if ((best[end + t] ?? 0) > (best[end + last] ?? 0)) last = t;
  tags[n - 1] = last;
  for (let i = n - 1; i > 0; i--) tags[i - 1] = back[i * T + (tags[i] ?? 0)] ?? 0;
  return tags;
}

export interface TaggedSequence {
  features: Int32Array;
  tags: Int32Array;
}

export interface PerceptronOptions {
  /** The most passes over the data; training stops early after a pass without mistakes. */
  epochs: number;
  minEpochs: number;
  /** Score bonus of each wrong tag while training (0: plain perceptron). */
  margin: number;
  random: () => number;
  onEpoch?: (epoch: number) => void;
}

export function trainTagger(
  sequences: readonly TaggedSequence[],
  tagCount: number,
  options: PerceptronOptions,
): TaggerWeights {
  const T = tagCount;
  const index = new BucketIndex(4096);
  const ids = sequences.map((s) => {
    const out = new Int32Array(s.features.length);
    for (let i = 0; i < s.features.length; i++) out[i] = index.intern(s.features[i] ?? 0);
    return out;
  });
  const F = index.size;
  const emission = new Float32Array(F * T);
  const transition = new Float32Array((T + 1) * T);
  // Averaging: keep c·Δ sums; the average is w − sum / c (Daumé's trick), so no per-step copies.
  const emissionSum = new Float32Array(F * T);
  const transitionSum = new Float32Array((T + 1) * T);
  let c = 1;
  const update = (seq: Int32Array, i: number, tag: number, delta: number): void => {
    for (let f = i * FEATURES_PER_TOKEN; f < (i + 1) * FEATURES_PER_TOKEN; f++) {
      const k = (seq[f] ?? 0) * T + tag;
      emission[k] = (emission[k] ?? 0) + delta;
      emissionSum[k] = (emissionSum[k] ?? 0) + c * delta;
    }
  };
  const updateTransition = (previous: number, tag: number, delta: number): void => {
    const k = previous * T + tag;
    transition[k] = (transition[k] ?? 0) + delta;
    transitionSum[k] = (transitionSum[k] ?? 0) + c * delta;
  };
  // A sequence the model got right is checked again only after 1, 2, then 4 passes: a correct sequence would
  // not change the weights, and most of the data is right after the first passes.
  const cleanStreak = new Int32Array(sequences.length);
  const nextCheck = new Int32Array(sequences.length);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    let mistakes = 0;
    for (const s of permutation(sequences.length, options.random)) {
      const seq = ids[s];
      const gold = sequences[s]?.tags;
      if (seq === undefined || gold === undefined) continue;
      if ((nextCheck[s] ?? 0) > epoch) {
        c++;
        continue;
      }
      const scores = emissionScores(seq, emission, T);
      // Loss-augmented decoding: every wrong tag gets a head start, so training keeps going until the gold
      // path wins by a margin. Converges in a fraction of the passes and generalizes better.
      if (options.margin > 0) {
        for (let i = 0; i < gold.length; i++) {
          const g = gold[i] ?? 0;
          for (let t = 0; t < T; t++) if (t !== g) scores[i * T + t] = (scores[i * T + t] ?? 0) + options.margin;
        }
      }
      const predicted = viterbi(scores, transition, T);
      let wrong = 0;
      for (let i = 0; i < gold.length; i++) if ((gold[i] ?? 0) !== (predicted[i] ?? 0)) wrong++;
      const streak = wrong === 0 ? (cleanStreak[s] ?? 0) + 1 : 0;
      cleanStreak[s] = streak;
      nextCheck[s] = epoch + (streak === 0 ? 1 : Math.min(1 << (streak - 1), 4));
      if (wrong > 0) {
        mistakes += wrong;
        for (let i = 0; i < gold.length; i++) {
          const g = gold[i] ?? 0;
          const p = predicted[i] ?? 0;
          const gPrev = i === 0 ? T : (gold[i - 1] ?? 0);
          const pPrev = i === 0 ? T : (predicted[i - 1] ?? 0);
          if (g !== p) {
            update(seq, i, g, 1);
            update(seq, i, p, -1);
          }
          if (g !== p || gPrev !== pPrev) {
            updateTransition(gPrev, g, 1);
            updateTransition(pPrev, p, -1);
          }
        }
      }
      c++;
    }
    options.onEpoch?.(epoch + 1);
    // Stop once a full check finds nothing to learn (after a few passes, so averaging sees settled weights).
    if (mistakes === 0 && epoch + 1 >= options.minEpochs && nextCheck.every((e) => e > epoch)) break;
  }
  for (let k = 0; k < emission.length; k++) emission[k] = (emission[k] ?? 0) - (emissionSum[k] ?? 0) / c;
  for (let k = 0; k < transition.length; k++) transition[k] = (transition[k] ?? 0) - (transitionSum[k] ?? 0) / c;
  const featureHashes = new Int32Array(F);
  sequences.forEach((s, n) => {
    const seq = ids[n];
    if (seq === undefined) return;
    for (let i = 0; i < seq.length; i++) featureHashes[seq[i] ?? 0] = s.features[i] ?? 0;
  });
  return { tagCount: T, featureHashes, index, emission, transition };
}

export interface TaggedTokens {
  tags: Int32Array;
  /** Probability of each chosen tag against the others at its position, in [0, 1]. */
  confidences: Float64Array;
}

export function tagSequence(weights: TaggerWeights, featureHashes: Int32Array): TaggedTokens {
  const T = weights.tagCount;
  const scores = emissionScores(featureIds(featureHashes, weights.index), weights.emission, T);
  const tags = viterbi(scores, weights.transition, T);
  const n = tags.length;
  const confidences = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const previous = i === 0 ? T : (tags[i - 1] ?? 0);
    const chosen = tags[i] ?? 0;
    let max = -Infinity;
    for (let t = 0; t < T; t++) {
      if (allowed(previous, t, T))
        max = Math.max(max, (scores[i * T + t] ?? 0) + (weights.transition[previous * T + t] ?? 0));
    }
    let sum = 0;
    let mine = 0;
    for (let t = 0; t < T; t++) {
      if (!allowed(previous, t, T)) continue;
      const e = Math.exp((scores[i * T + t] ?? 0) + (weights.transition[previous * T + t] ?? 0) - max);
      sum += e;
      if (t === chosen) mine = e;
    }
    confidences[i] = sum > 0 ? mine / sum : 0;
  }
  return { tags, confidences };
}
