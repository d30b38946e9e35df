import * as assert from 'node:assert/strict';
import { evaluationSummarySchema } from '../../../src/contract/evaluation';
import { buildEvaluationView, testSetWarning } from '../../../src/core/evaluationView';
import { exampleResponseBody } from '../../officialExamples';

describe('evaluation view', () => {
  it('shows the official entity evaluation example: averages, weakest class first, a square confusion matrix', () => {
    const summary = evaluationSummarySchema.parse(
      exampleResponseBody('2023-04-01/examples/analyzetext-authoring/SuccessfulGetModelEvaluationSummary.json'),
    );
    const view = buildEvaluationView(summary, 'LoanAgreements', 'model1');
    assert.equal(view.title, 'LoanAgreements / model1');
    assert.equal(view.kind, 'CustomEntityRecognition');
    assert.ok(view.classes.length > 0);
    const f1s = view.classes.map((c) => c.f1);
    assert.deepEqual(
      f1s,
      [...f1s].sort((a, b) => a - b),
      'weakest first',
    );
    const confusion = view.confusion;
    assert.ok(confusion);
    assert.equal(confusion.counts.length, confusion.labels.length);
    for (const row of confusion.counts) assert.equal(row.length, confusion.labels.length);
    if (confusion.labels.includes('(none)')) assert.equal(confusion.labels.at(-1), '(none)');
  });

  it('describes the split the model had, not only the split asked for', () => {
    const summary = evaluationSummarySchema.parse(
      exampleResponseBody('2023-04-01/examples/analyzetext-authoring/SuccessfulGetModelEvaluationSummary.json'),
    );
    // The local service keeps 2 documents on each side: an 80/20 split of 4 documents is 2/2.
    const view = buildEvaluationView(summary, 'LoanAgreements', 'model1', 2, 2);
    assert.equal(
      view.source,
      'evaluation on the test set: trained on 2 documents, tested on 2 documents (asked for 80% training, 20% testing)',
    );
    assert.equal(
      buildEvaluationView(summary, 'LoanAgreements', 'model1', 1).source,
      'evaluation on the test set: tested on 1 document (asked for 80% training, 20% testing)',
    );
  });

  it('warns when the scores rest on too few test documents', () => {
    const summary = evaluationSummarySchema.parse(
      exampleResponseBody('2023-04-01/examples/analyzetext-authoring/SuccessfulGetModelEvaluationSummary.json'),
    );
    const few = buildEvaluationView(summary, 'LoanAgreements', 'model1', 4);
    assert.equal(few.testDocuments, 4);
    assert.match(
      few.warning ?? '',
      /^Only 4 test documents: too few to trust these scores \(each one can move them by 25 points\)/,
    );
    assert.equal(buildEvaluationView(summary, 'LoanAgreements', 'model1', 42).warning, undefined);
    assert.equal(buildEvaluationView(summary, 'LoanAgreements', 'model1').warning, undefined, 'unknown: no guess');
    assert.match(testSetWarning(1) ?? '', /^Only 1 test document:/);
  });

  it('describes the split and leaves the matrix out for multi-label', () => {
    const view = buildEvaluationView(
      evaluationSummarySchema.parse({
        projectKind: 'CustomMultiLabelClassification',
        evaluationOptions: { kind: 'percentage', trainingSplitPercentage: 90, testingSplitPercentage: 10 },
        customMultiLabelClassificationEvaluation: {
          classes: {
            Action: {
              f1: 0.5,
              precision: 0.5,
              recall: 0.5,
              truePositiveCount: 1,
              trueNegativeCount: 0,
              falsePositiveCount: 1,
              falseNegativeCount: 1,
            },
          },
          microF1: 0.5,
          microPrecision: 0.5,
          microRecall: 0.5,
          macroF1: 0.5,
          macroPrecision: 0.5,
          macroRecall: 0.5,
        },
      }),
      'Movies',
      'm1',
    );
    assert.equal(view.split, 'asked for 90% training, 10% testing');
    assert.equal(view.source, 'evaluation on the test set (asked for 90% training, 10% testing)');
    assert.equal(view.confusion, undefined);
    assert.deepEqual(view.classes[0], {
      category: 'Action',
      f1: 0.5,
      precision: 0.5,
      recall: 0.5,
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
    });
  });

  it('calls the entity matrix overlap-weighted, to one decimal, and says why it differs from TP/FP/FN', () => {
    const summary = evaluationSummarySchema.parse(
      exampleResponseBody('2023-04-01/examples/analyzetext-authoring/SuccessfulGetModelEvaluationSummary.json'),
    );
    const confusion = buildEvaluationView(summary, 'LoanAgreements', 'model1').confusion;
    assert.ok(confusion);
    const { name, legend, shown } = confusion.counting;
    assert.equal(name, 'Overlap-weighted counts');
    assert.doesNotMatch(legend, /raw counts/i);
    assert.match(legend, /shared among the categories predicted on its characters/);
    assert.match(legend, /differ from the TP\/FP\/FN table/);
    // The example's BorrowerAddress has FP 2 in its table, yet 0.095 predicted on unlabeled text in the matrix.
    const cell = (labeled: string, predicted: string): string | undefined =>
      shown[confusion.labels.indexOf(labeled)]?.[confusion.labels.indexOf(predicted)];
    assert.equal(cell('BorrowerAddress', 'BorrowerAddress'), '3.4');
    assert.equal(cell('BorrowerAddress', '(none)'), '0.6');
    assert.equal(cell('(none)', 'BorrowerAddress'), '0.1');
    assert.equal(cell('(none)', 'Interest'), '<0.1', 'a sliver is not drawn as 0');
    assert.equal(cell('Date', 'Date'), '4');
    assert.equal(cell('Date', 'Interest'), '0');
  });

  it('counts a class matrix in whole test documents', () => {
    const perClass = {
      f1: 1,
      precision: 1,
      recall: 1,
      truePositiveCount: 2,
      trueNegativeCount: 0,
      falsePositiveCount: 0,
      falseNegativeCount: 0,
    };
    const view = buildEvaluationView(
      evaluationSummarySchema.parse({
        projectKind: 'CustomSingleLabelClassification',
        evaluationOptions: { kind: 'manual' },
        customSingleLabelClassificationEvaluation: {
          confusionMatrix: { A: { A: { normalizedValue: 100, rawValue: 2 } } },
          classes: { A: perClass },
          microF1: 1,
          microPrecision: 1,
          microRecall: 1,
          macroF1: 1,
          macroPrecision: 1,
          macroRecall: 1,
        },
      }),
      'P',
      'm',
    );
    assert.equal(view.confusion?.counting.name, 'Counts');
    assert.match(view.confusion.counting.legend, /^Counts of test documents\./);
    assert.deepEqual(view.confusion.counting.shown, [['2']]);
  });

  it('keeps classes named like Object.prototype keys, each with its scores and its confusion row', () => {
    const names = ['__proto__', 'constructor', 'toString'];
    const scores = { f1: 0.5, precision: 0.5, recall: 0.5 };
    const counts = { truePositiveCount: 1, trueNegativeCount: 0, falsePositiveCount: 1, falseNegativeCount: 1 };
    const row = (hit: string) =>
      `{${names.map((n) => `"${n}":{"normalizedValue":0,"rawValue":${n === hit ? 2 : 1}}`).join(',')}}`;
    // As the service's JSON arrives: `__proto__` is an own key of the parsed object.
    const text = `{"projectKind":"CustomSingleLabelClassification","evaluationOptions":{"kind":"percentage","trainingSplitPercentage":80,"testingSplitPercentage":20},
      "customSingleLabelClassificationEvaluation":{"microF1":0.5,"microPrecision":0.5,"microRecall":0.5,"macroF1":0.5,"macroPrecision":0.5,"macroRecall":0.5,
      "classes":{${names.map((n) => `"${n}":${JSON.stringify({ ...scores, ...counts })}`).join(',')}},
      "confusionMatrix":{${names.map((n) => `"${n}":${row(n)}`).join(',')}}}}`;
    const view = buildEvaluationView(evaluationSummarySchema.parse(JSON.parse(text)), 'Odd', 'm');
    assert.deepEqual(view.classes.map((c) => c.category).sort(), [...names].sort());
    assert.deepEqual(view.confusion?.labels, ['__proto__', 'constructor', 'toString']);
    assert.deepEqual(view.confusion.counts, [
      [2, 1, 1],
      [1, 2, 1],
      [1, 1, 2],
    ]);
  });
});
