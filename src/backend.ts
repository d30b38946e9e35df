// What loads on first use (dist/backend.js): the API client with its schemas and HTTP stack, the embedded local
// service, the commands' work, the results panel. Activation (extension.ts) stays small and loads this when the
// tree first asks a connection for its children or a command first runs.
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from './api/client';
import { analyzeFolder, analyzeSelection, chooseAnalysisTarget, savedTarget } from './commands/analyze';
import type { AnalyzeDeps } from './commands/analyze';
import { addConnection, editConnection, removeConnection } from './commands/connections';
import type { CommandDeps } from './commands/deps';
import { deleteDeployment, swapDeployments } from './commands/deployments';
import { showEvaluation } from './commands/evaluation';
import { CommandId } from './commands/ids';
import { exportProject, importProject } from './commands/importExport';
import { deleteModel, deployModel } from './commands/models';
import { deleteProject } from './commands/projects';
import { guarded, reportError } from './commands/run';
import { loadSampleProjects } from './commands/samples';
import { cancelTrainingJob, trainModel } from './commands/train';
import { ClientCache } from './connections/clientCache';
import type { ConnectionStore } from './connections/connectionStore';
import type { Connection } from './core/connection';
import { describeError } from './core/describeError';
import type { ErrorDescription } from './core/describeError';
import { AnalysisStatus } from './editor/analysisStatus';
import { EntityDecorations } from './editor/entityDecorations';
import { EmbeddedService } from './local/embeddedService';
import type { Log } from './platform/logger';
import { workspaceContainers } from './platform/workspace';
import type { ConnectionsTreeProvider } from './tree/provider';
import { ResultsPanel } from './webview/resultsPanel';

/** What activation hands over: the pieces it already built. */
export interface BackendHost {
  context: vscode.ExtensionContext;
  log: Log;
  store: ConnectionStore;
  tree: ConnectionsTreeProvider;
  /** The connection the tree shows for the embedded service. */
  localConnection: Connection;
}

/** The commands served from here: every one but Refresh and Show Log, which activation answers itself. */
export type BackendCommandId = Exclude<CommandId, typeof CommandId.refresh | typeof CommandId.showLog>;

export interface Backend {
  client(connection: Connection): Promise<LanguageClient>;
  describeError(error: unknown): ErrorDescription;
  /** Forgets the clients (connections or settings changed): the next use builds them again. */
  forgetClients(): void;
  commands: Record<BackendCommandId, (...args: unknown[]) => Promise<unknown>>;
  /** Imports the missing sample projects at startup (the loadSampleProjects setting); reports its own failures. */
  loadSamplesAtStartup(): void;
  embedded: EmbeddedService;
  panel: ResultsPanel;
  decorations: EntityDecorations;
  status: AnalysisStatus;
  dispose(): void;
}

export function createBackend(host: BackendHost): Backend {
  const { context, log, store, tree, localConnection } = host;
  const embedded = new EmbeddedService({
    storageDir: context.globalStorageUri.fsPath,
    samplesDir: join(context.extensionPath, 'samples'),
    workspaceContainers,
    log,
  });
  const clients = new ClientCache(store, log, () => embedded.start());
  const client = (connection: Connection): Promise<LanguageClient> => clients.get(connection);
  const deps: CommandDeps = { client, tree, log };
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

  const handlers: Backend['commands'] = {
    [CommandId.addConnection]: (args) => addConnection(store, args),
    [CommandId.editConnection]: (node) => editConnection(store, node),
    [CommandId.removeConnection]: (node, options) => removeConnection(store, node, options),
    [CommandId.loadSamples]: () => loadSamples(true),
    [CommandId.trainModel]: (node, args) => trainModel(deps, node, args),
    [CommandId.cancelTrainingJob]: (node) => cancelTrainingJob(deps, node),
    [CommandId.deployModel]: (node, args) => deployModel(deps, node, args),
    [CommandId.deleteModel]: (node, options) => deleteModel(deps, node, options),
    [CommandId.showEvaluation]: (node) => showEvaluation(analyzeDeps, node),
    [CommandId.deleteDeployment]: (node, options) => deleteDeployment(deps, node, options),
    [CommandId.swapDeployments]: (node, args) => swapDeployments(deps, node, args),
    [CommandId.deleteProject]: (node, options) => deleteProject(deps, node, options),
    [CommandId.importProject]: (node, args) => importProject(deps, node, args),
    [CommandId.exportProject]: (node, args) => exportProject(deps, node, args),
    [CommandId.analyzeSelection]: (node) => analyzeSelection(analyzeDeps, node),
    [CommandId.analyzeFolder]: (folder, args) => analyzeFolder(analyzeDeps, folder, args),
    [CommandId.chooseAnalysisTarget]: (node) => chooseAnalysisTarget(analyzeDeps, node),
  };
  const commands = Object.fromEntries(
    Object.entries(handlers).map(([id, handler]) => [id, guarded(id as BackendCommandId, log, handler)]),
  ) as Backend['commands'];

  const disposables: { dispose(): unknown }[] = [
    clients,
    embedded,
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      embedded.updateContainers();
    }),
    panel,
    decorations,
    status,
  ];
  return {
    client,
    describeError,
    forgetClients: () => {
      clients.clear();
    },
    commands,
    loadSamplesAtStartup: () => {
      loadSamples(false).catch((e: unknown) => {
        reportError(log, 'Loading sample projects', e);
      });
    },
    embedded,
    panel,
    decorations,
    status,
    dispose: () => {
      for (const d of disposables) d.dispose();
    },
  };
}
