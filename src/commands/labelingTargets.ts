// What the labeling commands act on: a node of the Labeling view, else the document in the active editor, else the
// project labeled last (or the only one, or one the user picks).
import * as vscode from 'vscode';
import { resolveLocation } from '../core/labeling/locations';
import type { WorkspaceProject } from '../core/labeling/workspaceProject';
import type { ActiveLabelingDocument } from '../labeling/activeDocument';
import type { LabelingProject, LabelingProjects, ProjectDocument } from '../labeling/projects';
import type { LabelingTreeProvider } from '../labeling/view';
import { isLabelingNode } from '../labeling/viewNodes';
import type { Prompter } from '../platform/prompter';

export interface LabelingDeps {
  labeling: LabelingProjects;
  prompter: Prompter;
  view: LabelingTreeProvider;
  active: ActiveLabelingDocument;
  /** The project worked on last: where Next Unlabeled goes when no project document is open. */
  recent: { labelsFile: string | undefined };
}

/** Says why nothing happened, without interrupting (a notification, not a question). */
export function tell(text: string): void {
  void vscode.window.showInformationMessage(text);
}

/** A project whose labels file parses; otherwise says so and returns undefined. */
export function parsed(project: LabelingProject): WorkspaceProject | undefined {
  if (project.project) return project.project;
  const why = project.problems[0]?.message ?? 'it does not parse';
  tell(`${project.labelsFile} cannot be labeled until it is fixed: ${why}`);
  return undefined;
}

/** The document a command acts on: a document node, else the active editor's project document. */
export function documentTarget(deps: LabelingDeps, target: unknown): ProjectDocument | undefined {
  if (isLabelingNode(target, 'labelingDocument')) {
    const project = deps.labeling.get(target.labelsFile);
    if (project) return { project, location: target.row.location, entry: undefined };
  }
  return deps.active.current();
}

/** The project a command acts on, asking when it cannot tell. */
export async function projectTarget(
  deps: LabelingDeps,
  target: unknown,
  title: string,
): Promise<LabelingProject | undefined> {
  if (
    isLabelingNode(target, 'labelingProject') ||
    isLabelingNode(target, 'labelingCategory') ||
    isLabelingNode(target, 'labelingCounts')
  ) {
    const project = deps.labeling.get(target.labelsFile);
    if (project) return project;
  }
  const fromDocument = documentTarget(deps, target)?.project;
  if (fromDocument) return fromDocument;
  await deps.labeling.ready();
  const all = deps.labeling.all();
  const recent = deps.recent.labelsFile === undefined ? undefined : deps.labeling.get(deps.recent.labelsFile);
  if (recent) return recent;
  if (all.length === 1) return all[0];
  if (all.length === 0) {
    tell('This workspace has no labels file yet: run New Project from Folder… on a folder of .txt files.');
    return undefined;
  }
  const picked = await deps.prompter.pick(
    all.map((project) => ({
      label: project.project?.file.metadata.projectName ?? project.labelsFile,
      description: vscode.workspace.asRelativePath(project.labelsFile),
      project,
    })),
    { title, placeHolder: 'Pick a project' },
  );
  return picked?.project;
}

/** Opens a project's document in the editor (a preview tab, which the next document replaces). */
export async function openDocument(project: LabelingProject, location: string): Promise<void> {
  const file = resolveLocation(project.folder, location);
  if (file === undefined) return;
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: true });
}
