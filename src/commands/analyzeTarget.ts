// Which deployment analyzes a document or a folder, in this order: the one the command was run on in the tree; the
// user's own choice for the document's project (kept until changed); that project's deployment; else a question
// that says why. A document of no project gets the deployment used last. Never silently another project's model.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { z } from 'zod';
import type { LanguageClient } from '../api/client';
import { customTaskKinds } from '../contract/analyze';
import type { Connection } from '../core/connection';
import { latest } from '../core/documentProject';
import type { ProjectHome, ServiceProjectRef } from '../core/projectHome';
import type { AnalyzeDeps, AnalyzeTarget, ResolvedTarget } from './analyzeShared';
import { analyzeTargetSchema } from './analyzeShared';
import { targetKey } from './targetKey';
import type { CommandDeps } from './deps';
import { CommandId } from './ids';
import { projectNode } from '../tree/children';
import { connectionNodes, isNode, pickProject } from './targets';
import type { NodeOf } from './targets';

/** Where a workspace keeps the user's choice of deployment per project (its home's key). */
const choicesKey = 'customText.analyzeChoices';
const choicesSchema = z.record(z.string(), analyzeTargetSchema);

/** The deployment remembered for this workspace, if any (shown in the status bar at start). */
export function savedTarget(state: vscode.Memento): AnalyzeTarget | undefined {
  const saved = analyzeTargetSchema.safeParse(state.get(targetKey));
  return saved.success ? saved.data : undefined;
}

export async function remember(deps: AnalyzeDeps, target: AnalyzeTarget): Promise<void> {
  await deps.state.update(targetKey, target);
  deps.status.show(target.projectName, target.deploymentName);
}

function choices(state: vscode.Memento): Record<string, AnalyzeTarget> {
  const parsed = choicesSchema.safeParse(state.get(choicesKey) ?? {});
  return parsed.success ? parsed.data : {};
}

/** The user's choice for a project's documents, if its connection is still there. */
export function choiceFor(deps: AnalyzeDeps, home: ProjectHome): AnalyzeTarget | undefined {
  const chosen = choices(deps.state)[home.key];
  return chosen !== undefined && connectionNodes(deps).some((c) => c.connection.id === chosen.connectionId)
    ? chosen
    : undefined;
}

export async function rememberChoice(deps: AnalyzeDeps, home: ProjectHome, target: AnalyzeTarget): Promise<void> {
  await deps.state.update(choicesKey, { ...choices(deps.state), [home.key]: target });
}

/** What is analyzed: a document or a folder, by its path on disk (undefined when it is not a file). */
export interface Analyzed {
  path: string | undefined;
  what: 'document' | 'folder';
}

export async function resolveTarget(
  deps: AnalyzeDeps,
  target: unknown,
  analyzed: Analyzed,
): Promise<ResolvedTarget | undefined> {
  if (isNode(target, 'deployment')) {
    const chosen = await targetOf(deps, target);
    return chosen && (await resolved(deps, chosen, 'run on it in the Connections view'));
  }
  const home = analyzed.path === undefined ? undefined : await deps.homes.of(analyzed.path);
  if (home !== undefined) {
    const chosen = choiceFor(deps, home);
    if (chosen !== undefined) return await resolved(deps, chosen, `your choice for ${home.name}'s documents`);
    const own = await ownDeployment(deps, home);
    if (own !== undefined)
      return await resolved(deps, own, `the deployment of ${home.name}, this ${analyzed.what}'s project`);
    const name = analyzed.path === undefined ? home.name : basename(analyzed.path);
    const asked = await askWithoutDeployment(
      deps,
      home,
      `${name} belongs to ${home.name}, which has no deployment yet`,
    );
    return (
      asked && (await resolved(deps, asked, `chosen for this ${analyzed.what}: ${home.name} has no deployment yet`))
    );
  }
  const saved = savedTarget(deps.state);
  if (saved !== undefined && connectionNodes(deps).some((c) => c.connection.id === saved.connectionId)) {
    // A folder above several projects' folders is none of theirs: said so, with how to use each one's model.
    const inside =
      analyzed.what === 'folder' && analyzed.path !== undefined ? await deps.homes.inside(analyzed.path) : [];
    const why =
      inside.length > 0
        ? `used last; this folder holds ${inside.map((h) => h.name).join(', ')}: analyze a project's own folder to use its deployment`
        : `used last; this ${analyzed.what} belongs to no project`;
    return await resolved(deps, saved, why);
  }
  const picked = await pickTarget(deps);
  return picked && (await resolved(deps, picked, 'chosen now'));
}

async function resolved(deps: AnalyzeDeps, target: AnalyzeTarget, why: string): Promise<ResolvedTarget | undefined> {
  const connection = connectionNodes(deps).find((c) => c.connection.id === target.connectionId)?.connection;
  if (connection === undefined) return undefined;
  await remember(deps, target);
  return { analyzeTarget: target, connection, why };
}

/** A home's projects on services whose connections are still there, each with its connection's client. */
async function reachable(
  deps: CommandDeps,
  home: ProjectHome,
): Promise<{ service: ServiceProjectRef; connection: Connection; client: LanguageClient }[]> {
  const found = [];
  for (const service of home.services) {
    const connection = connectionNodes(deps).find((c) => c.connection.id === service.connectionId)?.connection;
    if (connection !== undefined) found.push({ service, connection, client: await deps.client(connection) });
  }
  return found;
}

/** The deployment of a project's own service projects deployed last, the project synced last first. */
export async function ownDeployment(deps: CommandDeps, home: ProjectHome): Promise<AnalyzeTarget | undefined> {
  for (const { service, connection, client } of await reachable(deps, home)) {
    const deployments = await client.listDeployments(service.projectName).catch(() => []);
    const deployment = latest(deployments, (d) => d.lastDeployedDateTime);
    if (deployment === undefined) continue;
    const project = await client.getProject(service.projectName);
    return {
      connectionId: connection.id,
      projectName: service.projectName,
      projectKind: taskKindOf(service.projectName, project.projectKind),
      language: project.language,
      deploymentName: deployment.deploymentName,
    };
  }
  return undefined;
}

export const ANOTHER_PROJECTS_DEPLOYMENT = '$(list-selection) A deployment of another project…';

/**
 * A project with no deployment: says so, and offers the step that gives it one (train it, or deploy its model) or
 * a deployment of another project of the same kind, for this time only. Undefined when a step was started instead.
 */
export async function askWithoutDeployment(
  deps: CommandDeps,
  home: ProjectHome,
  why: string,
  kind?: string,
): Promise<AnalyzeTarget | undefined> {
  const step = await nextStep(deps, home);
  const other = ANOTHER_PROJECTS_DEPLOYMENT;
  const picked = await deps.prompter.pick(
    [{ label: `${step.icon} ${step.title}`, detail: step.detail }, { label: other }],
    {
      title: why,
      placeHolder: 'Give it a deployment, or use another project’s this time',
    },
  );
  if (picked === undefined) return undefined;
  if (picked.label === other) return await pickTarget(deps, { kind, except: home.services });
  // The step runs on its own (with its own progress); this analysis stops here.
  void vscode.commands.executeCommand(step.command, ...step.args);
  return undefined;
}

/** The step that gives a project a deployment: deploy its latest model, or train one when it has none. */
async function nextStep(deps: CommandDeps, home: ProjectHome): Promise<NextStep> {
  let trainable: unknown;
  for (const { service, connection, client } of await reachable(deps, home)) {
    const models = await client.listModels(service.projectName).catch(() => []);
    const model = latest(models, (m) => m.lastTrainedDateTime);
    trainable ??= await client.getProject(service.projectName).then(
      (p) => projectNode(connection, p),
      () => undefined,
    );
    if (model !== undefined)
      return {
        icon: '$(rocket)',
        title: `Deploy “${model.label}”…`,
        detail: `Deploys ${service.projectName}'s model trained last in ${connection.name}`,
        command: CommandId.deployModel,
        args: [{ connection, projectName: service.projectName, modelLabel: model.label }],
      };
  }
  const labelsFile = home.labelsFile;
  return {
    icon: '$(play)',
    title: `Train ${home.name}…`,
    detail:
      labelsFile === undefined ? 'Trains a model of it' : 'Sends its labels to the service (what changed) and trains',
    command: CommandId.trainModel,
    args:
      labelsFile === undefined
        ? trainable === undefined
          ? []
          : [trainable]
        : [{ kind: 'labelingProject', labelsFile }],
  };
}

interface NextStep {
  icon: string;
  title: string;
  detail: string;
  command: string;
  args: unknown[];
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

/** Which projects a deployment is picked from: of one kind, the preferred ones first, some left out. */
export interface PickTargetOptions {
  kind?: string | undefined;
  preferred?: readonly ServiceProjectRef[];
  except?: readonly ServiceProjectRef[];
}

export async function pickTarget(
  deps: CommandDeps,
  options: PickTargetOptions = {},
): Promise<AnalyzeTarget | undefined> {
  const project = await pickProject(deps, 'Analyze with a Deployment', options);
  if (project === undefined) return undefined;
  const { projectName, language } = project.project;
  const projectKind = taskKindOf(projectName, project.project.projectKind);
  const deployments = await (await deps.client(project.connection)).listDeployments(projectName);
  if (deployments.length === 0) {
    const step = await nextStep(deps, {
      key: '',
      name: projectName,
      folder: '',
      services: [{ connectionId: project.connection.id, projectName }],
    });
    void deps.prompter.message(`${projectName} has no deployment yet.`, step.title).then((picked) => {
      if (picked === step.title) void vscode.commands.executeCommand(step.command, ...step.args);
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
