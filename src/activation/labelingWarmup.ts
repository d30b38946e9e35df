// Entity labels are drawn by the backend: it loads once a text file is shown (the extension activates on plain
// text for this), so opening a labelled document draws its labels without running a command first.
import * as vscode from 'vscode';
import type { LazyBackend } from './backendLoader';

const isTextFile = (editor: vscode.TextEditor): boolean =>
  editor.document.uri.scheme === 'file' && editor.document.languageId === 'plaintext';

export function loadBackendForTextFiles(backend: LazyBackend, onError: (error: unknown) => void): vscode.Disposable {
  const load = (): boolean => {
    try {
      backend.get();
    } catch (e) {
      onError(e);
    }
    return true;
  };
  if (vscode.window.visibleTextEditors.some(isTextFile)) {
    setTimeout(load, 0); // after activation has returned
    return new vscode.Disposable(() => undefined);
  }
  const listener = vscode.window.onDidChangeVisibleTextEditors((editors) => {
    if (editors.some(isTextFile) && load()) listener.dispose();
  });
  return listener;
}
