import * as vscode from 'vscode';
import type { CommandDeps } from './deps';
import { refreshProject } from './refresh';
import { isNode } from './targets';
import { reportStatus, watchJob } from './watch';

/** Deletes a deployment after the user confirms; prediction requests to it fail from then on. */
export async function deleteDeployment(deps: CommandDeps, target: unknown): Promise<boolean> {
  if (!isNode(target, 'deployment')) return false;
  const { projectName } = target;
  const name = target.deployment.deploymentName;
  const question = `Delete the deployment “${name}” of ${projectName}? Prediction requests to it will fail.`;
  if (!(await deps.prompter.confirm(question, 'Delete'))) return false;
  const client = await deps.client(target.connection);
  try {
    const done = await watchJob(`Deleting deployment “${name}”`, 'the deletion', (report, signal) =>
      client.deleteDeploymentAndWait(projectName, name, { signal, onProgress: reportStatus(report) }),
    );
    return done !== undefined;
  } finally {
    refreshProject(deps, target.connection, projectName);
  }
}

/** Swaps the models of two deployments (e.g. promote staging to production in one step). */
export async function swapDeployments(deps: CommandDeps, target: unknown): Promise<boolean> {
  if (!isNode(target, 'deployment')) return false;
  const { projectName } = target;
  const first = target.deployment.deploymentName;
  const client = await deps.client(target.connection);
  const others = (await client.listDeployments(projectName))
    .filter((d) => d.deploymentName !== first)
    .map((d) => ({ label: d.deploymentName }));
  if (others.length === 0) {
    // An empty picker would leave the user guessing: say what a swap needs.
    void vscode.window.showInformationMessage(
      `“${first}” is the only deployment of ${projectName}: deploy a model to a second deployment (e.g. staging) to swap them.`,
    );
    return false;
  }
  const other = (
    await deps.prompter.pick(others, { title: `Swap “${first}” with…`, placeHolder: 'The other deployment' })
  )?.label;
  if (other === undefined) return false;
  try {
    const done = await watchJob(`Swapping “${first}” and “${other}”`, 'the swap', (report, signal) =>
      client.swapDeploymentsAndWait(
        projectName,
        { firstDeploymentName: first, secondDeploymentName: other },
        { signal, onProgress: reportStatus(report) },
      ),
    );
    if (done === undefined) return false;
    void vscode.window.showInformationMessage(`Swapped the models of “${first}” and “${other}”.`);
    return true;
  } finally {
    refreshProject(deps, target.connection, projectName);
  }
}
