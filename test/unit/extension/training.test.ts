import * as assert from 'node:assert/strict';
import { evaluationSummarySchema } from '../../../src/contract/evaluation';
import { trainingJobOptionsSchema } from '../../../src/contract/model';
import {
  evaluationChoices,
  formatDuration,
  nameProblem,
  nextFreeName,
  summarizeEvaluation,
  trainingOptionsFor,
} from '../../../src/core/training';

describe('training helpers', () => {
  it('proposes the first free model label, whatever the case of the existing ones', () => {
    assert.equal(nextFreeName('model', []), 'model1');
    assert.equal(nextFreeName('model', ['model1', 'MODEL2', 'other']), 'model3');
  });

  it('says what is wrong with a typed name, in the API’s words', () => {
    assert.equal(nameProblem('model', 'good_name-1.0'), undefined);
    assert.match(nameProblem('model', 'bad name') ?? '', /contains " "/);
    assert.match(nameProblem('deployment', '') ?? '', /deployment name is empty/);
  });

  it('builds training options the API accepts for every evaluation choice', () => {
    for (const { choice } of evaluationChoices) {
      const options = trainingOptionsFor('m1', choice);
      assert.deepEqual(trainingJobOptionsSchema.parse(options), options);
    }
    assert.deepEqual(trainingOptionsFor('m1', 'split90').evaluationOptions, {
      kind: 'percentage',
      trainingSplitPercentage: 90,
      testingSplitPercentage: 10,
    });
    assert.deepEqual(trainingOptionsFor('m1', 'manual').evaluationOptions, { kind: 'manual' });
  });

  it('summarises an evaluation by its micro and macro F1', () => {
    const summary = evaluationSummarySchema.parse({
      projectKind: 'CustomEntityRecognition',
      evaluationOptions: { kind: 'percentage', trainingSplitPercentage: 80, testingSplitPercentage: 20 },
      customEntityRecognitionEvaluation: {
        confusionMatrix: {},
        entities: {},
        microF1: 0.9667,
        microPrecision: 1,
        microRecall: 0.9355,
        macroF1: 0.88,
        macroPrecision: 0.9,
        macroRecall: 0.86,
      },
    });
    assert.equal(summarizeEvaluation(summary), 'micro F1 96.7%, macro F1 88.0% on the test set');
  });

  it('formats durations in seconds and minutes', () => {
    assert.equal(formatDuration(0.4), '0 s');
    assert.equal(formatDuration(59.6), '1 min 0 s');
    assert.equal(formatDuration(125), '2 min 5 s');
  });
});
