// One way to count what a model learns from: the labeled documents and labels outside the test set. After
// training, the test set is the documents the evaluation lists; before, it is the labels file's Test marks.
import type { Assets, LabelsDocument } from './model';
import { categoriesOf, spansOf } from './model';

/** Whether a document of the labels file is in the test set. */
export type InTestSet = (document: LabelsDocument) => boolean;

/** The labels file's own test set: the documents marked Test (the service trains on every other labeled one). */
export const markedTest: InTestSet = (document) => document.dataset === 'Test';

/** The test set an evaluation lists, by location. */
export const testedIn =
  (locations: ReadonlySet<string>): InTestSet =>
  (document) =>
    locations.has(document.location);

/** Visits each document with its labels' categories, once per label (a class, or an entity span). */
function eachDocument(assets: Assets, visit: (document: LabelsDocument, categories: string[]) => void): void {
  switch (assets.projectKind) {
    case 'CustomSingleLabelClassification':
      for (const d of assets.documents) visit(d, d.class ? [d.class.category] : []);
      return;
    case 'CustomMultiLabelClassification':
      for (const d of assets.documents)
        visit(
          d,
          (d.classes ?? []).map((c) => c.category),
        );
      return;
    case 'CustomEntityRecognition':
      for (const d of assets.documents)
        visit(
          d,
          spansOf(d).map((s) => s.category),
        );
      return;
  }
}

/**
 * Labeled examples of each class or entity type in the training set and in the test set, in one pass: every
 * declared category (0 when it has none there), and any undeclared one that is labeled.
 */
export function examplesBySet(
  assets: Assets,
  inTestSet: InTestSet,
): { training: Map<string, number>; testing: Map<string, number> } {
  const declared = categoriesOf(assets);
  const training = new Map<string, number>(declared.map((c) => [c, 0]));
  const testing = new Map<string, number>(declared.map((c) => [c, 0]));
  eachDocument(assets, (document, categories) => {
    const counts = inTestSet(document) ? testing : training;
    for (const c of categories) counts.set(c, (counts.get(c) ?? 0) + 1);
  });
  return { training, testing };
}

/** Labeled examples of each class or entity type in the training set: what the advised minimum is about. */
export function trainingExamples(assets: Assets, inTestSet: InTestSet): Map<string, number> {
  return examplesBySet(assets, inTestSet).training;
}

/** Labeled documents on each side of the split: unlabeled ones take no part in training or testing. */
export function labeledDocuments(assets: Assets, inTestSet: InTestSet): { training: number; testing: number } {
  const split = { training: 0, testing: 0 };
  eachDocument(assets, (document, categories) => {
    if (categories.length === 0) return;
    if (inTestSet(document)) split.testing++;
    else split.training++;
  });
  return split;
}
