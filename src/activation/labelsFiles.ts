// Opening a labels file loads the backend, which checks it: its problems show without running a command first.
import * as vscode from 'vscode';
import { looksLikeLabelsFile } from '../core/labeling/looksLikeLabelsFile';
import type { Log } from '../platform/logger';
import type { LazyBackend } from './backendLoader';

function isLabelsFile(doc: vscode.TextDocument): boolean {
  return (
    doc.uri.scheme === 'file' && doc.uri.fsPath.toLowerCase().endsWith('.json') && looksLikeLabelsFile(doc.getText())
  );
}

export function loadBackendForLabelsFiles(backend: LazyBackend, log: Log): vscode.Disposable {
  const load = (): void => {
    if (backend.loaded() !== undefined) return; // The backend watches for labels files itself once loaded.
    try {
      backend.get();
    } catch (e) {
      log.error(`Loading the extension's backend: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  if (vscode.workspace.textDocuments.some(isLabelsFile)) setTimeout(load, 0);
  return vscode.workspace.onDidOpenTextDocument((doc) => {
    if (backend.loaded() === undefined && isLabelsFile(doc)) load();
  });
}
