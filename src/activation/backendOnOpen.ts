// The backend draws entity labels and checks labels files: it loads as soon as a plain-text document is shown or
// a labels file is opened, so both appear without running a command first.
import * as vscode from 'vscode';
import { looksLikeLabelsFile } from '../core/labeling/looksLikeLabelsFile';
import type { Log } from '../platform/logger';
import type { LazyBackend } from './backendLoader';

const isTextFile = (doc: vscode.TextDocument): boolean => doc.uri.scheme === 'file' && doc.languageId === 'plaintext';

const isLabelsFile = (doc: vscode.TextDocument): boolean =>
  doc.uri.scheme === 'file' && doc.uri.fsPath.toLowerCase().endsWith('.json') && looksLikeLabelsFile(doc.getText());

export function loadBackendOnOpen(backend: LazyBackend, log: Log): vscode.Disposable {
  const load = (): void => {
    if (backend.loaded() !== undefined) return; // Once loaded, the backend follows documents itself.
    try {
      backend.get();
    } catch (e) {
      log.error(`Loading the extension's backend: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const shown = vscode.window.visibleTextEditors.some((e) => isTextFile(e.document));
  // After activation has returned: the backend's load must not hold up what activation registered.
  if (shown || vscode.workspace.textDocuments.some(isLabelsFile)) setTimeout(load, 0);
  return vscode.Disposable.from(
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      if (editors.some((e) => isTextFile(e.document))) load();
    }),
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (backend.loaded() === undefined && isLabelsFile(doc)) load();
    }),
  );
}
