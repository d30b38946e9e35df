// Composition root: builds the pieces, wires them together and hands every disposable to VS Code.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { analyzeFolder, analyzeSelection, chooseAnalysisTarget, savedTarget } from './commands/analyze';
import type { AnalyzeDeps } from './commands/analyze';
import { addConnection, editConnection, removeConnection } from './commands/connections';
import { isNode } from './commands/targets';
import type { CommandDeps } from './commands/deps';
import { deleteDeployment, swapDeployments } from './commands/deployments';
import { CommandId } from './commands/ids';
import { registerCommand, reportError } from './commands/run';
import { showEvaluation } from './commands/evaluation';
import { exportProject, importProject } from './commands/importExport';
import { deleteModel, deployModel } from './commands/models';
import { deleteProject } from './commands/projects';
import { loadSampleProjects } from './commands/samples';
import { cancelTrainingJob, trainModel } from './commands/train';
import { ClientCache } from './connections/clientCache';
import { ConnectionStore } from './connections/connectionStore';
import type { Connection } from './core/connection';
import { localConnectionId } from './core/connection';
import { EmbeddedService } from './local/embeddedService';
import { isLocalServiceEnabled, shouldLoadSampleProjects } from './platform/config';
import { Log } from './platform/logger';
import { workspaceContainers } from './platform/workspace';
import type { LocalService } from './service/server';
import type { Node } from './tree/nodes';
import { ConnectionsTreeProvider } from './tree/provider';
import { AnalysisStatus } from './editor/analysisStatus';
import { EntityDecorations } from './editor/entityDecorations';
import { ResultsPanel, resultsViewType } from './webview/resultsPanel';

/** Returned from activate() only under CUSTOM_TEXT_TEST=1, for the integration tests. */
export interface TestApi {
  tree: ConnectionsTreeProvider;
  view: vscode.TreeView<Node>;
  logText(): string;
  secretFor(connectionId: string): Promise<string | undefined>;
  localService(): Promise<LocalService>;
  results: ResultsPanel;
  decorations: EntityDecorations;
  analysisStatus: AnalysisStatus;
}

// Shown before the service starts; the client asks the embedded service for its real endpoint.
const localConnection: Connection = { id: localConnectionId, name: 'Local', endpoint: 'http://127.0.0.1' };

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const log = new Log();
  const store = new ConnectionStore(context.globalState, context.secrets);
  const embedded = new EmbeddedService({
    storageDir: context.globalStorageUri.fsPath,
    samplesDir: join(context.extensionPath, 'samples'),
    workspaceContainers,
    log,
  });
  const clients = new ClientCache(store, log, () => embedded.start());
  const connections = (): { connection: Connection; local: boolean }[] => [
    ...(isLocalServiceEnabled() ? [{ connection: localConnection, local: true }] : []),
    ...store.list().map((connection) => ({ connection, local: false })),
  ];
  const tree = new ConnectionsTreeProvider({
    connections,
    client: (connection) => clients.get(connection),
    onError: (what, error) => {
      log.error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    },
  });
  const view = vscode.window.createTreeView('customText.connections', {
    treeDataProvider: tree,
    showCollapseAll: true,
  });

  const deps: CommandDeps = { client: (connection) => clients.get(connection), tree, log };
  const decorations = new EntityDecorations();
  const panel = new ResultsPanel(context.extensionUri, log, decorations, () => {
    void vscode.commands.executeCommand(CommandId.chooseAnalysisTarget);
  });
  const status = new AnalysisStatus(CommandId.chooseAnalysisTarget);
  const remembered = savedTarget(context.workspaceState);
  if (remembered !== undefined) status.show(remembered.projectName, remembered.deploymentName);
  const analyzeDeps: AnalyzeDeps = {
    ...deps,
    state: context.workspaceState,
    containers: () => embedded.containers(),
    panel,
    decorations,
    status,
  };

  const updateContext = (): void => {
    void vscode.commands.executeCommand('setContext', 'customText.noConnections', connections().length === 0);
  };
  updateContext();

  /** Imports the missing sample projects and says so (when asked, also that none was missing); returns their names. */
  const loadSamples = async (sayWhenNone: boolean): Promise<string[]> => {
    const service = await embedded.start();
    const imported = await loadSampleProjects(await clients.get(localConnection), embedded.samplesDir);
    log.info(`Sample projects loaded into ${service.endpoint}: ${imported.join(', ') || 'all were there already'}`);
    tree.refresh();
    if (imported.length > 0)
      void vscode.window.showInformationMessage(`Loaded the sample projects into Local: ${imported.join(', ')}.`);
    else if (sayWhenNone) void vscode.window.showInformationMessage('The sample projects are already in Local.');
    return imported;
  };
  if (isLocalServiceEnabled() && shouldLoadSampleProjects()) {
    loadSamples(false).catch((e: unknown) => {
      reportError(log, 'Loading sample projects', e);
    });
  }

  context.subscriptions.push(
    log,
    store,
    clients,
    tree,
    view,
    embedded,
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      embedded.updateContainers();
    }),
    panel,
    decorations,
    status,
    vscode.window.registerWebviewPanelSerializer(resultsViewType, panel),
    store.onDidChange(() => {
      clients.clear();
      tree.forgetFailures();
      updateContext();
      tree.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('customText') || e.affectsConfiguration('http')) {
        clients.clear();
        tree.forgetFailures();
        updateContext();
        tree.refresh();
      }
    }),
    registerCommand(CommandId.addConnection, log, (args) => addConnection(store, args)),
    registerCommand(CommandId.editConnection, log, (node) => editConnection(store, node)),
    registerCommand(CommandId.removeConnection, log, (node, options) => removeConnection(store, node, options)),
    registerCommand(CommandId.loadSamples, log, () => loadSamples(true)),
    registerCommand(CommandId.refresh, log, (node) => {
      tree.refresh(isNode(node, 'connection') ? node : undefined);
      return Promise.resolve();
    }),
    registerCommand(CommandId.showLog, log, () => {
      log.show();
      return Promise.resolve();
    }),
    registerCommand(CommandId.trainModel, log, (node, args) => trainModel(deps, node, args)),
    registerCommand(CommandId.cancelTrainingJob, log, (node) => cancelTrainingJob(deps, node)),
    registerCommand(CommandId.deployModel, log, (node, args) => deployModel(deps, node, args)),
    registerCommand(CommandId.deleteModel, log, (node, options) => deleteModel(deps, node, options)),
    registerCommand(CommandId.showEvaluation, log, (node) => showEvaluation(analyzeDeps, node)),
    registerCommand(CommandId.deleteDeployment, log, (node, options) => deleteDeployment(deps, node, options)),
    registerCommand(CommandId.swapDeployments, log, (node, args) => swapDeployments(deps, node, args)),
    registerCommand(CommandId.deleteProject, log, (node, options) => deleteProject(deps, node, options)),
    registerCommand(CommandId.importProject, log, (node, args) => importProject(deps, node, args)),
    registerCommand(CommandId.exportProject, log, (node, args) => exportProject(deps, node, args)),
    registerCommand(CommandId.analyzeSelection, log, (node) => analyzeSelection(analyzeDeps, node)),
    registerCommand(CommandId.analyzeFolder, log, (folder, args) => analyzeFolder(analyzeDeps, folder, args)),
    registerCommand(CommandId.chooseAnalysisTarget, log, (node) => chooseAnalysisTarget(analyzeDeps, node)),
  );
  return process.env.CUSTOM_TEXT_TEST === '1'
    ? {
        tree,
        view,
        logText: () => log.recent(),
        secretFor: (id) => store.key(id),
        localService: () => embedded.start(),
        results: panel,
        decorations,
        analysisStatus: status,
      }
    : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
