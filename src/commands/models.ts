import * as vscode from 'vscode';
import { z } from 'zod';
import { nameProblem } from '../core/training';
import type { CommandDeps } from './deps';
import { confirmed } from './confirm';
import { isNode, modelRefOf, pickModel } from './targets';
import { reportStatus, watchJob } from './watch';

/** Lets scripts and tests deploy without prompts. */
const deployArgsSchema = z.object({ deploymentName: z.string() });

/**
 * Deploys a trained model (the node's, one passed by another command, or one the user picks) to a new or an
 * existing deployment, and follows the job. Returns the deployment name, or undefined when the user stopped.
 */
export async function deployModel(deps: CommandDeps, target: unknown, args: unknown): Promise<string | undefined> {
  const model = modelRefOf(target) ?? (await pickModel(deps, 'Deploy a Model'));
  if (model === undefined) return undefined;
  const { projectName, modelLabel } = model;
  const client = await deps.client(model.connection);

  const given = deployArgsSchema.safeParse(args);
  let deploymentName: string | undefined = given.success ? given.data.deploymentName : undefined;
  if (deploymentName === undefined) {
    const [deployments, models] = await Promise.all([
      client.listDeployments(projectName),
      client.listModels(projectName),
    ]);
    const labelOf = (modelId: string): string => models.find((m) => m.modelId === modelId)?.label ?? modelId;
    const newDeployment = '$(add) New deployment…';
    const picked =
      deployments.length === 0
        ? newDeployment
        : (
            await vscode.window.showQuickPick(
              [
                ...deployments.map((d) => ({
                  label: d.deploymentName,
                  description: `now serves ${labelOf(d.modelId)}`,
                })),
                { label: newDeployment },
              ],
              { title: `Deploy ${projectName}/${modelLabel}`, placeHolder: 'Deployment to create or replace' },
            )
          )?.label;
    if (picked === undefined) return undefined;
    deploymentName =
      picked === newDeployment
        ? (
            await vscode.window.showInputBox({
              title: `Deploy ${projectName}/${modelLabel}: new deployment`,
              prompt: 'The deployment name that prediction requests use',
              value: deployments.some((d) => d.deploymentName === 'production') ? '' : 'production',
              ignoreFocusOut: true,
              validateInput: (v) =>
                nameProblem('deployment', v) ??
                (deployments.some((d) => d.deploymentName === v.trim())
                  ? `“${v.trim()}” exists: pick it in the list to replace it.`
                  : undefined),
            })
          )?.trim()
        : picked;
    if (deploymentName === undefined) return undefined;
  }

  const name = deploymentName;
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
    deps.tree.refresh();
  }
}

/** Deletes a trained model after the user confirms (scripts and tests may pass `{ confirm: false }`). */
export async function deleteModel(deps: CommandDeps, target: unknown, options: unknown): Promise<boolean> {
  if (!isNode(target, 'model')) return false;
  const { projectName, model, deployments } = target;
  const servedBy = deployments.length > 0 ? ` It is deployed as ${deployments.map((d) => `“${d}”`).join(', ')}.` : '';
  const question = `Delete the model “${model.label}” of ${projectName}?${servedBy} This cannot be undone.`;
  if (!(await confirmed(question, 'Delete', options))) return false;
  await (await deps.client(target.connection)).deleteModel(projectName, model.label);
  deps.tree.refresh();
  return true;
}
