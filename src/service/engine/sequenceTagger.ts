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
    const base = i * T;
    for (let f = i * FEATURES_PER_TOKEN; f < (i + 1) * FEATURES_PER_TOKEN; f++) {
      const id = ids[f] ?? -1;
      if (id < 0) continue;
      const row = id * T;
      for (let t = 0; t < T; t++) out[base + t] = (out[base + t] ?? 0) + (emission[row + t] ?? 0);
    }
  }
  return out;
}

const IMPOSSIBLE = -1e30;

/** Scratch space for decoding, reused across sequences so training allocates nothing per visit. */
class DecodeBuffers {
  best = new Float64Array(0);
  back = new Int32Array(0);
  contenders = new Int32Array(0);
  high = new Float64Array(0);
  low = new Float64Array(0);

  reserve(n: number, T: number): void {
    if (this.best.length < n * T) {
      this.best = new Float64Array(n * T);
      this.back = new Int32Array(n * T);
    }
    if (this.contenders.length < T) {
      this.contenders = new Int32Array(T);
      this.high = new Float64Array(T);
      this.low = new Float64Array(T);
    }
  }
}

/** Each tag's highest and lowest transition weight into an O or B tag. */
function transitionBounds(transition: Float32Array, T: number, high: Float64Array, low: Float64Array): void {
  for (let p = 0; p < T; p++) {
    let h = -Infinity;
    let l = Infinity;
    for (let t = 0; t < T; t = t === 0 ? 1 : t + 2) {
      const w = transition[p * T + t] ?? 0;
      h = Math.max(h, w);
      l = Math.min(l, w);
    }
    high[p] = h;
    low[p] = l;
  }
}

/**
 * Best tag path under the BIO constraints, written to `tags[0, n)`. O and B tags may follow any tag; an inside
 * tag only its own begin or inside tag, so it has two candidates instead of all of them. For O and B tags only
 * the previous tags that can still win are tried: one that trails the leading tag by more than the whole spread
 * of transition weights loses to it whatever comes next, so skipping it leaves the result exactly the same.
 */
function viterbi(
  scores: Float64Array,
  n: number,
  transition: Float32Array,
  T: number,
  buffers: DecodeBuffers,
  tags: Int32Array,
): void {
  if (n === 0) return;
  buffers.reserve(n, T);
  const { best, back, contenders, high, low } = buffers;
  transitionBounds(transition, T, high, low);
  // The leading tag of the previous position (any of the best ones), found while that position is filled in.
  let leader = 0;
  for (let t = 0; t < T; t++) {
    best[t] = allowed(T, t, T) ? (scores[t] ?? 0) + (transition[T * T + t] ?? 0) : IMPOSSIBLE;
    if ((best[t] ?? 0) > (best[leader] ?? 0)) leader = t;
  }
  for (let i = 1; i < n; i++) {
    const here = i * T;
    const before = here - T;
    // The leader reaches every O or B tag with at least this score; a tag whose best reach falls short of it
    // never wins. The slack covers rounding, so a tag that could tie is never skipped.
    const floor = (best[before + leader] ?? 0) + (low[leader] ?? 0);
    const slack = 1e-9 * (1 + Math.abs(floor));
    let count = 0;
    for (let p = 0; p < T; p++) {
      contenders[count] = p;
      count += (best[before + p] ?? 0) + (high[p] ?? 0) >= floor - slack ? 1 : 0;
    }
    let nextLeader = 0;
    let nextTop = IMPOSSIBLE * 2;
    // O and B tags: the best contender. Contenders are in increasing order, so ties go to the lowest tag as in
    // a full scan.
    for (let t = 0; t < T; t = t === 0 ? 1 : t + 2) {
      let arg = contenders[0] ?? 0;
      let top = (best[before + arg] ?? 0) + (transition[arg * T + t] ?? 0);
      for (let j = 1; j < count; j++) {
        const p = contenders[j] ?? 0;
        const s = (best[before + p] ?? 0) + (transition[p * T + t] ?? 0);
        if (s > top) {
          top = s;
          arg = p;
        }
      }
      const value = top + (scores[here + t] ?? 0);
      best[here + t] = value;
      back[here + t] = arg;
      if (value > nextTop) {
        nextTop = value;
        nextLeader = t;
      }
    }
    // Inside tags: their own begin or inside tag.
    for (let t = 2; t < T; t += 2) {
      const fromBegin = (best[before + t - 1] ?? 0) + (transition[(t - 1) * T + t] ?? 0);
      const fromInside = (best[before + t] ?? 0) + (transition[t * T + t] ?? 0);
      const fromB = fromBegin >= fromInside;
      const value = (fromB ? fromBegin : fromInside) + (scores[here + t] ?? 0);
      best[here + t] = value;
      back[here + t] = fromB ? t - 1 : t;
      if (value > nextTop) {
        nextTop = value;
        nextLeader = t;
      }
    }
    leader = nextLeader;
  }
  let last = 0;
  const end = (n - 1) * T;
  for (let t = 1; t < T; t++) if ((best[end + t] ?? 0) > (best[end + last] ?? 0)) last = t;
  tags[n - 1] = last;
  for (let i = n - 1; i > 0; i--) tags[i - 1] = back[i * T + (tags[i] ?? 0)] ?? 0;
}

/** Best tag path for emission scores[position * T + tag] and transition[previous * T + tag] (previous = T: start). */
export function bestTagPath(scores: Float64Array, transition: Float32Array, T: number): Int32Array {
  const n = Math.floor(scores.length / T);
  const tags = new Int32Array(n);
  viterbi(scores, n, transition, T, new DecodeBuffers(), tags);
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

/**
 * Emission scores of a training sequence into `scores`, reading only each feature's active tags. Loss-augmented:
 * every wrong tag gets a head start of `margin`, so training keeps going until the gold path wins by a margin;
 * it converges in a fraction of the passes and generalizes better.
 */
function scoreForTraining(
  seq: Int32Array,
  gold: Int32Array,
  margin: number,
  emission: Float32Array,
  activeMasks: Int32Array,
  activeCount: Int32Array,
  T: number,
  scores: Float64Array,
): void {
  const n = gold.length;
  const W = (T + 31) >>> 5;
  for (let i = 0; i < n; i++) {
    const base = i * T;
    const g = gold[i] ?? 0;
    for (let t = 0; t < T; t++) scores[base + t] = t === g ? 0 : margin;
    for (let f = i * FEATURES_PER_TOKEN; f < (i + 1) * FEATURES_PER_TOKEN; f++) {
      const feature = seq[f] ?? 0;
      const row = feature * T;
      const count = activeCount[feature] ?? 0;
      if (count === T) {
        for (let t = 0; t < T; t++) scores[base + t] = (scores[base + t] ?? 0) + (emission[row + t] ?? 0);
      } else if (count > 0) {
        for (let w = 0; w < W; w++) {
          let mask = activeMasks[feature * W + w] ?? 0;
          while (mask !== 0) {
            const lowest = mask & -mask;
            const t = (w << 5) + 31 - Math.clz32(lowest);
            mask ^= lowest;
            scores[base + t] = (scores[base + t] ?? 0) + (emission[row + t] ?? 0);
          }
        }
      }
    }
  }
}

export function trainTagger(
  sequences: readonly TaggedSequence[],
  tagCount: number,
  options: PerceptronOptions,
): TaggerWeights {
  const T = tagCount;
  const index = new BucketIndex(4096);
  let longest = 0;
  const ids = sequences.map((s) => {
    const out = new Int32Array(s.features.length);
    for (let i = 0; i < s.features.length; i++) out[i] = index.intern(s.features[i] ?? 0);
    longest = Math.max(longest, out.length / FEATURES_PER_TOKEN);
    return out;
  });
  const F = index.size;
  const emission = new Float32Array(F * T);
  const transition = new Float32Array((T + 1) * T);
  // Averaging: keep c·Δ sums; the average is w − sum / c (Daumé's trick), so no per-step copies.
  const emissionSum = new Float32Array(F * T);
  const transitionSum = new Float32Array((T + 1) * T);
  // The tags each feature has ever been updated for, as bits of activeMasks[feature * W …] (activeCount[feature]
  // of them). A feature's weights are zero for every other tag, so scoring skips them: most features only ever
  // meet a few.
  const W = (T + 31) >>> 5;
  const activeMasks = new Int32Array(F * W);
  const activeCount = new Int32Array(F);
  let c = 1;
  const update = (seq: Int32Array, i: number, tag: number, delta: number): void => {
    for (let f = i * FEATURES_PER_TOKEN; f < (i + 1) * FEATURES_PER_TOKEN; f++) {
      const feature = seq[f] ?? 0;
      const row = feature * T;
      const word = feature * W + (tag >>> 5);
      const bit = 1 << (tag & 31);
      if (((activeMasks[word] ?? 0) & bit) === 0) {
        activeMasks[word] = (activeMasks[word] ?? 0) | bit;
        activeCount[feature] = (activeCount[feature] ?? 0) + 1;
      }
      emission[row + tag] = (emission[row + tag] ?? 0) + delta;
      emissionSum[row + tag] = (emissionSum[row + tag] ?? 0) + c * delta;
    }
  };
  const updateTransition = (previous: number, tag: number, delta: number): void => {
    const k = previous * T + tag;
    transition[k] = (transition[k] ?? 0) + delta;
    transitionSum[k] = (transitionSum[k] ?? 0) + c * delta;
  };
  const scores = new Float64Array(longest * T);
  const predicted = new Int32Array(longest);
  const buffers = new DecodeBuffers();
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
      const n = gold.length;
      scoreForTraining(seq, gold, options.margin, emission, activeMasks, activeCount, T, scores);
      viterbi(scores, n, transition, T, buffers, predicted);
      let wrong = 0;
      for (let i = 0; i < n; i++) if ((gold[i] ?? 0) !== (predicted[i] ?? 0)) wrong++;
      const streak = wrong === 0 ? (cleanStreak[s] ?? 0) + 1 : 0;
      cleanStreak[s] = streak;
      nextCheck[s] = epoch + (streak === 0 ? 1 : Math.min(1 << (streak - 1), 4));
      if (wrong > 0) {
        mistakes += wrong;
        for (let i = 0; i < n; i++) {
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
  const tags = bestTagPath(scores, weights.transition, T);
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
