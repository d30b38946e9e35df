// Every contributed command is registered at activation; the ones that need the backend load it when first run.
import * as vscode from 'vscode';
import type { BackendCommandId } from '../backend';
import { CommandId } from '../commands/ids';
import { isNode } from '../commands/targets';
import type { Log } from '../platform/logger';
import type { ConnectionsTreeProvider } from '../tree/provider';
import type { LazyBackend } from './backendLoader';

export function registerCommands(backend: LazyBackend, tree: ConnectionsTreeProvider, log: Log): vscode.Disposable[] {
  const lazy = Object.values(CommandId).filter(
    (id): id is BackendCommandId => id !== CommandId.refresh && id !== CommandId.showLog,
  );
  return [
    ...lazy.map((id) =>
      vscode.commands.registerCommand(id, (...args: unknown[]) => backend.get().commands[id](...args)),
    ),
    vscode.commands.registerCommand(CommandId.refresh, (node: unknown) => {
      tree.refresh(isNode(node, 'connection') ? node : undefined);
    }),
    vscode.commands.registerCommand(CommandId.showLog, () => {
      log.show();
    }),
  ];
}
