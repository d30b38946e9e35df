import assert from 'node:assert/strict';
import { evaluateEntities, evaluateMultiLabel, evaluateSingleLabel } from '../../../src/service/engine/evaluation';
import { trainModel } from '../../../src/service/engine/trainer';
import type { TrainRequest } from '../../../src/service/engine/types';
import { exampleResponseBody } from '../../officialExamples';
import { loadLoanAgreements, loadMovieSummaries, loadWebOfScience } from './sampleData';

function exampleBody(file: string): Record<string, unknown> {
  return exampleResponseBody(`2023-04-01/examples/analyzetext-authoring/${file}`) as Record<string, unknown>;
}

function keysOf(value: unknown): string[] {
  return typeof value === 'object' && value !== null ? Object.keys(value).sort() : [];
}

const close = (a: number, b: number): void => {
  assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);
};

describe('engine evaluation', () => {
  it('computes single-label counts, metrics and the confusion matrix by hand-checked arithmetic', () => {
    const r = evaluateSingleLabel(
      ['A', 'B', 'C'],
      [
        { expected: 'A', predicted: 'A' },
        { expected: 'A', predicted: 'B' },
        { expected: 'B', predicted: 'B' },
        { expected: 'C', predicted: 'A' },
      ],
    );
    assert.deepEqual(r.classes.A, {
      f1: 0.5,
      precision: 0.5,
      recall: 0.5,
      truePositiveCount: 1,
      trueNegativeCount: 1,
      falsePositiveCount: 1,
      falseNegativeCount: 1,
    });
    // B: TP 1, FP 1, FN 0 → P 0.5, R 1, F1 2/3. C: TP 0 → all 0.
    close(r.classes.B?.f1 ?? -1, 2 / 3);
    assert.equal(r.classes.C?.f1, 0);
    // Single-label: micro P = R = accuracy.
    close(r.microPrecision, 0.5);
    close(r.microRecall, 0.5);
    close(r.microF1, 0.5);
    close(r.macroF1, (0.5 + 2 / 3 + 0) / 3);
    close(r.macroPrecision, (0.5 + 0.5 + 0) / 3);
    close(r.macroRecall, (0.5 + 1 + 0) / 3);
    assert.deepEqual(r.confusionMatrix.A, {
      A: { normalizedValue: 50, rawValue: 1 },
      B: { normalizedValue: 50, rawValue: 1 },
    });
    assert.deepEqual(r.confusionMatrix.C, { A: { normalizedValue: 100, rawValue: 1 } });
  });

  it('computes multi-label counts per class over documents', () => {
    const r = evaluateMultiLabel(
      ['A', 'B'],
      [
        { expected: ['A', 'B'], predicted: ['A'] },
        { expected: ['B'], predicted: ['A', 'B'] },
        { expected: [], predicted: [] },
      ],
    );
    assert.deepEqual(
      [
        r.classes.A?.truePositiveCount,
        r.classes.A?.falsePositiveCount,
        r.classes.A?.falseNegativeCount,
        r.classes.A?.trueNegativeCount,
      ],
      [1, 1, 0, 1],
    );
    assert.deepEqual(
      [
        r.classes.B?.truePositiveCount,
        r.classes.B?.falsePositiveCount,
        r.classes.B?.falseNegativeCount,
        r.classes.B?.trueNegativeCount,
      ],
      [1, 0, 1, 1],
    );
    close(r.microPrecision, 2 / 3);
    close(r.microRecall, 2 / 3);
    close(r.macroF1, (2 / 3 + 2 / 3) / 2);
  });

  it('matches entities on exact spans and spreads partial overlaps in the confusion matrix', () => {
    const r = evaluateEntities(
      ['Name', 'City'],
      [
        {
          expected: [
            { category: 'Name', offset: 0, length: 10 },
            { category: 'City', offset: 20, length: 5 },
          ],
          predicted: [
            { category: 'Name', offset: 0, length: 10 },
            { category: 'City', offset: 20, length: 4 },
            { category: 'City', offset: 40, length: 2 },
          ],
        },
      ],
    );
    assert.deepEqual([r.entities.Name?.truePositiveCount, r.entities.Name?.falsePositiveCount], [1, 0]);
    assert.deepEqual(
      [r.entities.City?.truePositiveCount, r.entities.City?.falsePositiveCount, r.entities.City?.falseNegativeCount],
      [0, 2, 1],
    );
    close(r.microPrecision, 1 / 3);
    close(r.microRecall, 1 / 2);
    close(r.confusionMatrix.City?.City?.rawValue ?? -1, 0.8);
    close(r.confusionMatrix.City?.$none?.rawValue ?? -1, 0.2);
    close(r.confusionMatrix.City?.City?.normalizedValue ?? -1, 80);
    close(r.confusionMatrix.$none?.City?.rawValue ?? -1, 1);
  });

  it('produces the service shapes of the example payloads for every project kind', function () {
    this.timeout(15000);
    const summaryExample = exampleBody('SuccessfulGetModelEvaluationSummary.json');
    const resultExample = exampleBody('SuccessfulGetModelEvaluation.json');
    const exampleEval = summaryExample.customEntityRecognitionEvaluation as Record<string, unknown>;
    const exampleEntity = (exampleEval.entities as Record<string, unknown>).Date;
    const exampleDoc = (resultExample.value as Record<string, unknown>[])[0];
    const exampleRegion = (exampleDoc?.customEntityRecognitionResult as { entities: unknown[] }).entities[0];

    const loans = loadLoanAgreements();
    const ner = trainModel({
      kind: loans.kind,
      categories: loans.categories,
      documents: loans.documents.slice(0, 10),
      evaluation: { kind: 'percentage', trainingSplitPercentage: 80, testingSplitPercentage: 20 },
      seed: 1,
    });
    assert.deepEqual(keysOf(ner.evaluationSummary), keysOf(summaryExample));
    const nerEval = ner.evaluationSummary.customEntityRecognitionEvaluation as Record<string, unknown>;
    assert.deepEqual(keysOf(nerEval), keysOf(exampleEval));
    assert.deepEqual(keysOf((nerEval.entities as Record<string, unknown>).Date), keysOf(exampleEntity));
    assert.deepEqual(ner.evaluationSummary.evaluationOptions, summaryExample.evaluationOptions);
    const doc = ner.documentEvaluations[0];
    assert.deepEqual(keysOf(doc), keysOf(exampleDoc));
    const region = (doc?.customEntityRecognitionResult as { entities: unknown[] }).entities[0];
    assert.deepEqual(keysOf(region), keysOf(exampleRegion));
    assert.equal(ner.testingDocumentCount, 2);

    const wos = loadWebOfScience();
    const single: TrainRequest = {
      kind: wos.kind,
      categories: wos.categories,
      documents: wos.documents.slice(0, 40),
      evaluation: { kind: 'manual' },
      seed: 1,
    };
    single.documents = single.documents.map((d, i) => ({ ...d, dataset: i < 30 ? 'Train' : 'Test' }));
    const s = trainModel(single);
    const sEval = s.evaluationSummary.customSingleLabelClassificationEvaluation as Record<string, unknown>;
    assert.deepEqual(
      keysOf(sEval),
      keysOf(exampleEval)
        .map((k) => (k === 'entities' ? 'classes' : k))
        .sort(),
    );
    assert.deepEqual(s.evaluationSummary.evaluationOptions, { kind: 'manual' });
    assert.deepEqual(keysOf(s.documentEvaluations[0]), [
      'customSingleLabelClassificationResult',
      'language',
      'location',
      'projectKind',
    ]);
    assert.deepEqual(keysOf(s.documentEvaluations[0]?.customSingleLabelClassificationResult), [
      'expectedClass',
      'predictedClass',
    ]);

    const movies = loadMovieSummaries();
    const m = trainModel({
      kind: movies.kind,
      categories: movies.categories,
      documents: movies.documents.slice(0, 40),
      evaluation: { kind: 'percentage', trainingSplitPercentage: 80, testingSplitPercentage: 20 },
      seed: 1,
    });
    const mEval = m.evaluationSummary.customMultiLabelClassificationEvaluation as Record<string, unknown>;
    assert.deepEqual(
      keysOf(mEval),
      keysOf(exampleEval)
        .filter((k) => k !== 'confusionMatrix' && k !== 'entities')
        .concat('classes')
        .sort(),
    );
    assert.deepEqual(keysOf(m.documentEvaluations[0]?.customMultiLabelClassificationResult), [
      'expectedClasses',
      'predictedClasses',
    ]);
    assert.equal(m.trainingDocumentCount + m.testingDocumentCount, 40);
  });

  it('rejects labels the project does not declare and labels outside their region', () => {
    const base: TrainRequest = {
      kind: 'CustomEntityRecognition',
      categories: ['Name'],
      documents: [],
      evaluation: { kind: 'manual' },
      seed: 1,
    };
    const doc = { location: 'a.txt', language: 'en', text: 'Hello Bob' };
    assert.throws(
      () =>
        trainModel({
          ...base,
          documents: [
            {
              ...doc,
              regions: [{ regionOffset: 0, regionLength: 9, labels: [{ category: 'City', offset: 6, length: 3 }] }],
            },
          ],
        }),
      /'a.txt' uses 'City', which the project does not declare/,
    );
    assert.throws(
      () =>
        trainModel({
          ...base,
          documents: [
            {
              ...doc,
              regions: [{ regionOffset: 0, regionLength: 5, labels: [{ category: 'Name', offset: 6, length: 3 }] }],
            },
          ],
        }),
      /outside its labeled region/,
    );
  });
});
