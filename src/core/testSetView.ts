// The test set of an evaluation, document by document: labeled against predicted, worst first, the confusion
// cells each document counts in, and what each labeled or predicted span turned out to be (for the editor).
import type { DocumentEvaluationResult } from '../contract/evaluation';
import type { ClassMatrix, ReviewSpan, TestDocumentRow, TestSetView } from './views';

/** What the entity confusion matrix calls "no entity" (a span labeled but not predicted, or the reverse). */
export const NO_ENTITY_LABEL = '(none)';

/** One test document with its labeled and predicted classes or spans (what the editor draws). */
export interface TestDocument {
  location: string;
  expectedClasses: string[];
  predictedClasses: string[];
  expectedSpans: ReviewSpan[];
  predictedSpans: ReviewSpan[];
  /** Entities: the category predicted at the place of each labeled span (undefined: none), in expectedSpans' order. */
  predictedAt: (string | undefined)[];
  /** Entities: the category labeled at the place of each predicted span, in predictedSpans' order. */
  labeledAt: (string | undefined)[];
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** A span's verdict: labeled and predicted alike, labeled but not predicted, or predicted but not labeled. */
export type SpanVerdict = 'match' | 'missed' | 'spurious';

export interface ComparedSpan {
  span: ReviewSpan;
  verdict: SpanVerdict;
  /** For a missed span: the category the model gave the same text, if any. */
  predictedAs?: string;
}

const spanKey = (s: ReviewSpan): string => `${s.offset}:${s.length}:${s.category}`;
/** A span's place as one number (a document has at most 125,000 characters, far below 2^20), so no string is made. */
const placeKey = (s: ReviewSpan): number => s.offset * 1_048_576 + s.length;

/** Up to this many spans, a scan finds a place faster than a Map is built (most documents have a few dozen). */
const SCANNED_SPANS = 32;

/**
 * For each span of `spans`, the category of the span of `others` at the same place (the last such, as a Map keeps).
 * Pairing a document's spans once this way leaves no map or string per span: 10,000 documents are paired when an
 * evaluation opens.
 */
function categoriesAtPlacesOf(spans: readonly ReviewSpan[], others: readonly ReviewSpan[]): (string | undefined)[] {
  if (others.length > SCANNED_SPANS) {
    const at = new Map(others.map((o) => [placeKey(o), o.category]));
    return spans.map((s) => at.get(placeKey(s)));
  }
  return spans.map((s) => {
    for (let k = others.length - 1; k >= 0; k--) {
      const o = others[k];
      if (o !== undefined && o.offset === s.offset && o.length === s.length) return o.category;
    }
    return undefined;
  });
}

/** The spans whose counterpart at the same place (`at`, in the same order) has another category or is missing. */
const unmatched = (spans: readonly ReviewSpan[], at: readonly (string | undefined)[]): ReviewSpan[] =>
  spans.filter((s, i) => at[i] !== s.category);

/** Pairs labeled and predicted spans: same place and category is a match, the rest are missed or spurious. */
export function compareSpans(expected: readonly ReviewSpan[], predicted: readonly ReviewSpan[]): ComparedSpan[] {
  const predictedKeys = new Set(predicted.map(spanKey));
  const expectedKeys = new Set(expected.map(spanKey));
  const predictedAt = new Map(predicted.map((p) => [placeKey(p), p.category]));
  const out: ComparedSpan[] = [];
  for (const span of expected) {
    if (predictedKeys.has(spanKey(span))) out.push({ span, verdict: 'match' });
    else {
      // Same place, another category: say what the model called it.
      const other = predictedAt.get(placeKey(span));
      out.push({ span, verdict: 'missed', ...(other === undefined ? {} : { predictedAs: other }) });
    }
  }
  for (const span of predicted) if (!expectedKeys.has(spanKey(span))) out.push({ span, verdict: 'spurious' });
  return out.sort((a, b) => a.span.offset - b.span.offset || a.span.length - b.span.length);
}

/** All regions' spans (zod leaves only category, offset and length); one region's array is taken as it is. */
const allOf = <T>(regions: readonly T[], spans: (r: T) => ReviewSpan[]): ReviewSpan[] =>
  regions.length === 1 && regions[0] !== undefined ? spans(regions[0]) : regions.flatMap(spans);

/** One test document: its labels and predictions, counted. */
export function testDocument(result: DocumentEvaluationResult): TestDocument {
  switch (result.projectKind) {
    case 'CustomSingleLabelClassification': {
      const { expectedClass, predictedClass } = result.customSingleLabelClassificationResult;
      return classDocument(
        result.location,
        expectedClass === '' ? [] : [expectedClass],
        predictedClass === '' ? [] : [predictedClass],
      );
    }
    case 'CustomMultiLabelClassification': {
      const { expectedClasses, predictedClasses } = result.customMultiLabelClassificationResult;
      return classDocument(result.location, expectedClasses, predictedClasses);
    }
    case 'CustomEntityRecognition': {
      const regions = result.customEntityRecognitionResult.entities;
      const expectedSpans = allOf(regions, (r) => r.expectedEntities);
      const predictedSpans = allOf(regions, (r) => r.predictedEntities);
      const predictedAt = categoriesAtPlacesOf(expectedSpans, predictedSpans);
      const labeledAt = categoriesAtPlacesOf(predictedSpans, expectedSpans);
      const found = expectedSpans.filter((s, i) => predictedAt[i] === s.category).length;
      // One literal with every field (no spread): 10,000 of these are made when an evaluation opens.
      return {
        location: result.location,
        expectedClasses: [],
        predictedClasses: [],
        expectedSpans,
        predictedSpans,
        predictedAt,
        labeledAt,
        truePositives: found,
        falsePositives: predictedSpans.filter((s, i) => labeledAt[i] !== s.category).length,
        falseNegatives: expectedSpans.length - found,
      };
    }
  }
}

function classDocument(location: string, expectedClasses: string[], predictedClasses: string[]): TestDocument {
  const labeled = new Set(expectedClasses);
  const truePositives = new Set(predictedClasses.filter((c) => labeled.has(c))).size;
  return {
    location,
    expectedClasses,
    predictedClasses,
    expectedSpans: [],
    predictedSpans: [],
    predictedAt: [],
    labeledAt: [],
    truePositives,
    falsePositives: new Set(predictedClasses).size - truePositives,
    falseNegatives: labeled.size - truePositives,
  };
}

/** How wrong a document is: its errors, so the worst come first. */
export const errorsOf = (row: Pick<TestDocumentRow, 'falsePositives' | 'falseNegatives'>): number =>
  row.falsePositives + row.falseNegatives;

/** Visits the (labeled, predicted) confusion cells a document counts in: per span for entities, else the document. */
function visitCells(d: TestDocument, visit: (labeled: string, predicted: string) => void): void {
  if (d.expectedSpans.length > 0 || d.predictedSpans.length > 0) {
    d.expectedSpans.forEach((e, i) => {
      visit(e.category, d.predictedAt[i] ?? NO_ENTITY_LABEL);
    });
    d.predictedSpans.forEach((p, j) => {
      if (d.labeledAt[j] === undefined) visit(NO_ENTITY_LABEL, p.category);
    });
    return;
  }
  const [labeled] = d.expectedClasses;
  const [predicted] = d.predictedClasses;
  if (labeled !== undefined && predicted !== undefined) visit(labeled, predicted);
}

/**
 * Per cell of a confusion matrix (rows labeled, columns predicted, both in `labels`), the rows of `documents` that
 * count in it: what a click on the cell lists.
 */
export function confusionDocuments(documents: readonly TestDocument[], labels: readonly string[]): number[][][] {
  const index = new Map(labels.map((l, i) => [l, i]));
  const cells = labels.map(() => labels.map((): number[] => []));
  // The last row listed in each cell, so a document counts once per cell however many of its spans fall there.
  const lastRow = new Int32Array(labels.length * labels.length).fill(-1);
  documents.forEach((d, row) => {
    visitCells(d, (labeled, predicted) => {
      const i = index.get(labeled);
      const j = index.get(predicted);
      if (i === undefined || j === undefined || lastRow[i * labels.length + j] === row) return;
      lastRow[i * labels.length + j] = row;
      cells[i]?.[j]?.push(row);
    });
  });
  return cells;
}

const joined = (classes: readonly string[]): string => (classes.length === 0 ? '—' : classes.join(', '));

const entityCount = (n: number): string => `${n} entit${n === 1 ? 'y' : 'ies'}`;

/** The distinct categories of some spans, most frequent first ("Date ×2, Name"). */
function categoriesInWords(spans: readonly ReviewSpan[]): string {
  const counts = new Map<string, number>();
  for (const s of spans) counts.set(s.category, (counts.get(s.category) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([c, n]) => (n === 1 ? c : `${c} ×${n}`))
    .join(', ');
}

/** An entity document's side of its row: how many spans, and which categories went wrong ("12 entities; missed Date"). */
function spansInWords(spans: readonly ReviewSpan[], wrong: readonly ReviewSpan[], verdict: SpanVerdict): string {
  return wrong.length === 0
    ? entityCount(spans.length)
    : `${entityCount(spans.length)}; ${verdict} ${categoriesInWords(wrong)}`;
}

/** A document's row on the page: counts and short descriptions, no spans (they stay on the host). */
function rowOf(d: TestDocument, kind: DocumentEvaluationResult['projectKind']): TestDocumentRow {
  const entities = kind === 'CustomEntityRecognition';
  // Only an entity document with errors is looked at span by span here: the rest need no verdicts.
  const wrong = (verdict: SpanVerdict): ReviewSpan[] => {
    if (!entities || errorsOf(d) === 0) return [];
    return verdict === 'missed' ? unmatched(d.expectedSpans, d.predictedAt) : unmatched(d.predictedSpans, d.labeledAt);
  };
  return {
    location: d.location,
    truePositives: d.truePositives,
    falsePositives: d.falsePositives,
    falseNegatives: d.falseNegatives,
    labeled: entities ? spansInWords(d.expectedSpans, wrong('missed'), 'missed') : joined(d.expectedClasses),
    predicted: entities ? spansInWords(d.predictedSpans, wrong('spurious'), 'spurious') : joined(d.predictedClasses),
  };
}

const byLocation = (a: TestDocument, b: TestDocument): number =>
  a.location < b.location ? -1 : a.location > b.location ? 1 : 0;

/** Every test document, worst first (most errors, then fewest right, then by location), and the page's view of it. */
export function buildTestSetView(results: readonly DocumentEvaluationResult[]): {
  documents: TestDocument[];
  view: TestSetView;
} {
  const documents = results.map(testDocument);
  documents.sort((a, b) => errorsOf(b) - errorsOf(a) || a.truePositives - b.truePositives || byLocation(a, b));
  const kind = results[0]?.projectKind ?? 'CustomSingleLabelClassification';
  const rows = documents.map((d) => rowOf(d, kind));
  return { documents, view: { rows, mismatches: rows.filter((r) => errorsOf(r) > 0).length } };
}

/** Multi-label: each class's test documents in a 2×2 matrix (the service gives none for multi-label). */
export function classMatrices(documents: readonly TestDocument[], classes: readonly string[]): ClassMatrix[] {
  const all = new Set(classes);
  for (const d of documents) for (const c of [...d.expectedClasses, ...d.predictedClasses]) all.add(c);
  return [...all]
    .sort((a, b) => a.localeCompare(b))
    .map((category) => {
      const tp: number[] = [];
      const fp: number[] = [];
      const fn: number[] = [];
      documents.forEach((d, row) => {
        const labeled = d.expectedClasses.includes(category);
        const predicted = d.predictedClasses.includes(category);
        if (labeled && predicted) tp.push(row);
        else if (labeled) fn.push(row);
        else if (predicted) fp.push(row);
      });
      return {
        category,
        truePositives: tp.length,
        falsePositives: fp.length,
        falseNegatives: fn.length,
        trueNegatives: documents.length - tp.length - fp.length - fn.length,
        documents: { tp, fp, fn },
      };
    });
}

/** The theme colour of each verdict (contributed in package.json, overridable in workbench.colorCustomizations). */
export const reviewColorIds: Record<SpanVerdict, string> = {
  match: 'customText.review.match',
  missed: 'customText.review.missed',
  spurious: 'customText.review.spurious',
};

/** What a labeled or predicted span or class turned out to be, in the editor's hover. */
export function verdictText(verdict: SpanVerdict, category: string, predictedAs: string | undefined): string {
  if (verdict === 'match') return `Match: labeled ${category} and predicted ${category}`;
  if (verdict === 'missed')
    return predictedAs === undefined
      ? `Missed: labeled ${category}, not predicted`
      : `Missed: labeled ${category}, predicted ${predictedAs}`;
  return `Spurious: predicted ${category}, not labeled`;
}
