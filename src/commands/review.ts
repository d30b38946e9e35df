// Opens a test document of the evaluation the panel shows, with its labels and the model's predictions drawn.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ProjectHomes } from '../labeling/projectHomes';
import { fileInContainer } from '../core/documentProject';
import { compareSpans } from '../core/testSetView';
import type { TestDocument } from '../core/testSetView';
import type { ReviewDecorations } from '../editor/reviewDecorations';
import type { LabelingProjects } from '../labeling/projects';
import type { ResultsPanel } from '../webview/resultsPanel';
import type { CommandDeps } from './deps';
import type { ModelRef } from './targets';

/** The evaluation last shown: the model and its test documents, in the order of the panel's rows. */
export interface ReviewState {
  current:
    | {
        model: ModelRef;
        documents: TestDocument[];
        /** The folder of the project's container, asked of the service once per evaluation shown. */
        containerFolder?: Promise<string | undefined>;
      }
    | undefined;
}

export interface ReviewDeps extends CommandDeps {
  /** The panel the test set is in: the document opens beside it. */
  panel: Pick<ResultsPanel, 'documentColumn'>;
  review: ReviewState;
  reviewDecorations: ReviewDecorations;
  labeling: LabelingProjects;
  /** Container name → folder (the local service's). */
  containers(): Record<string, string>;
  /** The workspace project bound to the model's project, whose folder holds the documents to open. */
  homes: ProjectHomes;
}

/**
 * Where a test document is: beside the labels file of the workspace project bound to the model's, else in its
 * project's container folder, else beside a workspace labels file of the same
 * project, else any workspace file at that location.
 */
async function findDocument(
  deps: ReviewDeps,
  model: ModelRef,
  containerFolder: Promise<string | undefined>,
  location: string,
): Promise<vscode.Uri | undefined> {
  const candidates: string[] = [];
  // The workspace's own copy first: the one the user labels and keeps in git, not a second path to it.
  const own = await deps.homes.workspaceProjectOf({
    connectionId: model.connection.id,
    projectName: model.projectName,
  });
  if (own !== undefined) candidates.push(fileInContainer(own.folder, location) ?? '');
  const folder = await containerFolder;
  if (folder !== undefined) candidates.push(fileInContainer(folder, location) ?? '');
  for (const p of deps.labeling.all())
    if (p.project?.file.metadata.projectName === model.projectName)
      candidates.push(fileInContainer(p.folder, location) ?? '');
  const found = candidates.find((file) => file !== '' && existsSync(file));
  if (found !== undefined) return vscode.Uri.file(found);
  // A glob over the workspace folders; the location's own glob characters are matched literally.
  const literal = location.replace(/\\/g, '/').replace(/[[{}*?]/g, (c) => `[${c}]`);
  const [any] = await vscode.workspace.findFiles(`**/${literal}`, null, 1);
  return any;
}

/** The folder of a model's project's container, if the service names one this extension serves. */
async function containerFolderOf(deps: ReviewDeps, model: ModelRef): Promise<string | undefined> {
  const project = await (await deps.client(model.connection)).getProject(model.projectName).catch(() => undefined);
  return project === undefined ? undefined : deps.containers()[project.storageInputContainerName];
}

/** Opens row `row` of the shown test set beside the panel, its labeled and predicted spans or classes drawn. */
export async function openTestDocument(deps: ReviewDeps, row: number): Promise<vscode.TextEditor | undefined> {
  const current = deps.review.current;
  const document = current?.documents[row];
  if (current === undefined || document === undefined) {
    deps.log.warn(
      `Review: no test document ${row + 1} in the evaluation shown (${current?.model.modelLabel ?? 'none'})`,
    );
    return undefined;
  }
  deps.log.info(`Review: opening test document ${row + 1} (${document.location}) of ${current.model.projectName}`);
  current.containerFolder ??= containerFolderOf(deps, current.model);
  const uri = await findDocument(deps, current.model, current.containerFolder, document.location);
  if (uri === undefined) {
    void deps.prompter.message(
      `${document.location} is not in this workspace: open the folder that holds ${current.model.projectName}'s documents (its labels file or container) to review it.`,
    );
    return undefined;
  }
  const text = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(text, {
    viewColumn: deps.panel.documentColumn(),
    preserveFocus: false,
  });
  deps.reviewDecorations.apply(text, document);
  // Land on the first thing the model got wrong.
  const firstError = compareSpans(document.expectedSpans, document.predictedSpans).find((v) => v.verdict !== 'match');
  if (firstError !== undefined) {
    const start = text.positionAt(firstError.span.offset);
    editor.revealRange(
      new vscode.Range(start, text.positionAt(firstError.span.offset + firstError.span.length)),
      vscode.TextEditorRevealType.InCenterIfOutsideViewport,
    );
  }
  return editor;
}
