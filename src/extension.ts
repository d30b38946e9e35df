// Composition root: builds the pieces, wires them together and hands every disposable to VS Code.
import * as vscode from 'vscode';
import { addConnection, removeConnection } from './commands/connections';
import { CommandId } from './commands/ids';
import { registerCommand } from './commands/run';
import { ClientCache } from './connections/clientCache';
import { ConnectionStore } from './connections/connectionStore';
import { Log } from './platform/logger';
import type { Node } from './tree/nodes';
import { ConnectionsTreeProvider } from './tree/provider';

/** Returned from activate() only under CUSTOM_TEXT_TEST=1, for the integration tests. */
export interface TestApi {
  tree: ConnectionsTreeProvider;
  view: vscode.TreeView<Node>;
  logText(): string;
  secretFor(connectionId: string): Promise<string | undefined>;
}

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const log = new Log();
  const store = new ConnectionStore(context.globalState, context.secrets);
  const clients = new ClientCache(store, log);
  const tree = new ConnectionsTreeProvider({
    connections: () => store.list().map((connection) => ({ connection, local: false })),
    listProjects: (connection, signal) => clients.get(connection).then((c) => c.listProjects({ signal })),
    onError: (what, error) => {
      log.error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    },
  });
  const view = vscode.window.createTreeView('customText.connections', {
    treeDataProvider: tree,
    showCollapseAll: true,
  });

  const updateContext = (): void => {
    void vscode.commands.executeCommand('setContext', 'customText.noConnections', store.list().length === 0);
  };
  updateContext();

  context.subscriptions.push(
    log,
    store,
    clients,
    tree,
    view,
    store.onDidChange(() => {
      clients.clear();
      updateContext();
      tree.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('customText.apiVersion')) {
        clients.clear();
        tree.refresh();
      }
    }),
    registerCommand(CommandId.addConnection, log, (args) => addConnection(store, args)),
    registerCommand(CommandId.removeConnection, log, (node, options) => removeConnection(store, node, options)),
    registerCommand(CommandId.refresh, log, () => {
      tree.refresh();
      return Promise.resolve();
    }),
    registerCommand(CommandId.showLog, log, () => {
      log.show();
      return Promise.resolve();
    }),
  );
  return process.env.CUSTOM_TEXT_TEST === '1'
    ? { tree, view, logText: () => log.recent(), secretFor: (id) => store.key(id) }
    : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
