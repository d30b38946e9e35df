// Analyze Selection (and Choose Deployment, which analyzes the shown document again): one document at a time.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { countTextElements, runtimeLimits } from '../api/batching';
import { buildResultView } from '../core/resultView';
import { withProgress } from '../platform/progress';
import type { ResultView } from '../core/views';
import type { TextRange } from '../webview/resultsPanel';
import type { AnalyzeDeps, AnalyzeTarget, ResolvedTarget } from './analyzeShared';
import { pickTarget, remember, rememberChoice, resolveTarget, targetOf } from './analyzeTarget';
import { connectionNodes, isNode } from './targets';

/**
 * Picks the deployment that analyzes the documents of a project from now on, kept until changed. From the panel or
 * the palette, that project is the shown (else the open) document's, whose own projects are listed first; from a
 * deployment in the Connections view, it is that deployment's own project. A document of no project gets it when
 * nothing else says which. The shown document is analyzed again with it when the choice is for its project.
 */
export async function chooseAnalysisTarget(deps: AnalyzeDeps, target: unknown): Promise<string | undefined> {
  const shown = deps.panel.shownSource();
  const uri = shown?.uri ?? vscode.window.activeTextEditor?.document.uri;
  const documentHome = uri?.scheme === 'file' ? await deps.homes.of(uri.fsPath) : undefined;
  const fromTree = isNode(target, 'deployment');
  const chosen = fromTree
    ? await targetOf(deps, target)
    : await pickTarget(deps, { preferred: documentHome?.services ?? [] });
  if (chosen === undefined) return undefined;
  await remember(deps, chosen);
  const home = fromTree ? await deps.homes.ofService(chosen) : documentHome;
  if (home !== undefined) await rememberChoice(deps, home, chosen);
  const forShown = home === undefined || home.key === documentHome?.key || documentHome === undefined;
  if (shown !== undefined && forShown) {
    const why = home === undefined ? 'your choice' : `your choice for ${home.name}'s documents`;
    await reanalyzeShown(deps, chosen, why);
  }
  return `${chosen.projectName}/${chosen.deploymentName}`;
}

/** Analyzes the document the panel shows again with a newly chosen deployment (its range, if still the same). */
async function reanalyzeShown(deps: AnalyzeDeps, chosen: AnalyzeTarget, why: string): Promise<void> {
  const shown = deps.panel.shownSource();
  const connection = connectionNodes(deps).find((n) => n.connection.id === chosen.connectionId)?.connection;
  if (shown === undefined || connection === undefined) return;
  const document = await vscode.workspace.openTextDocument(shown.uri);
  const range = document.version === shown.version ? shown.range : undefined;
  await analyzeDocument(deps, { analyzeTarget: chosen, connection, why }, document, range);
}

/**
 * Classifies, or extracts the entities of, the selection (the whole document when nothing is selected) with a
 * deployment: the one the command was run on from the tree, else one of the project whose container holds the
 * document, else the one used last in this workspace, else one the user picks. Shows the result in the results
 * panel and underlines entities in the editor.
 */
export async function analyzeSelection(deps: AnalyzeDeps, target: unknown): Promise<ResultView | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) {
    void vscode.window.showInformationMessage('Open a document (and select some text) to analyze it.');
    return undefined;
  }
  const { document, selection } = editor;
  const range = selection.isEmpty
    ? undefined
    : { start: document.offsetAt(selection.start), end: document.offsetAt(selection.end) };
  const path = document.uri.scheme === 'file' ? document.uri.fsPath : undefined;
  const resolved = await resolveTarget(deps, target, { path, what: 'document' });
  if (resolved === undefined) return undefined;
  return analyzeDocument(deps, resolved, document, range);
}

/** Analyzes a range of a document (the whole of it when undefined) with a resolved deployment. */
async function analyzeDocument(
  deps: AnalyzeDeps,
  { analyzeTarget, connection, why }: ResolvedTarget,
  document: vscode.TextDocument,
  range: TextRange | undefined,
): Promise<ResultView | undefined> {
  const text =
    range === undefined
      ? document.getText()
      : document.getText(new vscode.Range(document.positionAt(range.start), document.positionAt(range.end)));
  if (text.trim() === '') {
    void vscode.window.showInformationMessage(`${basename(document.fileName)} has no text to analyze.`);
    return undefined;
  }
  const length = countTextElements(text);
  if (length > runtimeLimits.maxCharacters) {
    const what = range === undefined ? basename(document.fileName) : 'The selection';
    throw new Error(
      `${what} has ${length.toLocaleString('en-US')} characters; the service takes at most ${runtimeLimits.maxCharacters.toLocaleString('en-US')} per document. Select a part of it, or split the file and use Analyze Folder.`,
    );
  }
  const version = document.version;
  const offsetBase = range?.start ?? 0;
  const client = await deps.client(connection);
  const { projectName, deploymentName, projectKind } = analyzeTarget;
  const result = await withProgress(`Analyzing with ${projectName}/${deploymentName}`, (report, signal) =>
    client.runtime.analyze(
      [{ id: '1', text, language: analyzeTarget.language }],
      [{ kind: projectKind, projectName, deploymentName }],
      {
        signal,
        onProgress: (p) => {
          report({ percent: p.percentComplete });
        },
      },
    ),
  );
  const task = result.tasks[0];
  const documentResult = task?.documents[0];
  if (task === undefined || documentResult === undefined) {
    const why = result.errors.map((e) => `${e.code}: ${e.message}`).join('; ');
    throw new Error(`The service returned no result for the text${why === '' ? '' : ` (${why})`}.`);
  }
  const title = `${basename(document.fileName)}${range === undefined ? '' : ' (selection)'}`;
  // Which model gave the answer, and why that one, is on the page beside its name.
  const view = { ...buildResultView({ task, document: documentResult, text, title, offsetBase }), why };
  deps.panel.show(view, { uri: document.uri, version, range });
  if (document.version === version) deps.decorations.apply(document, view);
  return view;
}
