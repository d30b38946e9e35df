import * as vscode from 'vscode';
import { JobFailedError } from '../api/errors';
import type { LanguageClient } from '../api/client';
import type { TrainingJobState } from '../contract/job';
import type { TrainingJobOptions } from '../contract/model';
import {
  evaluationChoices,
  formatDuration,
  nameProblem,
  nextFreeName,
  summarizeEvaluation,
  trainingOptionsFor,
} from '../core/training';
import type { CommandDeps } from './deps';
import { CommandId } from './ids';
import { refreshGroup, refreshProject } from './refresh';
import type { ModelRef } from './targets';
import { isNode, pickProject } from './targets';
import { watchJob } from './watch';
import { progressMessageFor } from '../core/jobProgress';

/**
 * Trains a model of a project (the node's, or one the user picks): asks for the model label and how to evaluate,
 * starts the job, and follows it with progress. Returns the finished job, or undefined when the user stopped.
 */
export async function trainModel(deps: CommandDeps, target: unknown): Promise<TrainingJobState | undefined> {
  const project = isNode(target, 'project') ? target : await pickProject(deps, 'Train a Model');
  if (project === undefined) return undefined;
  const projectName = project.project.projectName;
  const client = await deps.client(project.connection);

  const options = await askTrainingOptions(deps, client, projectName);
  if (options === undefined) return undefined;

  const modelLabel = options.modelLabel;
  const jobUrl = await client.beginTrain(projectName, options);
  const { connection } = project;
  refreshGroup(deps, connection, projectName, 'jobs'); // The new job shows under Training jobs while it runs.
  try {
    const job = await watchJob(
      `Training ${projectName}/${modelLabel}`,
      `the training of ${modelLabel}`,
      (report, signal) =>
        client
          .waitForTraining(projectName, jobUrl, {
            signal,
            onProgress: (p) => {
              const message = p.status === 'running' ? `${p.percentComplete ?? 0}%` : progressMessageFor(p.status);
              report({ ...(message === undefined ? {} : { message }), percent: p.percentComplete });
            },
          })
          .catch((error: unknown) => {
            // Cancelled on purpose (Cancel Training): say so, it is not a failure.
            if (!(error instanceof JobFailedError && error.status === 'cancelled')) throw error;
            void vscode.window.showInformationMessage(`The training of ${projectName}/${modelLabel} was cancelled.`);
            return undefined;
          }),
    );
    if (job === undefined) return undefined;
    const summary = await client
      .getEvaluationSummary(projectName, modelLabel)
      .then(summarizeEvaluation, () => undefined);
    const seconds = (Date.parse(job.lastUpdatedDateTime) - Date.parse(job.createdDateTime)) / 1000;
    const ref: ModelRef = { connection: project.connection, projectName, modelLabel };
    // The loop's next steps, one click (or Tab and Enter) away.
    const evaluation = 'Show Evaluation';
    const deploy = 'Deploy…';
    void deps.prompter
      .message(
        `Trained ${projectName}/${modelLabel} in ${formatDuration(seconds)}${summary === undefined ? '' : `: ${summary}`}.`,
        deploy,
        evaluation,
      )
      .then((choice) => {
        if (choice === deploy) void vscode.commands.executeCommand(CommandId.deployModel, ref);
        if (choice === evaluation) void vscode.commands.executeCommand(CommandId.showEvaluation, ref);
      });
    return job;
  } finally {
    refreshProject(deps, connection, projectName);
  }
}

/** The model label (the next free modelN proposed; an existing one gets a warning) and the evaluation split. */
async function askTrainingOptions(
  deps: CommandDeps,
  client: LanguageClient,
  projectName: string,
): Promise<TrainingJobOptions | undefined> {
  const existing = (await client.listModels(projectName)).map((m) => m.label);
  const label = await deps.prompter.input({
    title: `Train a model of ${projectName} (1/2): model label`,
    prompt: 'The name of the trained model (letters, digits, _ - .)',
    value: nextFreeName('model', existing),
    ignoreFocusOut: true,
    validateInput: (value) => {
      const problem = nameProblem('model', value);
      if (problem !== undefined) return problem;
      return existing.includes(value.trim())
        ? {
            message: `Training replaces the model “${value.trim()}”.`,
            severity: vscode.InputBoxValidationSeverity.Warning,
          }
        : undefined;
    },
  });
  if (label === undefined) return undefined;
  const evaluation = await deps.prompter.pick(
    evaluationChoices.map((c) => ({ label: c.label, detail: c.detail, choice: c.choice })),
    { title: `Train a model of ${projectName} (2/2): evaluation`, ignoreFocusOut: true },
  );
  if (evaluation === undefined) return undefined;
  return trainingOptionsFor(label.trim(), evaluation.choice);
}

/** Asks the service to cancel a training job that has not finished. */
export async function cancelTrainingJob(deps: CommandDeps, target: unknown): Promise<boolean> {
  if (!isNode(target, 'trainingJob')) {
    void vscode.window.showInformationMessage('Pick a running training job in the Custom Text view to cancel it.');
    return false;
  }
  const client = await deps.client(target.connection);
  await client.cancelTrainingJob(target.projectName, target.job.jobId);
  refreshGroup(deps, target.connection, target.projectName, 'jobs');
  return true;
}
