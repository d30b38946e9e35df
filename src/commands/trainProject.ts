// Train Model…, from anywhere: a project in the Connections view trains there; a workspace project (the Labeling
// view's node, or one picked) first sends what changed to its connection, then trains. From the palette, the list
// starts with the open document's project, selected: Enter trains it, the others are one step away.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { TrainingJobState } from '../contract/job';
import type { ProjectHomes } from '../labeling/projectHomes';
import type { LabelingProject } from '../labeling/projects';
import { isLabelingNode } from '../labeling/viewNodes';
import { projectNode } from '../tree/children';
import { describeProjectKind } from '../tree/nodes';
import type { LabelingDeps } from './labelingTargets';
import { parsed } from './labelingTargets';
import type { PushPullDeps } from './pushPull';
import { pushTo } from './pushPull';
import { trainModel } from './train';
import { connectionNodes, isNode } from './targets';
import type { NodeOf } from './targets';

export interface TrainDeps {
  pushPull: PushPullDeps;
  labeling: LabelingDeps;
  homes: ProjectHomes;
}

export async function train(deps: TrainDeps, target: unknown): Promise<TrainingJobState | undefined> {
  const commands = deps.pushPull.commands;
  if (isNode(target, 'project')) return await trainModel(commands, target);
  const chosen = labelingProjectOf(deps, target) ?? (await pickTrainable(deps));
  if (chosen === undefined) return undefined;
  if ('kind' in chosen) return await trainModel(commands, chosen);
  return await trainWorkspaceProject(deps, chosen);
}

/** The workspace project of a Labeling view node. */
function labelingProjectOf(deps: TrainDeps, target: unknown): LabelingProject | undefined {
  const labelsFile =
    typeof target === 'object' && target !== null && 'labelsFile' in target && typeof target.labelsFile === 'string'
      ? target.labelsFile
      : undefined;
  return labelsFile !== undefined && isLabelingNodeLike(target) ? deps.labeling.labeling.get(labelsFile) : undefined;
}

function isLabelingNodeLike(target: unknown): boolean {
  return (
    isLabelingNode(target, 'labelingProject') ||
    isLabelingNode(target, 'labelingCounts') ||
    isLabelingNode(target, 'labelingCategory') ||
    isLabelingNode(target, 'labelingDocument')
  );
}

/**
 * One list of what can be trained: the workspace projects first (they send their labels first), then the projects
 * on services that no workspace project stands for; the open document's project is first and selected.
 */
async function pickTrainable(deps: TrainDeps): Promise<LabelingProject | NodeOf<'project'> | undefined> {
  const commands = deps.pushPull.commands;
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeHome = active?.scheme === 'file' ? deps.homes.of(active.fsPath) : Promise.resolve(undefined);
  const workspace = deps.labeling.labeling
    .ready()
    .then(() => deps.labeling.labeling.all().filter((p) => p.project !== undefined));
  // Projects on services that a workspace project stands for are listed once, as the workspace project.
  const bound = workspace.then(async (all) =>
    (await Promise.all(all.map((p) => deps.homes.homeOf(p)))).flatMap((h) => h.services),
  );
  type Item = vscode.QuickPickItem & { rank: number; pick: LabelingProject | NodeOf<'project'> };
  const workspaceItems = Promise.all([workspace, activeHome]).then(([all, home]) =>
    all.map((p, i): Item => ({
      label: p.project?.file.metadata.projectName ?? basename(p.labelsFile),
      description: `workspace · ${vscode.workspace.asRelativePath(p.labelsFile)}`,
      detail: 'Sends what changed in its labels and documents, then trains',
      rank: home?.key === p.labelsFile ? 0 : 1 + i,
      pick: p,
    })),
  );
  const sources = commands.data.connections().map(async ({ connection }) => {
    const [projects, services, home] = await Promise.all([commands.data.projects(connection), bound, activeHome]);
    return projects
      .filter(
        (project) => !services.some((b) => b.connectionId === connection.id && b.projectName === project.projectName),
      )
      .map((project): Item => ({
        label: project.projectName,
        description: `${connection.name} · ${describeProjectKind(project.projectKind).title}`,
        rank: home?.key === `${connection.id}/${project.projectName}` ? 0 : 1000,
        pick: projectNode(connection, project),
      }));
  });
  const picked = await commands.prompter.pickAsTheyCome([workspaceItems, ...sources], {
    title: 'Train a Model',
    placeholder: 'Project',
    order: (a, b) => a.rank - b.rank,
  });
  return picked?.pick;
}

/**
 * Trains a workspace project on a connection (the one it was synced with last, else Local, asked when there are
 * several): sends what changed first (nothing when nothing did), then trains with progress, and offers the
 * evaluation and a deployment when done.
 */
async function trainWorkspaceProject(deps: TrainDeps, project: LabelingProject): Promise<TrainingJobState | undefined> {
  const workspace = parsed(project);
  if (workspace === undefined) return undefined;
  const name = workspace.file.metadata.projectName;
  const connection = await connectionFor(deps, project, `Train ${name} on…`);
  if (connection === undefined) return undefined;
  const pushed = await pushTo(deps.pushPull, project.labelsFile, connection, {
    action: 'Training',
    skipUnchanged: true,
  });
  if (pushed === undefined) return undefined;
  const client = await deps.pushPull.commands.client(connection.connection);
  const metadata = await client.getProject(pushed.projectName);
  return await trainModel(deps.pushPull.commands, projectNode(connection.connection, metadata));
}

/** The connection a workspace project trains on: asked when there are several, its own or Local first. */
async function connectionFor(
  deps: TrainDeps,
  project: LabelingProject,
  title: string,
): Promise<NodeOf<'connection'> | undefined> {
  const all = connectionNodes(deps.pushPull.commands);
  if (all.length <= 1) return all[0];
  const bound = (await deps.homes.homeOf(project)).services.map((s) => s.connectionId);
  const rank = (node: NodeOf<'connection'>): number => {
    const i = bound.indexOf(node.connection.id);
    return i >= 0 ? i : node.local ? bound.length : bound.length + 1;
  };
  const items = [...all]
    .sort((a, b) => rank(a) - rank(b))
    .map((node) => ({
      label: node.connection.name,
      description: node.local ? 'embedded local service' : node.connection.endpoint,
      ...(bound.includes(node.connection.id) ? { detail: 'Where this project was sent before' } : {}),
      node,
    }));
  return (await deps.pushPull.commands.prompter.pick(items, { title, placeHolder: 'Connection' }))?.node;
}
