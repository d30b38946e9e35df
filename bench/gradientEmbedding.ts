// BADGE-style batches (Ash et al. 2020) from what a deployment returns, measured against Label Next's order. A
// linear model's gradient for document i is (1 - p_i) times its TF-IDF vector x_i in the block of its predicted
// class c_i (multi-label: one block per class returned); a deployment gives no other class probability, so the
// other blocks count as zero. So <g_i, g_j> = cos(x_i, x_j) × Σ over shared classes of (1 - p_i)(1 - p_j). The
// order is k-means++ seeding made greedy: the largest gradient first, then each time the document farthest from
// the nearest one already taken.
import type { DocumentResult } from '../src/api/schemas/normalized';
import type { ProjectKind } from '../src/contract/common';
import type { Vector } from '../src/core/suggestions/density';
import { dot, tfIdf } from '../src/core/suggestions/density';
import { certainty } from '../src/core/suggestions/uncertainty';

interface Embedded {
  blocks: Map<string, number>;
  vector: Vector;
  norm2: number;
}

function embed(
  kind: ProjectKind,
  input: readonly { text: string; prediction: Pick<DocumentResult, 'entities' | 'classes'> }[],
): Embedded[] {
  const vectors = tfIdf(input.map((p) => p.text));
  return input.map((p, i) => {
    const blocks = new Map<string, number>();
    const classes = p.prediction.classes ?? [];
    if (kind === 'CustomEntityRecognition' || classes.length === 0) blocks.set('', 1 - certainty(kind, p.prediction));
    else for (const c of classes) blocks.set(c.category, 1 - c.confidenceScore);
    const vector = vectors[i] ?? new Map<string, number>();
    let norm2 = 0;
    if (vector.size > 0) for (const w of blocks.values()) norm2 += w * w;
    return { blocks, vector, norm2 };
  });
}

function distance2(a: Embedded, b: Embedded): number {
  let shared = 0;
  for (const [k, w] of a.blocks) shared += w * (b.blocks.get(k) ?? 0);
  return Math.max(0, a.norm2 + b.norm2 - 2 * (shared === 0 ? 0 : shared * dot(a.vector, b.vector)));
}

/** Indices of `input`, in greedy k-means++ order over the gradient embeddings. */
export function gradientEmbeddingOrder(
  kind: ProjectKind,
  input: readonly { text: string; prediction: Pick<DocumentResult, 'entities' | 'classes'> }[],
): number[] {
  const e = embed(kind, input);
  const taken = new Uint8Array(e.length);
  const nearest = new Float64Array(e.length).fill(Infinity);
  const order: number[] = [];
  let next = -1;
  for (let i = 0; i < e.length; i++) if (next === -1 || (e[i]?.norm2 ?? 0) > (e[next]?.norm2 ?? 0)) next = i;
  while (next !== -1) {
    const chosen = e[next];
    if (!chosen) break;
    order.push(next);
    taken[next] = 1;
    next = -1;
    for (let i = 0; i < e.length; i++) {
      if (taken[i]) continue;
      nearest[i] = Math.min(nearest[i] ?? Infinity, distance2(e[i] ?? chosen, chosen));
      if (next === -1 || (nearest[i] ?? 0) > (nearest[next] ?? 0)) next = i;
    }
  }
  return order;
}
