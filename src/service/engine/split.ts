// Train/test split as the service does it: a seeded shuffle by percentage, or each document's own dataset.
import { LOCAL_MIN_DOCUMENTS_PER_SET } from '../../contract/limits';
import { createRandom, shuffled } from './random';
import type { EvaluationOptions, LabeledDocument } from './types';

/** A problem with the project's data that the user can fix; its message is meant for them. */
export class TrainingDataError extends Error {
  override name = 'TrainingDataError';
}

export interface DocumentSplit {
  training: LabeledDocument[];
  testing: LabeledDocument[];
}

const MIN_TRAINING_DOCUMENTS = LOCAL_MIN_DOCUMENTS_PER_SET;
const MIN_TESTING_DOCUMENTS = LOCAL_MIN_DOCUMENTS_PER_SET;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function splitDocuments(
  documents: readonly LabeledDocument[],
  evaluation: EvaluationOptions,
  seed: number,
): DocumentSplit {
  let split: DocumentSplit;
  if (evaluation.kind === 'manual') {
    // Documents without a dataset train: the service only tests on documents marked Test.
    split = {
      training: documents.filter((d) => d.dataset !== 'Test'),
      testing: documents.filter((d) => d.dataset === 'Test'),
    };
  } else {
    const { trainingSplitPercentage: train, testingSplitPercentage: test } = evaluation;
    if (!Number.isInteger(train) || !Number.isInteger(test) || train < 1 || test < 1 || train + test !== 100) {
      throw new TrainingDataError(
        `The training and testing split percentages must be whole numbers from 1 to 99 that add up to 100 (got ${train} and ${test}).`,
      );
    }
    const order = shuffled(documents, createRandom(seed));
    // Never leave a side below its minimum when the other can spare documents.
    const wanted = Math.round((order.length * test) / 100);
    const testCount = Math.max(MIN_TESTING_DOCUMENTS, Math.min(order.length - MIN_TRAINING_DOCUMENTS, wanted));
    split = { testing: order.slice(0, testCount), training: order.slice(testCount) };
  }
  const how =
    evaluation.kind === 'manual'
      ? 'Mark more documents with the matching dataset, or use a percentage split.'
      : 'Label more documents or change the split percentages.';
  if (split.training.length < MIN_TRAINING_DOCUMENTS) {
    throw new TrainingDataError(
      `The training set has ${plural(split.training.length, 'labeled document')}; at least ${MIN_TRAINING_DOCUMENTS} are needed. ${how}`,
    );
  }
  if (split.testing.length < MIN_TESTING_DOCUMENTS) {
    throw new TrainingDataError(
      `The testing set has ${plural(split.testing.length, 'labeled document')}; at least ${MIN_TESTING_DOCUMENTS} are needed to evaluate the model. ${how}`,
    );
  }
  return split;
}
