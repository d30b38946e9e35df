// Advice from an evaluation, as the portal gives it: classes with too few examples, a class missing from the test
// set, unbalanced data, and classes the model mixes up; each names the test documents to label or review.
import { ADVISED_TRAINING_EXAMPLES } from '../contract/limits';
import type { Assets } from './labeling/model';
import { testedIn, trainingExamples } from './labeling/trainingSet';
import type { TestDocument } from './testSetView';
import { NO_ENTITY_LABEL } from './testSetView';
import type { GuidanceItem } from './views';
import { plural } from './plural';

/** Fewer than this in the test set: one document moves the class's score by many points. */
export const FEW_TEST_EXAMPLES = 5;
/** The largest class has this many times the examples of the smallest: the data are unbalanced. */
export const UNBALANCED_RATIO = 10;
/** A pair of classes mixed up at least this many times (both ways together) is worth a look. */
export const CONFUSED_AT_LEAST = 2;
/** At most this many confused pairs are listed, most confused first. */
const CONFUSED_PAIRS = 3;

export interface GuidanceInput {
  /** The classes or entity categories the model knows (from the evaluation summary). */
  classes: readonly string[];
  /** The test documents, in the order of the page's rows. */
  documents: readonly TestDocument[];
  /** Labeled examples per class in the training set, when known (a workspace labels file says). */
  trainingCounts?: ReadonlyMap<string, number>;
}

/** Labeled examples of each class in one document: its labeled classes, or its labeled spans per category. */
function labeledIn(d: TestDocument): string[] {
  return d.expectedSpans.length > 0 ? d.expectedSpans.map((s) => s.category) : d.expectedClasses;
}

/** The (labeled, predicted) pairs a document got wrong: another class for the same text or document. */
function confusionsIn(d: TestDocument): [string, string][] {
  if (d.expectedSpans.length > 0 || d.predictedSpans.length > 0) {
    return d.expectedSpans.flatMap((e, i): [string, string][] => {
      const p = d.predictedAt[i];
      return p === undefined || p === e.category || p === NO_ENTITY_LABEL ? [] : [[e.category, p]];
    });
  }
  const predicted = new Set(d.predictedClasses);
  const labeled = new Set(d.expectedClasses);
  const missed = d.expectedClasses.filter((c) => !predicted.has(c));
  const added = d.predictedClasses.filter((c) => !labeled.has(c));
  return missed.flatMap((m) => added.map((a): [string, string] => [m, a]));
}

/** Every piece of advice, most pressing first: missing, too few, unbalanced, confused. */
export function reviewGuidance(input: GuidanceInput): GuidanceItem[] {
  const { documents, trainingCounts } = input;
  const testCounts = new Map<string, number>();
  const rowsWith = new Map<string, number[]>();
  documents.forEach((d, row) => {
    for (const c of labeledIn(d)) testCounts.set(c, (testCounts.get(c) ?? 0) + 1);
    for (const c of new Set([...labeledIn(d), ...d.predictedClasses, ...d.predictedSpans.map((s) => s.category)])) {
      const rows = rowsWith.get(c);
      if (rows === undefined) rowsWith.set(c, [row]);
      else rows.push(row);
    }
  });
  const classes = [...new Set([...input.classes, ...testCounts.keys(), ...(trainingCounts?.keys() ?? [])])].sort(
    (a, b) => a.localeCompare(b),
  );
  const items: GuidanceItem[] = [];

  for (const c of classes) {
    const tested = testCounts.get(c) ?? 0;
    if (tested === 0)
      items.push({
        kind: 'missingFromTest',
        text: `${c} is not in the test set, so its scores say nothing: put some documents labeled ${c} in the test set (or label more of them).`,
        classes: [c],
        documents: rowsWith.get(c) ?? [],
      });
    else if (tested < FEW_TEST_EXAMPLES)
      items.push({
        kind: 'fewTest',
        text: `Only ${plural(tested, 'test example')} of ${c}: each moves its score by ${Math.round(100 / tested)} points. Label more ${c} documents for testing.`,
        classes: [c],
        documents: rowsWith.get(c) ?? [],
      });
    const trained = trainingCounts?.get(c);
    if (trained !== undefined && trained < ADVISED_TRAINING_EXAMPLES)
      items.push({
        kind: 'fewTraining',
        text: `Only ${plural(trained, 'training example')} of ${c} (at least ${ADVISED_TRAINING_EXAMPLES} are advised): label more documents with ${c}; the test documents listed show what the model gets wrong.`,
        classes: [c],
        documents: (rowsWith.get(c) ?? []).filter((row) => {
          const d = documents[row];
          return d !== undefined && d.falsePositives + d.falseNegatives > 0;
        }),
      });
  }

  // Unbalanced: compare the training counts when known, else the test counts.
  // Maps, not objects: a class may be named "constructor" or "toString".
  const counts = trainingCounts ?? testCounts;
  const count = (c: string): number => counts.get(c) ?? 0;
  const present = classes.filter((c) => count(c) > 0);
  if (present.length > 1) {
    const most = present.reduce((a, b) => (count(b) > count(a) ? b : a));
    const least = present.reduce((a, b) => (count(b) < count(a) ? b : a));
    const [high, low] = [count(most), count(least)];
    if (high >= UNBALANCED_RATIO * low)
      items.push({
        kind: 'unbalanced',
        text: `Unbalanced data: ${most} has ${high} ${trainingCounts === undefined ? 'test' : 'training'} examples, ${least} only ${low}. Label more ${least} so the model does not favour ${most}.`,
        classes: [most, least],
        documents: rowsWith.get(least) ?? [],
      });
  }

  // Confused pairs, both directions together.
  const pairs = new Map<string, { a: string; b: string; count: number; rows: Set<number> }>();
  documents.forEach((d, row) => {
    for (const [labeled, predicted] of confusionsIn(d)) {
      const [a, b] = labeled < predicted ? [labeled, predicted] : [predicted, labeled];
      const key = `${a}\u0000${b}`;
      const pair = pairs.get(key) ?? { a, b, count: 0, rows: new Set<number>() };
      pair.count++;
      pair.rows.add(row);
      pairs.set(key, pair);
    }
  });
  [...pairs.values()]
    .filter((p) => p.count >= CONFUSED_AT_LEAST)
    .sort((x, y) => y.count - x.count || x.a.localeCompare(y.a))
    .slice(0, CONFUSED_PAIRS)
    .forEach((p) =>
      items.push({
        kind: 'confused',
        text: `${p.a} and ${p.b} are mixed up ${plural(p.count, 'time')}: review these documents' labels, and label more examples that tell them apart.`,
        classes: [p.a, p.b],
        documents: [...p.rows].sort((x, y) => x - y),
      }),
    );
  return items;
}

/**
 * Labeled examples per class in the documents a project's labels file lists outside the test set: what the model
 * was trained on, as near as the workspace can tell.
 */
export function trainingCountsOf(assets: Assets, testLocations: ReadonlySet<string>): Map<string, number> {
  return trainingExamples(assets, testedIn(testLocations));
}
