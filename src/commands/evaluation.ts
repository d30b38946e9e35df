import type { DocumentEvaluationResult } from '../contract/evaluation';
import { buildEvaluationView } from '../core/evaluationView';
import { reviewGuidance } from '../core/reviewGuidance';
import { buildTestSetView, classMatrices, confusionDocuments } from '../core/testSetView';
import type { EvaluationView } from '../core/views';
import type { ResultsPanel } from '../webview/resultsPanel';
import type { CommandDeps } from './deps';
import type { ReviewState } from './review';
import { modelRefOf, pickModel } from './targets';

/**
 * Shows how a trained model did on its test set: averages, per-class scores, the confusion matrix, each test
 * document labeled against predicted (kept in `review` so a click on one opens it) and what to label next.
 */
export async function showEvaluation(
  deps: CommandDeps & { panel: ResultsPanel; review: ReviewState },
  target: unknown,
): Promise<EvaluationView | undefined> {
  const model = modelRefOf(target) ?? (await pickModel(deps, 'Show a Model’s Evaluation'));
  if (model === undefined) return undefined;
  const client = await deps.client(model.connection);
  // The per-document results say how many documents the scores rest on, and which; the summary does not.
  const [summary, results] = await Promise.all([
    client.getEvaluationSummary(model.projectName, model.modelLabel),
    client.listEvaluationResults(model.projectName, model.modelLabel).then(
      (all): DocumentEvaluationResult[] | undefined => all,
      (error: unknown) => {
        deps.log.warn(`Listing the test documents: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      },
    ),
  ]);
  const view = buildEvaluationView(summary, model.projectName, model.modelLabel, results?.length);
  if (results !== undefined) {
    const { documents, view: testSet } = buildTestSetView(results);
    const classes = view.classes.map((c) => c.category);
    view.testSet = testSet;
    if (view.confusion !== undefined) view.confusion.documents = confusionDocuments(documents, view.confusion.labels);
    if (view.kind === 'CustomMultiLabelClassification') view.classMatrices = classMatrices(documents, classes);
    view.guidance = reviewGuidance({ classes, documents });
    deps.review.current = { model, documents };
  } else deps.review.current = undefined;
  deps.panel.showEvaluation(view);
  return view;
}
