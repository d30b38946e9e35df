// What loads after activation (dist/backend.js): the API client with its schemas and HTTP stack, the embedded local
// service, the commands' work, the results panel. Activation (extension.ts) stays small and loads this once it has
// returned (or earlier, when the tree first asks a connection for its children or a command first runs).
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from './api/client';
import { analyzeFolder } from './commands/analyzeFolder';
import { analyzeSelection, chooseAnalysisTarget } from './commands/analyzeSelection';
import type { AnalyzeDeps } from './commands/analyzeShared';
import { savedTarget } from './commands/analyzeTarget';
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
import { LabelsDiagnostics } from './labeling/labelsDiagnostics';
import { registerLabelsQuickFixes } from './labeling/labelsQuickFixes';
import { LabelingProjects } from './labeling/projects';
import { EmbeddedService } from './local/embeddedService';
import type { Log } from './platform/logger';
import type { PrompterSeam } from './platform/prompter';
import { workspaceContainers } from './platform/workspace';
import { connectionNodeId } from './tree/children';
import type { TreeData } from './tree/data';
import type { ConnectionsTreeProvider } from './tree/provider';
import { ResultsPanel } from './webview/resultsPanel';

/** What activation hands over: the pieces it already built. */
export interface BackendHost {
  context: vscode.ExtensionContext;
  log: Log;
  store: ConnectionStore;
  data: TreeData;
  tree: ConnectionsTreeProvider;
  /** Every question the commands ask goes through it (tests answer through it instead of a user). */
  prompter: PrompterSeam;
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
  /** The workspace's labels files and their documents (found when first asked). */
  labeling: LabelingProjects;
  /** Problems of the labels files in the Problems view (checking starts when a labels file is opened). */
  labelsDiagnostics: LabelsDiagnostics;
  panel: ResultsPanel;
  decorations: EntityDecorations;
  status: AnalysisStatus;
  dispose(): void;
}

export function createBackend(host: BackendHost): Backend {
  const { context, log, store, data, tree, prompter, localConnection } = host;
  const embedded = new EmbeddedService({
    storageDir: context.globalStorageUri.fsPath,
    samplesDir: join(context.extensionPath, 'samples'),
    workspaceContainers,
    log,
  });
  const clients = new ClientCache(store, log, () => embedded.start());
  const client = (connection: Connection): Promise<LanguageClient> => clients.get(connection);
  const deps: CommandDeps = { client, data, tree, prompter, log };
  const decorations = new EntityDecorations();
  const labeling = new LabelingProjects(log);
  const labelsDiagnostics = new LabelsDiagnostics(labeling, log);
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
    tree.refreshId(connectionNodeId(localConnection));
    if (imported.length > 0)
      void vscode.window.showInformationMessage(`Loaded the sample projects into Local: ${imported.join(', ')}.`);
    else if (sayWhenNone) void vscode.window.showInformationMessage('The sample projects are already in Local.');
    return imported;
  };

  const handlers: Backend['commands'] = {
    [CommandId.addConnection]: () => addConnection(store, prompter),
    [CommandId.editConnection]: (node) => editConnection(store, prompter, node),
    [CommandId.removeConnection]: (node) => removeConnection(store, prompter, node),
    [CommandId.loadSamples]: () => loadSamples(true),
    [CommandId.trainModel]: (node) => trainModel(deps, node),
    [CommandId.cancelTrainingJob]: (node) => cancelTrainingJob(deps, node),
    [CommandId.deployModel]: (node) => deployModel(deps, node),
    [CommandId.deleteModel]: (node) => deleteModel(deps, node),
    [CommandId.showEvaluation]: (node) => showEvaluation(analyzeDeps, node),
    [CommandId.deleteDeployment]: (node) => deleteDeployment(deps, node),
    [CommandId.swapDeployments]: (node) => swapDeployments(deps, node),
    [CommandId.deleteProject]: (node) => deleteProject(deps, node),
    [CommandId.importProject]: (node) => importProject(deps, node),
    [CommandId.exportProject]: (node) => exportProject(deps, node),
    [CommandId.analyzeSelection]: (node) => analyzeSelection(analyzeDeps, node),
    [CommandId.analyzeFolder]: (folder) => analyzeFolder(analyzeDeps, folder),
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
    labelsDiagnostics,
    registerLabelsQuickFixes(labelsDiagnostics),
    labeling,
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
    labeling,
    labelsDiagnostics,
    panel,
    decorations,
    status,
    dispose: () => {
      for (const d of disposables) d.dispose();
    },
  };
}
