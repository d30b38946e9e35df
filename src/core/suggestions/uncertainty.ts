// Label Next: which unlabeled document teaches the model the most, read from its predictions. How sure the model
// is: lowest top-class probability (single-label), a class probability closest to the decision
// threshold (multi-label), lowest mean entity confidence (entities; none found counts as no confidence). The order
// takes the predicted classes in turns, so the first documents are not all of the class the model doubts most.
import type { ProjectKind } from '../../contract/common';
import type { DocumentResult } from '../../api/schemas/normalized';
import { typicality } from './density';

/** A multi-label class is chosen at this probability; the closer a class is to it, the less sure the model. */
export const MULTI_LABEL_THRESHOLD = 0.5;

/** How sure the model is of a document, in [0, 1]: the lower, the sooner it is worth labeling. */
export function certainty(kind: ProjectKind, prediction: Pick<DocumentResult, 'entities' | 'classes'>): number {
  switch (kind) {
    case 'CustomSingleLabelClassification':
      return Math.max(0, ...(prediction.classes ?? []).map((c) => c.confidenceScore));
    case 'CustomMultiLabelClassification': {
      const classes = prediction.classes ?? [];
      if (classes.length === 0) return 0;
      // Distance to the threshold, scaled so a class right at it scores 0 and a sure one (0 or 1) scores 1.
      const nearest = Math.min(...classes.map((c) => Math.abs(c.confidenceScore - MULTI_LABEL_THRESHOLD)));
      return nearest / MULTI_LABEL_THRESHOLD;
    }
    case 'CustomEntityRecognition': {
      const entities = prediction.entities ?? [];
      if (entities.length === 0) return 0;
      return entities.reduce((sum, e) => sum + e.confidenceScore, 0) / entities.length;
    }
  }
}

export interface RankedDocument {
  location: string;
  certainty: number;
  /** How much labeling it is worth: its uncertainty weighed by how typical it is (higher first in its class). */
  worth: number;
}

type Ranked = RankedDocument & { group: string };

const byWorth = (a: Ranked, b: Ranked): number =>
  b.worth - a.worth || (a.location < b.location ? -1 : a.location > b.location ? 1 : 0);

/** The class a document is predicted to be (its likeliest); entities, or no class, share one group. */
export function predictedGroup(kind: ProjectKind, prediction: Pick<DocumentResult, 'classes'>): string {
  if (kind === 'CustomEntityRecognition') return '';
  let top: { category: string; confidenceScore: number } | undefined;
  for (const c of prediction.classes ?? []) if (!top || c.confidenceScore > top.confidenceScore) top = c;
  return top?.category ?? '';
}

/**
 * Label Next's order: each document's uncertainty weighed by how typical it is of the documents ranked (see
 * density.ts), taken in turns over the predicted classes, the worthiest of each class per turn, so the next ten
 * documents cover the classes rather than piling on the one the model doubts most. Plain least-certain-first
 * picked outliers; weighed by typicality it matched random order; spread over classes it needed fewer labels and
 * scored higher after 30, 60 and 90 labels (BENCHMARKS.md, Label Next). Ties keep location order, so the order is
 * the same every run.
 */
export function labelNextOrder(
  kind: ProjectKind,
  predictions: readonly { location: string; text: string; prediction: Pick<DocumentResult, 'entities' | 'classes'> }[],
): RankedDocument[] {
  const typical = typicality(predictions.map((p) => p.text));
  const groups = new Map<string, Ranked[]>();
  predictions.forEach((p, i) => {
    const sure = certainty(kind, p.prediction);
    const group = predictedGroup(kind, p.prediction);
    const ranked: Ranked = { location: p.location, certainty: sure, worth: (1 - sure) * (typical[i] ?? 0), group };
    const queue = groups.get(group);
    if (queue) queue.push(ranked);
    else groups.set(group, [ranked]);
  });
  const queues = [...groups.values()].map((q) => q.sort(byWorth));
  const order: RankedDocument[] = [];
  for (let turn = 0; order.length < predictions.length; turn++) {
    const heads = queues.flatMap((q) => q.slice(turn, turn + 1)).sort(byWorth);
    for (const { location, certainty: sure, worth } of heads) order.push({ location, certainty: sure, worth });
  }
  return order;
}
