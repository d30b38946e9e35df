// Connections or settings changed: clients are rebuilt on next use and the tree asks every connection again.
import * as vscode from 'vscode';
import type { ConnectionStore } from '../connections/connectionStore';
import type { TreeData } from '../tree/data';
import type { ConnectionsTreeProvider } from '../tree/provider';
import type { LazyBackend } from './backendLoader';

export function watchSettings(
  store: ConnectionStore,
  data: TreeData,
  tree: ConnectionsTreeProvider,
  backend: LazyBackend,
  updateContext: () => void,
): vscode.Disposable[] {
  const reload = (): void => {
    backend.loaded()?.forgetClients();
    data.forgetAll();
    updateContext();
    tree.refresh();
  };
  return [
    store.onDidChange(reload),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('customText') || e.affectsConfiguration('http')) reload();
    }),
  ];
}
