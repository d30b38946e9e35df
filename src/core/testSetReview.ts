// The test set of an evaluation, document by document: labeled against predicted, worst first, and what each
// labeled or predicted span of a document turned out to be (found, missed, spurious) for drawing in the editor.
import type { DocumentEvaluationResult } from '../contract/evaluation';
import type { ReviewSpan, TestDocumentRow, TestSetView } from './views';

/** One test document with its labeled and predicted classes or spans (what the editor draws). */
export interface TestDocument extends Omit<TestDocumentRow, 'labeled' | 'predicted'> {
  expectedClasses: string[];
  predictedClasses: string[];
  expectedSpans: ReviewSpan[];
  predictedSpans: ReviewSpan[];
}

/** A span's verdict: labeled and predicted alike, labeled but not predicted, or predicted but not labeled. */
export type SpanVerdict = 'match' | 'missed' | 'spurious';

/** The theme colour of each verdict (contributed in package.json, overridable in workbench.colorCustomizations). */
export const reviewColorIds: Record<SpanVerdict, string> = {
  match: 'customText.review.match',
  missed: 'customText.review.missed',
  spurious: 'customText.review.spurious',
};

const spanKey = (s: ReviewSpan): string => `${s.offset}:${s.length}:${s.category}`;

/** Pairs labeled and predicted spans: same place and category is a match, the rest are missed or spurious. */
export function compareSpans(
  expected: readonly ReviewSpan[],
  predicted: readonly ReviewSpan[],
): { span: ReviewSpan; verdict: SpanVerdict; predictedAs?: string }[] {
  const predictedKeys = new Set(predicted.map(spanKey));
  const expectedKeys = new Set(expected.map(spanKey));
  const out: { span: ReviewSpan; verdict: SpanVerdict; predictedAs?: string }[] = [];
  for (const span of expected) {
    if (predictedKeys.has(spanKey(span))) out.push({ span, verdict: 'match' });
    else {
      // Same place, another category: say what the model called it.
      const other = predicted.find((p) => p.offset === span.offset && p.length === span.length);
      out.push({ span, verdict: 'missed', ...(other === undefined ? {} : { predictedAs: other.category }) });
    }
  }
  for (const span of predicted) if (!expectedKeys.has(spanKey(span))) out.push({ span, verdict: 'spurious' });
  return out.sort((a, b) => a.span.offset - b.span.offset || a.span.length - b.span.length);
}

function countClasses(expected: readonly string[], predicted: readonly string[]) {
  const e = new Set(expected);
  const p = new Set(predicted);
  const truePositives = [...e].filter((c) => p.has(c)).length;
  return { truePositives, falsePositives: p.size - truePositives, falseNegatives: e.size - truePositives };
}

/** One test document's row: its labels and predictions, counted. */
export function testDocument(result: DocumentEvaluationResult): TestDocument {
  const base = { location: result.location, expectedSpans: [], predictedSpans: [] };
  switch (result.projectKind) {
    case 'CustomSingleLabelClassification': {
      const { expectedClass, predictedClass } = result.customSingleLabelClassificationResult;
      const expectedClasses = expectedClass === '' ? [] : [expectedClass];
      const predictedClasses = predictedClass === '' ? [] : [predictedClass];
      return { ...base, expectedClasses, predictedClasses, ...countClasses(expectedClasses, predictedClasses) };
    }
    case 'CustomMultiLabelClassification': {
      const { expectedClasses, predictedClasses } = result.customMultiLabelClassificationResult;
      return { ...base, expectedClasses, predictedClasses, ...countClasses(expectedClasses, predictedClasses) };
    }
    case 'CustomEntityRecognition': {
      const regions = result.customEntityRecognitionResult.entities;
      const expectedSpans = regions.flatMap((r) => r.expectedEntities.map(spanOf));
      const predictedSpans = regions.flatMap((r) => r.predictedEntities.map(spanOf));
      // Counted without the verdict list: 10,000 documents are counted when an evaluation opens.
      const predictedKeys = new Set(predictedSpans.map(spanKey));
      const found = new Set(expectedSpans.map(spanKey).filter((k) => predictedKeys.has(k))).size;
      const counts = { match: found, missed: expectedSpans.length - found, spurious: predictedKeys.size - found };
      const count = (v: SpanVerdict): number => counts[v];
      return {
        location: result.location,
        expectedClasses: [],
        predictedClasses: [],
        expectedSpans,
        predictedSpans,
        truePositives: count('match'),
        falsePositives: count('spurious'),
        falseNegatives: count('missed'),
      };
    }
  }
}

const spanOf = (s: ReviewSpan): ReviewSpan => ({ category: s.category, offset: s.offset, length: s.length });

/** How wrong a row is: its errors, so the worst documents come first. */
export const errorsOf = (row: Pick<TestDocumentRow, 'falsePositives' | 'falseNegatives'>): number =>
  row.falsePositives + row.falseNegatives;

const joined = (classes: readonly string[]): string => (classes.length === 0 ? '—' : classes.join(', '));
const entityCount = (n: number): string => `${n} entit${n === 1 ? 'y' : 'ies'}`;

/** A document's row on the page: counts and short descriptions, no spans (they stay on the host). */
function rowOf(d: TestDocument, entities: boolean): TestDocumentRow {
  return {
    location: d.location,
    truePositives: d.truePositives,
    falsePositives: d.falsePositives,
    falseNegatives: d.falseNegatives,
    labeled: entities ? entityCount(d.expectedSpans.length) : joined(d.expectedClasses),
    predicted: entities ? entityCount(d.predictedSpans.length) : joined(d.predictedClasses),
  };
}

/** Every test document, worst first (most errors, then fewest right, then by location), and the page's view of it. */
export function buildTestSetReview(results: readonly DocumentEvaluationResult[]): {
  documents: TestDocument[];
  view: TestSetView;
} {
  const documents = results.map(testDocument);
  documents.sort(
    (a, b) =>
      errorsOf(b) - errorsOf(a) ||
      a.truePositives - b.truePositives ||
      (a.location < b.location ? -1 : a.location > b.location ? 1 : 0),
  );
  const entities = results[0]?.projectKind === 'CustomEntityRecognition';
  return {
    documents,
    view: {
      rows: documents.map((d) => rowOf(d, entities)),
      mismatches: documents.filter((d) => errorsOf(d) > 0).length,
    },
  };
}
