// Opens a test document of the evaluation the panel shows, with its labels and the model's predictions drawn.
import * as vscode from 'vscode';
import { fileInContainer } from '../core/documentProject';
import type { TestDocument } from '../core/testSetReview';
import type { ReviewDecorations } from '../editor/reviewDecorations';
import type { CommandDeps } from './deps';
import type { ModelRef } from './targets';

/** The evaluation last shown: the model and its test documents, in the order of the panel's rows. */
export interface ReviewState {
  current: { model: ModelRef; documents: TestDocument[] } | undefined;
}

export interface ReviewDeps extends CommandDeps {
  review: ReviewState;
  reviewDecorations: ReviewDecorations;
  /** Container name → folder (the local service's). */
  containers(): Record<string, string>;
}

/** Where a test document is: in its project's container folder, else a workspace file at that location. */
async function findDocument(deps: ReviewDeps, model: ModelRef, location: string): Promise<vscode.Uri | undefined> {
  const client = await deps.client(model.connection);
  const project = await client.getProject(model.projectName);
  const folder = deps.containers()[project.storageInputContainerName];
  const file = folder === undefined ? undefined : fileInContainer(folder, location);
  if (file !== undefined) return vscode.Uri.file(file);
  const found = await vscode.workspace.findFiles(
    new vscode.RelativePattern('**', location.replace(/\\/g, '/')),
    null,
    1,
  );
  return found[0];
}

/** Opens row `row` of the shown test set beside nothing else: its labeled and predicted spans or classes drawn. */
export async function openTestDocument(deps: ReviewDeps, row: number): Promise<vscode.TextEditor | undefined> {
  const current = deps.review.current;
  const document = current?.documents[row];
  if (current === undefined || document === undefined) return undefined;
  const uri = await findDocument(deps, current.model, document.location);
  if (uri === undefined) {
    void deps.prompter.message(
      `${document.location} is not in a workspace folder or a container of the local service: open the folder that holds ${current.model.projectName}'s documents to review it.`,
    );
    return undefined;
  }
  const text = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(text, {
    viewColumn: vscode.ViewColumn.One,
    preserveFocus: false,
  });
  deps.reviewDecorations.apply(text, document);
  return editor;
}
