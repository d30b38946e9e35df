import * as vscode from 'vscode';
import type { LanguageClient } from '../api/client';
import { nameProblem } from '../core/training';
import type { CommandDeps } from './deps';
import { refreshProject } from './refresh';
import { isNode, modelRefOf, pickModel } from './targets';
import { reportStatus, watchJob } from './watch';

/**
 * Deploys a trained model (the node's, one passed by another command, or one the user picks) to a new or an
 * existing deployment, and follows the job. Returns the deployment name, or undefined when the user stopped.
 */
export async function deployModel(deps: CommandDeps, target: unknown): Promise<string | undefined> {
  const model = modelRefOf(target) ?? (await pickModel(deps, 'Deploy a Model'));
  if (model === undefined) return undefined;
  const { projectName, modelLabel } = model;
  const client = await deps.client(model.connection);

  const name = await askDeploymentName(deps, client, projectName, modelLabel);
  if (name === undefined) return undefined;
  try {
    const done = await watchJob(
      `Deploying ${projectName}/${modelLabel} to “${name}”`,
      `the deployment`,
      (report, signal) =>
        client.deployAndWait(
          projectName,
          name,
          { trainedModelLabel: modelLabel },
          { signal, onProgress: reportStatus(report) },
        ),
    );
    if (done === undefined) return undefined;
    void vscode.window.showInformationMessage(`Deployed ${projectName}/${modelLabel} as “${name}”.`);
    return name;
  } finally {
    refreshProject(deps, model.connection, projectName);
  }
}

/** An existing deployment to replace, or the name of a new one ("production" when that is free). */
async function askDeploymentName(
  deps: CommandDeps,
  client: LanguageClient,
  projectName: string,
  modelLabel: string,
): Promise<string | undefined> {
  const [deployments, models] = await Promise.all([
    client.listDeployments(projectName),
    client.listModels(projectName),
  ]);
  const title = `Deploy ${projectName}/${modelLabel}`;
  const newDeployment = '$(add) New deployment…';
  if (deployments.length > 0) {
    const labelOf = (modelId: string): string => models.find((m) => m.modelId === modelId)?.label ?? modelId;
    const items = [
      ...deployments.map((d) => ({ label: d.deploymentName, description: `now serves ${labelOf(d.modelId)}` })),
      { label: newDeployment },
    ];
    const picked = await deps.prompter.pick(items, { title, placeHolder: 'Deployment to create or replace' });
    if (picked?.label !== newDeployment) return picked?.label;
  }
  const taken = new Set(deployments.map((d) => d.deploymentName));
  const name = await deps.prompter.input({
    title: `${title}: new deployment`,
    prompt: 'The deployment name that prediction requests use',
    value: taken.has('production') ? '' : 'production',
    ignoreFocusOut: true,
    validateInput: (v) =>
      nameProblem('deployment', v) ??
      (taken.has(v.trim()) ? `“${v.trim()}” exists: pick it in the list to replace it.` : undefined),
  });
  return name?.trim();
}

/** Deletes a trained model after the user confirms. */
export async function deleteModel(deps: CommandDeps, target: unknown): Promise<boolean> {
  if (!isNode(target, 'model')) return false;
  const { projectName, model, deployments } = target;
  const servedBy = deployments.length > 0 ? ` It is deployed as ${deployments.map((d) => `“${d}”`).join(', ')}.` : '';
  const question = `Delete the model “${model.label}” of ${projectName}?${servedBy} This cannot be undone.`;
  if (!(await deps.prompter.confirm(question, 'Delete'))) return false;
  await (await deps.client(target.connection)).deleteModel(projectName, model.label);
  refreshProject(deps, target.connection, projectName);
  return true;
}
