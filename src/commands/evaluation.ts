import { buildEvaluationView } from '../core/evaluationView';
import type { EvaluationView } from '../core/views';
import type { ResultsPanel } from '../webview/resultsPanel';
import type { CommandDeps } from './deps';
import { modelRefOf, pickModel } from './targets';

/** Shows how a trained model did on its test set: averages, per-class scores and the confusion matrix. */
export async function showEvaluation(
  deps: CommandDeps & { panel: ResultsPanel },
  target: unknown,
): Promise<EvaluationView | undefined> {
  const model = modelRefOf(target) ?? (await pickModel(deps, 'Show a Model’s Evaluation'));
  if (model === undefined) return undefined;
  const client = await deps.client(model.connection);
  // The per-document results say how many documents the scores rest on; the summary does not.
  const [summary, tested] = await Promise.all([
    client.getEvaluationSummary(model.projectName, model.modelLabel),
    client.listEvaluationResults(model.projectName, model.modelLabel).then(
      (documents) => documents.length,
      (error: unknown) => {
        deps.log.warn(`Counting the test documents: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      },
    ),
  ]);
  const view = buildEvaluationView(summary, model.projectName, model.modelLabel, tested);
  deps.panel.showEvaluation(view);
  return view;
}
