// Label Next: which unlabeled document teaches the model the most, read from its predictions. The least
// confident first: lowest top-class probability (single-label), a class probability closest to the decision
// threshold (multi-label), lowest mean entity confidence (entities; none found counts as no confidence).
import type { ProjectKind } from '../../contract/common';
import type { DocumentResult } from '../../api/schemas/normalized';

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
}

/** Documents least certain first; ties keep location order so the order is the same every run. */
export function leastCertainFirst(
  kind: ProjectKind,
  predictions: readonly { location: string; prediction: Pick<DocumentResult, 'entities' | 'classes'> }[],
): RankedDocument[] {
  return predictions
    .map((p) => ({ location: p.location, certainty: certainty(kind, p.prediction) }))
    .sort((a, b) => a.certainty - b.certainty || (a.location < b.location ? -1 : a.location > b.location ? 1 : 0));
}
