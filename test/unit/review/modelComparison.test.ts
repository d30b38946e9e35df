import assert from 'node:assert/strict';
import { documentEvaluationResultSchema } from '../../../src/contract/evaluation';
import { compareModels } from '../../../src/core/modelComparison';
import { buildTestSetView } from '../../../src/core/testSetView';

const single = (location: string, expectedClass: string, predictedClass: string) =>
  documentEvaluationResultSchema.parse({
    projectKind: 'CustomSingleLabelClassification',
    location,
    language: 'en',
    customSingleLabelClassificationResult: { expectedClass, predictedClass },
  });

const scores = (category: string, f1: number) => ({
  category,
  f1,
  precision: f1,
  recall: f1,
  truePositives: 0,
  falsePositives: 0,
  falseNegatives: 0,
});

describe('model comparison', () => {
  it('puts per-class F1 side by side with the difference, drops first, and lists the documents predicted differently', () => {
    const mine = buildTestSetView([single('1.txt', 'A', 'A'), single('2.txt', 'B', 'A'), single('3.txt', 'B', 'B')]);
    const theirs = buildTestSetView([single('1.txt', 'A', 'B'), single('2.txt', 'B', 'B'), single('9.txt', 'B', 'B')]);
    const view = compareModels(
      { model: 'v1', classes: [scores('A', 0.8), scores('B', 0.5)], documents: mine.documents },
      { model: 'v2', classes: [scores('A', 0.6), scores('B', 0.9), scores('C', 0.7)], documents: theirs.documents },
    );
    assert.deepEqual(
      view.classes.map((c) => [
        c.category,
        c.f1,
        c.otherF1,
        c.difference === undefined ? undefined : +c.difference.toFixed(2),
      ]),
      [
        ['C', undefined, 0.7, undefined],
        ['A', 0.8, 0.6, -0.2],
        ['B', 0.5, 0.9, 0.4],
      ],
    );
    assert.equal(view.commonDocuments, 2, 'only documents both were tested on are compared');
    assert.deepEqual(
      view.disagreements.map((d) => [d.location, d.predicted, d.otherPredicted, d.errors, d.otherErrors]),
      [
        ['1.txt', 'A', 'B', 0, 2],
        ['2.txt', 'A', 'B', 2, 0],
      ],
    );
    const row = view.disagreements[0]?.row ?? -1;
    assert.equal(mine.view.rows[row]?.location, '1.txt', 'a disagreement opens its row of this model’s test set');
  });
});
