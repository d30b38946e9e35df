import type { DocumentEvaluationResult } from '../contract/evaluation';
import { buildEvaluationView } from '../core/evaluationView';
import { assetsOf } from '../core/labeling/model';
import { labeledDocuments, testedIn } from '../core/labeling/trainingSet';
import { compareModels } from '../core/modelComparison';
import { reviewGuidance, trainingCountsOf } from '../core/reviewGuidance';
import type { TestDocument } from '../core/testSetView';
import { buildTestSetView, classMatrices, confusionDocuments } from '../core/testSetView';
import type { EvaluationView } from '../core/views';
import type { LabelingProjects } from '../labeling/projects';
import type { ResultsPanel } from '../webview/resultsPanel';
import type { CommandDeps } from './deps';
import type { ReviewState } from './review';
import type { ModelRef } from './targets';
import { shortDate } from '../tree/nodes';
import { modelRefOf, pickModel } from './targets';

export type EvaluationDeps = CommandDeps & { panel: ResultsPanel; review: ReviewState; labeling: LabelingProjects };

/** A model's evaluation as the panel shows it, and its test documents in the order of the rows. */
async function loadEvaluation(
  deps: EvaluationDeps,
  model: ModelRef,
): Promise<{ view: EvaluationView; documents: TestDocument[] | undefined }> {
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
  // A workspace labels file of the project says what the training set had: its documents, examples per class.
  const labelsFile = deps.labeling.all().find((p) => p.project?.file.metadata.projectName === model.projectName);
  const assets = labelsFile?.project === undefined ? undefined : assetsOf(labelsFile.project.file);
  const tested = new Set(results?.map((r) => r.location));
  const trainingDocuments =
    assets === undefined || results === undefined ? undefined : labeledDocuments(assets, testedIn(tested)).training;
  const view = buildEvaluationView(summary, model.projectName, model.modelLabel, results?.length, trainingDocuments);
  if (results === undefined) return { view, documents: undefined };
  const { documents, view: testSet } = buildTestSetView(results);
  const classes = view.classes.map((c) => c.category);
  view.testSet = testSet;
  if (view.confusion !== undefined) view.confusion.documents = confusionDocuments(documents, view.confusion.labels);
  if (view.kind === 'CustomMultiLabelClassification') view.classMatrices = classMatrices(documents, classes);
  const trainingCounts = assets === undefined ? undefined : trainingCountsOf(assets, tested);
  view.guidance = reviewGuidance({ classes, documents, ...(trainingCounts === undefined ? {} : { trainingCounts }) });
  return { view, documents };
}

/**
 * Shows how a trained model did on its test set: averages, per-class scores, the confusion matrix, each test
 * document labeled against predicted (kept in `review` so a click on one opens it) and what to label next.
 */
export async function showEvaluation(deps: EvaluationDeps, target: unknown): Promise<EvaluationView | undefined> {
  const model = modelRefOf(target) ?? (await pickModel(deps, 'Show a Model’s Evaluation'));
  if (model === undefined) return undefined;
  const { view, documents } = await loadEvaluation(deps, model);
  deps.review.current = documents === undefined ? undefined : { model, documents };
  deps.panel.showEvaluation(view);
  return view;
}

/** A model's evaluation beside another model's of the same project: per-class F1, and where they disagree. */
export async function compareWithModel(deps: EvaluationDeps, target: unknown): Promise<EvaluationView | undefined> {
  const title = 'Compare with Another Model';
  const model = modelRefOf(target) ?? (await pickModel(deps, title));
  if (model === undefined) return undefined;
  const others = deps.data
    .models(model.connection, model.projectName)
    .then((list) =>
      list
        .filter((m) => m.label !== model.modelLabel)
        .map((m) => ({ label: m.label, description: `trained ${shortDate(m.lastTrainedDateTime)}` })),
    );
  const picked = await deps.prompter.pick(others, {
    title,
    placeHolder: `Model of ${model.projectName} to compare ${model.modelLabel} with`,
  });
  if (picked === undefined) return undefined;
  const other: ModelRef = { ...model, modelLabel: picked.label };
  const [mine, theirs] = await Promise.all([loadEvaluation(deps, model), loadEvaluation(deps, other)]);
  const { view } = mine;
  view.comparison = compareModels(
    { model: model.modelLabel, classes: view.classes, documents: mine.documents ?? [] },
    { model: other.modelLabel, classes: theirs.view.classes, documents: theirs.documents ?? [] },
  );
  deps.review.current = mine.documents === undefined ? undefined : { model, documents: mine.documents };
  deps.panel.showEvaluation(view);
  return view;
}
