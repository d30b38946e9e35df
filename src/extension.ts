// Composition root: builds the pieces, wires them together and hands every disposable to VS Code.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { analyzeFolder } from './commands/analyzeFolder';
import { analyzeSelection, chooseAnalysisTarget } from './commands/analyzeSelection';
import type { AnalyzeDeps } from './commands/analyzeShared';
import { savedTarget } from './commands/analyzeTarget';
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
import { PrompterSeam } from './platform/prompter';
import type { Answer, ScriptedAnswers } from './platform/scriptedPrompter';
import { ScriptedPrompter } from './platform/scriptedPrompter';
import { workspaceContainers } from './platform/workspace';
import type { LocalService } from './service/server';
import { TreeData } from './tree/data';
import type { Node } from './tree/nodes';
import { connectionNodeId } from './tree/children';
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
  /**
   * Answers the next questions of the commands, in order, instead of a user (the real pickers and dialogs are back
   * after done(), which also fails on a question nobody expected or answers left over).
   */
  answers(...expected: Answer[]): ScriptedAnswers;
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
  const data = new TreeData({ connections, client: (connection) => clients.get(connection) });
  const tree = new ConnectionsTreeProvider({
    data,
    client: (connection) => clients.get(connection),
    onError: (what, error) => {
      log.error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    },
  });
  const view = vscode.window.createTreeView('customText.connections', {
    treeDataProvider: tree,
    showCollapseAll: true,
  });

  const prompter = new PrompterSeam();
  const deps: CommandDeps = { client: (connection) => clients.get(connection), data, tree, prompter, log };
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
    tree.refreshId(connectionNodeId(localConnection));
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
      data.forgetAll();
      updateContext();
      tree.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('customText') || e.affectsConfiguration('http')) {
        clients.clear();
        data.forgetAll();
        updateContext();
        tree.refresh();
      }
    }),
    registerCommand(CommandId.addConnection, log, () => addConnection(store, prompter)),
    registerCommand(CommandId.editConnection, log, (node) => editConnection(store, prompter, node)),
    registerCommand(CommandId.removeConnection, log, (node) => removeConnection(store, prompter, node)),
    registerCommand(CommandId.loadSamples, log, () => loadSamples(true)),
    registerCommand(CommandId.refresh, log, (node) => {
      tree.refresh(isNode(node, 'connection') ? node : undefined);
      return Promise.resolve();
    }),
    registerCommand(CommandId.showLog, log, () => {
      log.show();
      return Promise.resolve();
    }),
    registerCommand(CommandId.trainModel, log, (node) => trainModel(deps, node)),
    registerCommand(CommandId.cancelTrainingJob, log, (node) => cancelTrainingJob(deps, node)),
    registerCommand(CommandId.deployModel, log, (node) => deployModel(deps, node)),
    registerCommand(CommandId.deleteModel, log, (node) => deleteModel(deps, node)),
    registerCommand(CommandId.showEvaluation, log, (node) => showEvaluation(analyzeDeps, node)),
    registerCommand(CommandId.deleteDeployment, log, (node) => deleteDeployment(deps, node)),
    registerCommand(CommandId.swapDeployments, log, (node) => swapDeployments(deps, node)),
    registerCommand(CommandId.deleteProject, log, (node) => deleteProject(deps, node)),
    registerCommand(CommandId.importProject, log, (node) => importProject(deps, node)),
    registerCommand(CommandId.exportProject, log, (node) => exportProject(deps, node)),
    registerCommand(CommandId.analyzeSelection, log, (node) => analyzeSelection(analyzeDeps, node)),
    registerCommand(CommandId.analyzeFolder, log, (folder) => analyzeFolder(analyzeDeps, folder)),
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
        answers: (...expected) => {
          let restore = (): void => undefined;
          const scripted = new ScriptedPrompter(expected, () => {
            restore();
          });
          restore = prompter.use(scripted);
          return scripted;
        },
      }
    : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
