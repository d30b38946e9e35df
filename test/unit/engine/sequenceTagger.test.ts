import assert from 'node:assert/strict';
import { createRandom } from '../../../src/service/engine/random';
import { bestTagPath, tagCountFor } from '../../../src/service/engine/sequenceTagger';

/** Plain Viterbi over every allowed previous tag, for reference: an inside tag only follows its own B or I tag. */
function fullSearch(scores: Float64Array, transition: Float32Array, T: number): number[] {
  const n = scores.length / T;
  const allowed = (previous: number, tag: number): boolean =>
    tag === 0 || tag % 2 === 1 || (previous !== T && (previous === tag - 1 || previous === tag));
  let best = Array.from({ length: T }, (_, t) => (allowed(T, t) ? scores[t]! + transition[T * T + t]! : -Infinity));
  const back: number[][] = [];
  for (let i = 1; i < n; i++) {
    const next: number[] = [];
    const from: number[] = [];
    for (let t = 0; t < T; t++) {
      let top = -Infinity;
      let arg = 0;
      for (let p = 0; p < T; p++) {
        if (!allowed(p, t)) continue;
        const s = best[p]! + transition[p * T + t]!;
        if (s > top) {
          top = s;
          arg = p;
        }
      }
      next.push(top + scores[i * T + t]!);
      from.push(arg);
    }
    best = next;
    back.push(from);
  }
  let last = 0;
  for (let t = 1; t < T; t++) if (best[t]! > best[last]!) last = t;
  const tags = [last];
  for (let i = n - 1; i > 0; i--) tags.unshift(back[i - 1]![tags[0]!]!);
  return tags;
}

describe('engine sequence tagger decoding', () => {
  it('finds exactly the path a full search finds, ties included, while skipping hopeless tags', () => {
    const random = createRandom(11);
    for (let trial = 0; trial < 60; trial++) {
      const T = tagCountFor(1 + (trial % 6));
      const n = 1 + Math.floor(random() * 40);
      // Whole numbers make ties common; wide transitions make the pruning bound loose, narrow ones tight.
      const spread = trial % 3 === 0 ? 0.2 : 6;
      const scores = Float64Array.from({ length: n * T }, () => Math.round(random() * 8));
      const transition = Float32Array.from({ length: (T + 1) * T }, () => Math.round((random() - 0.5) * spread));
      assert.deepEqual(Array.from(bestTagPath(scores, transition, T)), fullSearch(scores, transition, T));
    }
  });

  it('never puts an inside tag after a different category or at the start', () => {
    const T = tagCountFor(3);
    const random = createRandom(5);
    const scores = Float64Array.from({ length: 50 * T }, (_, k) => ((k % T) % 2 === 0 ? 5 : random()));
    const tags = bestTagPath(scores, new Float32Array((T + 1) * T), T);
    tags.forEach((tag, i) => {
      if (tag === 0 || tag % 2 === 1) return;
      const previous = i === 0 ? -1 : tags[i - 1]!;
      assert.ok(previous === tag - 1 || previous === tag, `tag ${tag} after ${previous} at ${i}`);
    });
  });
});
