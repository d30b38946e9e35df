// Two trained models of a project compared on their evaluations: per-class F1 side by side with the difference,
// and the test documents where their predictions differ (each model's errors there).
import type { TestDocument } from './testSetView';
import { errorsOf } from './testSetView';
import type { EvaluationView, ModelComparisonView } from './views';

export interface ComparedModel {
  classes: EvaluationView['classes'];
  /** Its test documents; for this model, in the order of its test-set rows. */
  documents: readonly TestDocument[];
}

const spanKey = (s: { category: string; offset: number; length: number }): string =>
  `${s.offset}:${s.length}:${s.category}`;

/** A document's predictions as one comparable string (classes sorted, or spans by place). */
function predictionsOf(d: TestDocument): string {
  return d.predictedSpans.length > 0
    ? d.predictedSpans.map(spanKey).sort().join('|')
    : [...d.predictedClasses].sort().join('|');
}

/** What a model predicted for a document, in words for the page. */
function predictedInWords(d: TestDocument): string {
  if (d.predictedSpans.length > 0 || d.expectedSpans.length > 0)
    return `${d.predictedSpans.length} entit${d.predictedSpans.length === 1 ? 'y' : 'ies'}, ${d.truePositives} right`;
  return d.predictedClasses.length === 0 ? '—' : d.predictedClasses.join(', ');
}

/** `mine` beside `other`: classes where `other` does worst relative to `mine` first, then the disagreements. */
export function compareModels(
  mine: ComparedModel & { model: string },
  other: ComparedModel & { model: string },
): ModelComparisonView {
  const otherModel = other.model;
  const f1 = new Map(mine.classes.map((c) => [c.category, c.f1]));
  const otherF1 = new Map(other.classes.map((c) => [c.category, c.f1]));
  const classes = [...new Set([...f1.keys(), ...otherF1.keys()])]
    .map((category) => {
      const a = f1.get(category);
      const b = otherF1.get(category);
      return {
        category,
        ...(a === undefined ? {} : { f1: a }),
        ...(b === undefined ? {} : { otherF1: b }),
        ...(a === undefined || b === undefined ? {} : { difference: b - a }),
      };
    })
    .sort(
      (x, y) =>
        (x.difference ?? Number.NEGATIVE_INFINITY) - (y.difference ?? Number.NEGATIVE_INFINITY) ||
        x.category.localeCompare(y.category),
    );
  const theirs = new Map(other.documents.map((d) => [d.location, d]));
  let commonDocuments = 0;
  const disagreements: ModelComparisonView['disagreements'] = [];
  mine.documents.forEach((d, row) => {
    const o = theirs.get(d.location);
    if (o === undefined) return;
    commonDocuments++;
    if (predictionsOf(d) === predictionsOf(o)) return;
    disagreements.push({
      location: d.location,
      row,
      predicted: predictedInWords(d),
      otherPredicted: predictedInWords(o),
      errors: errorsOf(d),
      otherErrors: errorsOf(o),
    });
  });
  // Where the two differ most in errors first: what one model learned and the other did not.
  disagreements.sort(
    (a, b) =>
      Math.abs(b.errors - b.otherErrors) - Math.abs(a.errors - a.otherErrors) || (a.location < b.location ? -1 : 1),
  );
  return { model: mine.model, otherModel, classes, commonDocuments, disagreements };
}
