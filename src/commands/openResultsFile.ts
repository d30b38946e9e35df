// Open Results File…: a saved analyze-text job result shown in the results panel, on the document it names (a
// workspace file of that name) or on the active editor.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { buildResultView } from '../core/resultView';
import type { SavedDocument } from '../core/savedResult';
import { misfit, readSavedResult } from '../core/savedResult';
import type { ResultView } from '../core/views';
import type { EntityUnderliner, ResultsPanel } from '../webview/resultsPanel';
import type { Prompter } from '../platform/prompter';
import { readResultsFile } from '../workspace/resultsFile';

export interface OpenResultsDeps {
  prompter: Prompter;
  panel: ResultsPanel;
  decorations: EntityUnderliner;
}

/** The workspace file a result's document id names (ids of saved folder analyses are file names). */
async function namedFile(id: string): Promise<vscode.Uri | undefined> {
  if (!/\.\w+$/.test(id)) return undefined;
  const name = basename(id.replace(/\\/g, '/'));
  const found = await vscode.workspace.findFiles(`**/${name}`, '**/node_modules/**', 2);
  return found.length === 1 ? found[0] : undefined;
}

export async function openResultsFile(deps: OpenResultsDeps): Promise<(ResultView & { shape: string }) | undefined> {
  const file = await deps.prompter.openDialog({
    title: 'Open Results File',
    openLabel: 'Show Results',
    filters: { 'Analyze-text job result': ['json'] },
  });
  if (file === undefined) return undefined;
  const saved = readSavedResult(await readResultsFile(file.fsPath));
  let chosen: SavedDocument | undefined = saved.documents[0];
  if (saved.documents.length > 1) {
    const items = saved.documents.map((d) => ({
      label: d.document.id,
      description: `${d.task.kind}${d.task.deploymentName === undefined ? '' : ` · ${d.task.deploymentName}`}`,
      saved: d,
    }));
    chosen = (await deps.prompter.pick(items, { title: 'Open Results File', placeHolder: 'Which document’s result?' }))
      ?.saved;
  }
  if (chosen === undefined) return undefined;
  const { task, document } = chosen;
  const named = await namedFile(document.id);
  const editor = vscode.window.activeTextEditor;
  const target = named === undefined ? editor?.document : await vscode.workspace.openTextDocument(named);
  if (target === undefined)
    throw new Error(
      `The result is for document "${document.id}", which is no file of the workspace: open the text it was computed from, then Open Results File… again.`,
    );
  const text = target.getText();
  const problem = misfit(document, text);
  if (problem !== undefined)
    throw new Error(
      `The saved result of "${document.id}" does not fit ${basename(target.uri.fsPath)}: ${problem}. Open the text it was computed from.`,
    );
  await vscode.window.showTextDocument(target, { viewColumn: deps.panel.documentColumn(), preserveFocus: true });
  const view = buildResultView({ task, document, text, title: basename(target.uri.fsPath), offsetBase: 0 });
  const shown: ResultView = {
    ...view,
    source: `${view.source} · saved in ${basename(file.fsPath)} (${saved.shape})`,
  };
  deps.panel.show(shown, { uri: target.uri, version: target.version });
  deps.decorations.apply(target, shown);
  return { ...shown, shape: saved.shape };
}
