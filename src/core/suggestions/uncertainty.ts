// Label Next: which unlabeled document teaches the model the most, read from its predictions. How sure the model
// is: lowest top-class probability (single-label), a class probability closest to the decision
// threshold (multi-label), lowest mean entity confidence (entities; none found counts as no confidence).
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
  /** How much labeling it is worth: its uncertainty weighed by how typical it is (higher first). */
  worth: number;
}

/**
 * Label Next's order: the least certain first, each document's uncertainty weighed by how typical it is of the
 * documents ranked (see density.ts). Plain least-certain-first picked outliers: on web-of-science it needed more
 * labels than random order to reach 90% of the full-data F1; weighed, fewer (BENCHMARKS.md, Label Next). Ties keep
 * location order, so the order is the same every run.
 */
export function labelNextOrder(
  kind: ProjectKind,
  predictions: readonly { location: string; text: string; prediction: Pick<DocumentResult, 'entities' | 'classes'> }[],
): RankedDocument[] {
  const typical = typicality(predictions.map((p) => p.text));
  return predictions
    .map((p, i) => {
      const sure = certainty(kind, p.prediction);
      return { location: p.location, certainty: sure, worth: (1 - sure) * (typical[i] ?? 0) };
    })
    .sort((a, b) => b.worth - a.worth || (a.location < b.location ? -1 : a.location > b.location ? 1 : 0));
}
