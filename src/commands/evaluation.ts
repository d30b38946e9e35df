import type { DocumentEvaluationResult } from '../contract/evaluation';
import { buildEvaluationView } from '../core/evaluationView';
import { buildTestSetReview } from '../core/testSetReview';
import type { EvaluationView } from '../core/views';
import type { ResultsPanel } from '../webview/resultsPanel';
import type { CommandDeps } from './deps';
import type { ReviewState } from './testSetReview';
import { modelRefOf, pickModel } from './targets';

/**
 * Shows how a trained model did on its test set: averages, per-class scores, the confusion matrix, and each test
 * document labeled against predicted (kept in `review` so a click on one opens it).
 */
export async function showEvaluation(
  deps: CommandDeps & { panel: ResultsPanel; review: ReviewState },
  target: unknown,
): Promise<EvaluationView | undefined> {
  const model = modelRefOf(target) ?? (await pickModel(deps, 'Show a Model’s Evaluation'));
  if (model === undefined) return undefined;
  const client = await deps.client(model.connection);
  // The per-document results say how many documents the scores rest on; the summary does not.
  const [summary, documents] = await Promise.all([
    client.getEvaluationSummary(model.projectName, model.modelLabel),
    client.listEvaluationResults(model.projectName, model.modelLabel).then(
      (all): DocumentEvaluationResult[] | undefined => all,
      (error: unknown) => {
        deps.log.warn(`Listing the test documents: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      },
    ),
  ]);
  const review = documents === undefined ? undefined : buildTestSetReview(documents);
  const view: EvaluationView = {
    ...buildEvaluationView(summary, model.projectName, model.modelLabel, documents?.length),
    ...(review === undefined ? {} : { testSet: review.view }),
  };
  deps.review.current = review === undefined ? undefined : { model, documents: review.documents };
  deps.panel.showEvaluation(view);
  return view;
}
