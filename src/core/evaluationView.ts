// Turns a model's evaluation summary into what the results panel shows.
import type { EvaluationSummary } from '../contract/evaluation';
import type { EvaluationView } from './views';
import { confusionCounting } from './confusionCounting';
import { plural } from './plural';

/** "none" stands for "no entity" in entity confusion matrices. */
const NO_ENTITY = '$none';

/** The kind-specific part of a summary: averages, per-class (or per-entity) scores, confusion matrix. */
export function scoresOf(summary: EvaluationSummary) {
  switch (summary.projectKind) {
    case 'CustomSingleLabelClassification':
      return summary.customSingleLabelClassificationEvaluation;
    case 'CustomMultiLabelClassification':
      return summary.customMultiLabelClassificationEvaluation;
    case 'CustomEntityRecognition':
      return summary.customEntityRecognitionEvaluation;
  }
}

/** Below this many test documents, one document moves the scores by several points: too few to trust them. */
export const FEW_TEST_DOCUMENTS = 10;

/** The warning an evaluation carries when it rests on too few test documents. */
export function testSetWarning(testDocuments: number | undefined): string | undefined {
  if (testDocuments === undefined || testDocuments >= FEW_TEST_DOCUMENTS) return undefined;
  return `Only ${testDocuments} test document${testDocuments === 1 ? '' : 's'}: too few to trust these scores (each one can move them by ${Math.round(100 / Math.max(1, testDocuments))} points). Label more documents, or give testing a larger share.`;
}

/**
 * What the model was trained and tested on: the documents counted when known (the split asked for can differ from
 * the split made, e.g. when a side would otherwise have too few), then the split asked for.
 */
export function describeSplit(split: string, testDocuments?: number, trainingDocuments?: number): string {
  if (testDocuments === undefined) return `evaluation on the test set (${split})`;
  const tested = `tested on ${plural(testDocuments, 'document')}`;
  const trained = trainingDocuments === undefined ? '' : `trained on ${plural(trainingDocuments, 'document')}, `;
  return `evaluation on the test set: ${trained}${tested} (${split})`;
}

/**
 * `testDocuments`: how many the evaluation lists; `trainingDocuments`: the labeled documents outside them, when a
 * labels file of the project says.
 */
export function buildEvaluationView(
  summary: EvaluationSummary,
  projectName: string,
  modelLabel: string,
  testDocuments?: number,
  trainingDocuments?: number,
): EvaluationView {
  const scores = scoresOf(summary);
  const perClass = 'entities' in scores ? scores.entities : scores.classes;
  const classes = Object.entries(perClass)
    .map(([category, c]) => ({
      category,
      f1: c.f1,
      precision: c.precision,
      recall: c.recall,
      truePositives: c.truePositiveCount,
      falsePositives: c.falsePositiveCount,
      falseNegatives: c.falseNegativeCount,
    }))
    .sort((a, b) => a.f1 - b.f1 || a.category.localeCompare(b.category));
  const options = summary.evaluationOptions;
  const split =
    options.kind === 'manual'
      ? 'manual split: each document’s dataset'
      : `asked for ${options.trainingSplitPercentage ?? 80}% training, ${options.testingSplitPercentage ?? 20}% testing`;
  const matrix = 'confusionMatrix' in scores ? scores.confusionMatrix : undefined;
  let confusion: EvaluationView['confusion'];
  if (matrix !== undefined) {
    const names = new Set<string>(Object.keys(perClass));
    for (const [labeled, row] of Object.entries(matrix)) {
      names.add(labeled);
      for (const predicted of Object.keys(row)) names.add(predicted);
    }
    // The "no entity" row and column go last, under a readable name.
    const labels = [...names].filter((n) => n !== NO_ENTITY).sort((a, b) => a.localeCompare(b));
    if (names.has(NO_ENTITY)) labels.push(NO_ENTITY);
    // Own keys only: a class may be named `constructor` or `__proto__`.
    const cell = (labeled: string, predicted: string): number => {
      const row = Object.hasOwn(matrix, labeled) ? matrix[labeled] : undefined;
      return row !== undefined && Object.hasOwn(row, predicted) ? (row[predicted]?.rawValue ?? 0) : 0;
    };
    const counts = labels.map((labeled) => labels.map((predicted) => cell(labeled, predicted)));
    confusion = {
      labels: labels.map((l) => (l === NO_ENTITY ? '(none)' : l)),
      counts,
      counting: confusionCounting(summary.projectKind === 'CustomEntityRecognition', counts),
    };
  }
  const warning = testSetWarning(testDocuments);
  return {
    title: `${projectName} / ${modelLabel}`,
    source: describeSplit(split, testDocuments, trainingDocuments),
    kind: summary.projectKind,
    split,
    micro: { f1: scores.microF1, precision: scores.microPrecision, recall: scores.microRecall },
    macro: { f1: scores.macroF1, precision: scores.macroPrecision, recall: scores.macroRecall },
    classes,
    ...(confusion === undefined ? {} : { confusion }),
    ...(testDocuments === undefined ? {} : { testDocuments }),
    ...(warning === undefined ? {} : { warning }),
  };
}
