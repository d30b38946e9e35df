// Which deployment analyzes a document: the one chosen in the tree, the document's own project's, the one used
// last in this workspace, or one the user picks.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { z } from 'zod';
import { customTaskKinds } from '../contract/analyze';
import { containersHolding, latest, projectsHolding } from '../core/documentProject';
import type { AnalyzeDeps, AnalyzeTarget, Notice, ResolvedTarget } from './analyzeShared';
import { analyzeTargetSchema } from './analyzeShared';
import { targetKey } from './targetKey';
import type { CommandDeps } from './deps';
import { CommandId } from './ids';
import { connectionNodes, isNode, pickProject, projectNodes } from './targets';
import type { NodeOf } from './targets';

/** The deployment remembered for this workspace, if any (shown in the status bar at start). */
export function savedTarget(state: vscode.Memento): AnalyzeTarget | undefined {
  const saved = analyzeTargetSchema.safeParse(state.get(targetKey));
  return saved.success ? saved.data : undefined;
}

export async function remember(deps: AnalyzeDeps, target: AnalyzeTarget): Promise<void> {
  await deps.state.update(targetKey, target);
  deps.status.show(target.projectName, target.deploymentName);
}

export async function resolveTarget(
  deps: AnalyzeDeps,
  target: unknown,
  document?: vscode.TextDocument,
): Promise<ResolvedTarget | undefined> {
  const connections = connectionNodes(deps);
  let analyzeTarget: AnalyzeTarget | undefined;
  let notice: Notice | undefined;
  if (isNode(target, 'deployment')) {
    analyzeTarget = await targetOf(deps, target);
  } else {
    const saved = savedTarget(deps.state);
    const usable = saved !== undefined && connections.some((c) => c.connection.id === saved.connectionId);
    const own =
      document?.uri.scheme === 'file'
        ? await documentTarget(deps, connections, document, usable ? saved : undefined)
        : undefined;
    notice = own?.notice;
    analyzeTarget = own?.target ?? (usable ? saved : await pickTarget(deps));
  }
  if (analyzeTarget === undefined) return undefined;
  const connection = connections.find((c) => c.connection.id === analyzeTarget.connectionId)?.connection;
  if (connection === undefined) return undefined;
  await remember(deps, analyzeTarget);
  return { analyzeTarget, connection, ...(notice === undefined ? {} : { notice }) };
}

/**
 * The deployment of the project whose container (workspace or sample folder) holds the document, with a notice
 * when it is not the one used last; or, when that project has no deployment, only a notice saying so.
 */
async function documentTarget(
  deps: AnalyzeDeps,
  connections: NodeOf<'connection'>[],
  document: vscode.TextDocument,
  saved: AnalyzeTarget | undefined,
): Promise<{ target?: AnalyzeTarget; notice?: Notice } | undefined> {
  const holders = containersHolding(document.uri.fsPath, deps.containers());
  if (holders.length === 0) return undefined;
  const projects = (await Promise.all(connections.map((c) => projectNodes(deps, c.connection)))).flat();
  const mine = projectsHolding(holders, projects, (p) => p.project.storageInputContainerName);
  const first = mine[0];
  if (first === undefined) return undefined;
  const isSaved = (p: NodeOf<'project'>): boolean =>
    p.connection.id === saved?.connectionId && p.project.projectName === saved.projectName;
  if (mine.some(isSaved)) return { target: saved };
  const file = basename(document.fileName);
  const lastUsed = saved === undefined ? '' : ` rather than ${saved.projectName}/${saved.deploymentName} (used last)`;
  for (const project of mine) {
    const { projectName, language } = project.project;
    const deployments = await (await deps.client(project.connection)).listDeployments(projectName);
    const deployment = latest(deployments, (d) => d.lastDeployedDateTime);
    if (deployment === undefined) continue;
    const target: AnalyzeTarget = {
      connectionId: project.connection.id,
      projectName,
      projectKind: taskKindOf(projectName, project.project.projectKind),
      language,
      deploymentName: deployment.deploymentName,
    };
    if (saved === undefined) return { target };
    const text = `${file} is in the folder of ${projectName}: analyzed with its deployment “${deployment.deploymentName}”${lastUsed}.`;
    return { target, notice: { text } };
  }
  if (saved === undefined) return undefined;
  const { projectName } = first.project;
  return {
    notice: {
      text: `${file} is in the folder of ${projectName}, which has no deployment yet: this result comes from ${saved.projectName}/${saved.deploymentName}, a model of another project.`,
      actions: [await deployOrTrain(deps, first)],
    },
  };
}

/** The step that gives a project a deployment: deploy its latest model, or train one when it has none. */
async function deployOrTrain(
  deps: CommandDeps,
  project: NodeOf<'project'>,
): Promise<{ title: string; command: string; args: unknown[] }> {
  const { projectName } = project.project;
  const models = await (await deps.client(project.connection)).listModels(projectName);
  const model = latest(models, (m) => m.lastTrainedDateTime);
  return model === undefined
    ? { title: `Train ${projectName}…`, command: CommandId.trainModel, args: [project] }
    : {
        title: `Deploy “${model.label}”…`,
        command: CommandId.deployModel,
        args: [{ connection: project.connection, projectName, modelLabel: model.label }],
      };
}

/** The analyze task kind of a project (the same name as its project kind); other kinds cannot analyze here. */
function taskKindOf(projectName: string, projectKind: string): AnalyzeTarget['projectKind'] {
  const kind = z.enum(customTaskKinds).safeParse(projectKind);
  if (!kind.success) throw new Error(`${projectName} is a ${projectKind} project, which cannot analyze text here.`);
  return kind.data;
}

export async function targetOf(deps: AnalyzeDeps, node: NodeOf<'deployment'>): Promise<AnalyzeTarget | undefined> {
  const project = await (await deps.client(node.connection)).getProject(node.projectName);
  return {
    connectionId: node.connection.id,
    projectName: node.projectName,
    projectKind: taskKindOf(node.projectName, project.projectKind),
    language: project.language,
    deploymentName: node.deployment.deploymentName,
  };
}

export async function pickTarget(deps: AnalyzeDeps): Promise<AnalyzeTarget | undefined> {
  const project = await pickProject(deps, 'Analyze with a Deployment');
  if (project === undefined) return undefined;
  const { projectName, language } = project.project;
  const projectKind = taskKindOf(projectName, project.project.projectKind);
  const deployments = await (await deps.client(project.connection)).listDeployments(projectName);
  if (deployments.length === 0) {
    const next = await deployOrTrain(deps, project);
    const what =
      next.command === CommandId.deployModel ? 'deploy its model first' : 'train a model and deploy it first';
    void deps.prompter.message(`${projectName} has no deployment yet: ${what}.`, next.title).then((picked) => {
      if (picked === next.title) void vscode.commands.executeCommand(next.command, ...next.args);
    });
    return undefined;
  }
  const picked = await deps.prompter.pick(
    deployments.map((d) => ({ label: d.deploymentName, description: d.modelId })),
    { title: 'Analyze with a Deployment', placeHolder: `Deployment of ${projectName}` },
  );
  if (picked === undefined) return undefined;
  return {
    connectionId: project.connection.id,
    projectName,
    projectKind,
    language,
    deploymentName: picked.label,
  };
}
