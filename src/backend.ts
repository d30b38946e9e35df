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
import { openResultsFile } from './commands/openResultsFile';
import { addAsLabels, copyAsJson, redact } from './commands/resultActions';
import { compareWithModel, showEvaluation } from './commands/evaluation';
import type { ReviewState } from './commands/review';
import { openTestDocument } from './commands/review';
import { CommandId } from './commands/ids';
import { exportProject, importProject } from './commands/importExport';
import type { PushPullDeps } from './commands/pushPull';
import { fromWorkspaceContainer, pullProject, pushProject } from './commands/pushPull';
import { StorageAccounts } from './commands/storageAccounts';
import { syncNote } from './labeling/syncNote';
import { deleteModel, deployModel } from './commands/models';
import { deleteProject } from './commands/projects';
import type { EntityLabelDeps } from './commands/entityLabels';
import { labelSelections } from './commands/entityLabels';
import { changeLabel, dismissFlag, relabelFlag, removeLabel } from './commands/entityLabelsEdit';
import { labelAllOccurrencesCommand } from './commands/entityLabelsOccurrences';
import { EntityBrush } from './commands/entityLabelsBrush';
import { guarded, reportError } from './commands/run';
import type { SuggestionDeps } from './commands/suggestions';
import {
  acceptAllOfDocument,
  acceptOne,
  labelNext,
  rejectAllOfDocument,
  rejectOne,
  suggestLabels,
} from './commands/suggestions';
import { loadSampleProjects } from './commands/samples';
import { cancelTrainingJob } from './commands/train';
import { train } from './commands/trainProject';
import { chooseDataset, classify, moveTo, undoOrRedo } from './commands/classify';
import type { LabelingDeps } from './commands/labelingTargets';
import {
  addCategories,
  deleteCategoryCommand,
  filterDocuments,
  newProjectFromFolder,
  renameCategoryCommand,
} from './commands/labelingProjects';
import { ClientCache } from './connections/clientCache';
import type { ConnectionStore } from './connections/connectionStore';
import type { Connection } from './core/connection';
import { localConnectionId } from './core/connection';
import { describeError } from './core/describeError';
import { describeFilter } from './core/labeling/summary';
import type { ConnectionPlace, ErrorDescription } from './core/describeError';
import { AnalysisStatus } from './editor/analysisStatus';
import { EntityDecorations } from './editor/entityDecorations';
import { ReviewDecorations } from './editor/reviewDecorations';
import { ActiveLabelingDocument } from './labeling/activeDocument';
import { EntityLabelActions } from './editor/entityLabelActions';
import { EntityLabelDecorations } from './editor/entityLabelDecorations';
import { SuggestionDecorations } from './editor/suggestionDecorations';
import { SuggestionStore } from './labeling/suggestionStore';
import { LiveDocuments } from './labeling/liveDocuments';
import { LabelsDiagnostics } from './labeling/labelsDiagnostics';
import { registerLabelsQuickFixes } from './labeling/labelsQuickFixes';
import { LabelingProjects } from './labeling/projects';
import { LabelingTreeProvider } from './labeling/view';
import type { LabelingNode } from './labeling/viewNodes';
import { EmbeddedService } from './local/embeddedService';
import type { Log } from './platform/logger';
import { PrompterSeam } from './platform/prompter';
import { SignInSeam } from './platform/signIn';
import { ServiceComparisons } from './labeling/serviceComparisons';
import { SYNC_STATE_KEY, parseSyncState } from './core/syncState';
import type { SyncRecord } from './core/syncState';
import type { ServiceProjectRef } from './core/projectHome';
import { ProjectHomes } from './labeling/projectHomes';
import type { SessionCredential, SessionSource } from './api/sessionCredential';
import type { Answer, ScriptedAnswers } from './platform/scriptedPrompter';
import { ScriptedPrompter } from './platform/scriptedPrompter';
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
  /** The connection the tree shows for the embedded service. */
  localConnection: Connection;
  /** The Labeling view, registered at activation; its provider is built here. */
  labelingView: vscode.TreeView<LabelingNode>;
}

/** The commands served from here: every one but Refresh and Show Log, which activation answers itself. */
export type BackendCommandId = Exclude<CommandId, typeof CommandId.refresh | typeof CommandId.showLog>;

export interface Backend {
  client(connection: Connection): Promise<LanguageClient>;
  describeError(error: unknown, place?: ConnectionPlace): ErrorDescription;
  /** Forgets the clients (connections or settings changed): the next use builds them again. */
  forgetClients(): void;
  commands: Record<BackendCommandId, (...args: unknown[]) => Promise<unknown>>;
  /** Imports the missing sample projects at startup (the loadSampleProjects setting); reports its own failures. */
  loadSamplesAtStartup(): void;
  embedded: EmbeddedService;
  /** The workspace's labels files and their documents (found when first asked). */
  labeling: LabelingProjects;
  /** What the Labeling view shows (its provider, behind the one activation registered). */
  labelingTree: LabelingTreeProvider;
  /** Entity labels in the editor: followed through unsaved edits, drawn, and the brush. */
  entityLabels: { live: LiveDocuments; decorations: EntityLabelDecorations; brush: EntityBrush };
  /** Problems of the labels files in the Problems view (checking starts when a labels file is opened). */
  labelsDiagnostics: LabelsDiagnostics;
  panel: ResultsPanel;
  decorations: EntityDecorations;
  /** A test document's labels and predictions in the editor (reviewing a model). */
  reviewDecorations: ReviewDecorations;
  status: AnalysisStatus;
  /**
   * For the integration tests (through activation's test API only): answers the commands' next questions, in order,
   * instead of a user. The real pickers and dialogs are back after done(), which also fails on a question nobody
   * expected or answers left over.
   */
  answers(...expected: Answer[]): ScriptedAnswers;
  /**
   * For the integration tests (through activation's test API only): signed-in connections get their tokens from
   * `source` instead of the Microsoft sign-in, until the returned function is called.
   */
  signInWith(source: SessionSource): () => void;
  /** Suggestions from a deployment: held apart from the labels, and drawn. */
  suggestions: { store: SuggestionStore; decorations: SuggestionDecorations };
  dispose(): void;
}

export function createBackend(host: BackendHost): Backend {
  const { context, log, store, data, tree, localConnection, labelingView } = host;
  // Every question the commands ask goes through it.
  const prompter = new PrompterSeam();
  const embedded = new EmbeddedService({
    storageDir: context.globalStorageUri.fsPath,
    samplesDir: join(context.extensionPath, 'samples'),
    workspaceContainers,
    log,
  });
  // Every token of a signed-in connection comes through it (Microsoft sign-in, or a test's session).
  const signIn = new SignInSeam();
  const signedIn = (scope: string): SessionCredential => signIn.credentials.for(scope);
  const clients = new ClientCache(store, log, () => embedded.start(), signedIn);
  const client = (connection: Connection): Promise<LanguageClient> => clients.get(connection);
  // What the user works on: the active document's project, else the one selected in the Labeling view.
  const currentProjects = async (): Promise<readonly ServiceProjectRef[]> => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const home = uri?.scheme === 'file' ? await homes.of(uri.fsPath) : undefined;
    if (home !== undefined) return home.services;
    const selected = labelingView.selection[0];
    const project = selected === undefined ? undefined : labeling.get(selected.labelsFile);
    return project === undefined ? [] : (await homes.homeOf(project)).services;
  };
  const deps: CommandDeps = { client, data, tree, prompter, log, currentProjects };
  const decorations = new EntityDecorations();
  const labeling = new LabelingProjects(log);
  const syncRecords = (labelsFile: string): SyncRecord[] =>
    parseSyncState(context.workspaceState.get(SYNC_STATE_KEY))[labelsFile] ?? [];
  const homes = new ProjectHomes({
    labeling,
    records: syncRecords,
    localConnectionId,
    localProjects: async () =>
      data.connections().some((c) => c.local) ? await data.projects(localConnection).catch(() => []) : [],
    containers: () => embedded.containers(),
    workspaceRoots: () =>
      (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
  });
  const comparisons: ServiceComparisons = new ServiceComparisons({
    records: syncRecords,
    connection: (id) => (id === localConnectionId ? localConnection : store.list().find((c) => c.id === id)),
    client,
    asInWorkspace: (connection, exported, labelsFile) =>
      connection.id === localConnectionId ? fromWorkspaceContainer(exported, labelsFile) : exported,
    onChange: () => {
      labelingTree.refreshProjects();
    },
  });
  const labelingTree = new LabelingTreeProvider(
    labeling,
    (project) => syncNote(context.workspaceState, project, comparisons),
    (project) => {
      comparisons.check(project);
    },
    (file) => suggestionStore.get(file)?.suggestions,
  );
  const activeDocument = new ActiveLabelingDocument(labeling, {
    classify: CommandId.labelingClassify,
    setDataset: CommandId.labelingSetDataset,
  });
  const labelingDeps: LabelingDeps = {
    labeling,
    prompter,
    view: labelingTree,
    active: activeDocument,
    recent: { labelsFile: undefined },
  };
  const pushPullDeps: PushPullDeps = {
    commands: deps,
    labeling: labelingDeps,
    storage: new StorageAccounts(context.globalState, context.secrets, signedIn),
    state: context.workspaceState,
    containers: () => embedded.containers(),
    onSynced: () => {
      comparisons.clear();
      labelingTree.refreshProjects();
    },
  };
  const showFilter = (): void => {
    const filter = labelingTree.currentFilter;
    labelingView.description = filter.kind === 'all' ? undefined : describeFilter(filter);
    void vscode.commands.executeCommand('setContext', 'customText.labeling.filtered', filter.kind !== 'all');
  };
  const updateLabelingContext = (): void => {
    void vscode.commands.executeCommand('setContext', 'customText.labeling.noProjects', labeling.all().length === 0);
  };
  void labeling.ready().then(updateLabelingContext, () => undefined);
  const live = new LiveDocuments(labeling, log);
  const labelDecorations = new EntityLabelDecorations(live);
  const labelDeps: EntityLabelDeps = { labeling, live, prompter, log };
  const brush = new EntityBrush(labelDeps, CommandId.stopBrush);
  const labelActions = new EntityLabelActions(live, CommandId);
  // Labels are drawn once the workspace's labels files are found.
  labeling
    .ready()
    .then(() => {
      live.trackOpenDocuments();
      labelDecorations.paintAll();
    })
    .catch((e: unknown) => {
      reportError(log, 'Finding the labels files', e);
    });
  const labelsDiagnostics = new LabelsDiagnostics(labeling, log);
  // The toolbar's buttons run the same commands as the palette.
  const resultCommands = {
    redact: CommandId.redactResult,
    copyJson: CommandId.copyResultJson,
    addAsLabels: CommandId.addResultAsLabels,
  } as const;
  const panel = new ResultsPanel(context.extensionUri, log, decorations, {
    chooseDeployment: () => void vscode.commands.executeCommand(CommandId.chooseAnalysisTarget),
    runAction: (action) => void vscode.commands.executeCommand(resultCommands[action]),
    openTestDocument: (row) => {
      log.info(`Review: the panel asks for test document ${row + 1}`);
      void guarded(CommandId.showEvaluation, log, () => openTestDocument(reviewDeps, row))();
    },
  });
  const status = new AnalysisStatus(CommandId.chooseAnalysisTarget);
  const remembered = savedTarget(context.workspaceState);
  if (remembered !== undefined) status.show(remembered.projectName, remembered.deploymentName);
  const analyzeDeps: AnalyzeDeps = {
    ...deps,
    state: context.workspaceState,
    homes,
    panel,
    decorations,
    status,
  };
  const suggestionStore = new SuggestionStore();
  const suggestionDecorations = new SuggestionDecorations(suggestionStore, {
    accept: CommandId.acceptSuggestion,
    reject: CommandId.rejectSuggestion,
    acceptAll: CommandId.acceptAllSuggestions,
    rejectAll: CommandId.rejectAllSuggestions,
  });
  const suggestionDeps: SuggestionDeps = { labelingDeps, analyzeDeps, store: suggestionStore };
  const resultDeps = { panel, prompter, labeling };
  const reviewDecorations = new ReviewDecorations();
  const review: ReviewState = { current: undefined };
  const reviewDeps = {
    ...deps,
    panel,
    review,
    reviewDecorations,
    labeling,
    homes,
    containers: () => embedded.containers(),
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
    [CommandId.addConnection]: () => addConnection(store, prompter, signedIn),
    [CommandId.editConnection]: (node) => editConnection(store, prompter, signedIn, node),
    [CommandId.removeConnection]: (node) => removeConnection(store, prompter, node),
    [CommandId.loadSamples]: () => loadSamples(true),
    [CommandId.trainModel]: (node) => train({ pushPull: pushPullDeps, labeling: labelingDeps, homes }, node),
    [CommandId.cancelTrainingJob]: (node) => cancelTrainingJob(deps, node),
    [CommandId.deployModel]: (node) => deployModel(deps, node),
    [CommandId.deleteModel]: (node) => deleteModel(deps, node),
    [CommandId.showEvaluation]: (node) => showEvaluation({ ...analyzeDeps, review, labeling }, node),
    [CommandId.compareModels]: (node) => compareWithModel({ ...analyzeDeps, review, labeling }, node),
    [CommandId.deleteDeployment]: (node) => deleteDeployment(deps, node),
    [CommandId.swapDeployments]: (node) => swapDeployments(deps, node),
    [CommandId.deleteProject]: (node) => deleteProject(deps, node),
    [CommandId.importProject]: (node) => importProject(deps, node),
    [CommandId.exportProject]: (node) => exportProject(deps, node),
    [CommandId.pushProject]: (node) => pushProject(pushPullDeps, node),
    [CommandId.pullProject]: (node) => pullProject(pushPullDeps, node),
    [CommandId.analyzeSelection]: (node) => analyzeSelection(analyzeDeps, node),
    [CommandId.analyzeFolder]: (folder) => analyzeFolder(analyzeDeps, folder),
    [CommandId.chooseAnalysisTarget]: (node) => chooseAnalysisTarget(analyzeDeps, node),
    [CommandId.labelingNewProject]: (folder) => newProjectFromFolder(labelingDeps, folder),
    [CommandId.labelingClassify]: (node) => classify(labelingDeps, node),
    [CommandId.labelingSetDataset]: (node) => chooseDataset(labelingDeps, node),
    [CommandId.labelingNextUnlabeled]: (node) => moveTo(labelingDeps, 'nextUnlabeled', node),
    [CommandId.labelingNextDocument]: (node) => moveTo(labelingDeps, 'next', node),
    [CommandId.labelingPreviousDocument]: (node) => moveTo(labelingDeps, 'previous', node),
    [CommandId.labelingAddCategories]: (node) => addCategories(labelingDeps, node),
    [CommandId.labelingRenameCategory]: (node) => renameCategoryCommand(labelingDeps, node),
    [CommandId.labelingDeleteCategory]: (node) => deleteCategoryCommand(labelingDeps, node),
    [CommandId.labelingUndo]: (node) => undoOrRedo(labelingDeps, 'undo', node),
    [CommandId.labelingRedo]: (node) => undoOrRedo(labelingDeps, 'redo', node),
    [CommandId.labelingFilter]: async () => {
      const filter = await filterDocuments(labelingDeps);
      showFilter();
      return filter;
    },
    [CommandId.labelingClearFilter]: () => {
      labelingTree.setFilter({ kind: 'all' });
      showFilter();
      return Promise.resolve(true);
    },
    [CommandId.labelSelection]: async () => {
      await labeling.ready();
      return labelSelections(labelDeps, vscode.window.activeTextEditor);
    },
    [CommandId.startBrush]: async () => {
      await labeling.ready();
      return brush.start();
    },
    [CommandId.stopBrush]: () => brush.stop(),
    [CommandId.labelAllOccurrences]: async () => {
      await labeling.ready();
      return labelAllOccurrencesCommand(labelDeps, vscode.window.activeTextEditor);
    },
    [CommandId.changeLabel]: (target) => changeLabel(labelDeps, target),
    [CommandId.removeLabel]: (target) => removeLabel(labelDeps, target),
    [CommandId.relabelFlag]: (target) => relabelFlag(labelDeps, target),
    [CommandId.dismissFlag]: (target) => dismissFlag(labelDeps, target),
    [CommandId.suggestLabels]: async (target) => {
      await labeling.ready();
      return suggestLabels(suggestionDeps, target);
    },
    [CommandId.acceptSuggestion]: (target) => acceptOne(suggestionDeps, target),
    [CommandId.rejectSuggestion]: (target) => rejectOne(suggestionDeps, target),
    [CommandId.acceptAllSuggestions]: (target) => acceptAllOfDocument(suggestionDeps, target),
    [CommandId.rejectAllSuggestions]: (target) => rejectAllOfDocument(suggestionDeps, target),
    [CommandId.labelNext]: async (target) => {
      await labeling.ready();
      return labelNext(suggestionDeps, target);
    },
    [CommandId.redactResult]: () => redact(resultDeps),
    [CommandId.copyResultJson]: () => copyAsJson(resultDeps),
    [CommandId.addResultAsLabels]: () => addAsLabels(resultDeps),
    [CommandId.openResultsFile]: () => openResultsFile({ prompter, panel, decorations }),
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
    reviewDecorations,
    status,
    labelingTree,
    activeDocument,
    labeling.onDidChange(({ reason }) => {
      if (reason === 'added' || reason === 'removed') updateLabelingContext();
    }),
    brush,
    labelActions,
    labelDecorations,
    live,
    labelsDiagnostics,
    registerLabelsQuickFixes(labelsDiagnostics),
    suggestionDecorations,
    suggestionStore,
    // A document's row says what is suggested for it (VS Code batches a burst of these into one refresh).
    suggestionStore.onDidChange(() => {
      labelingTree.refreshProjects();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('customText.suggestions.threshold')) suggestionStore.refreshAll();
    }),
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
    labelingTree,
    entityLabels: { live, decorations: labelDecorations, brush },
    labelsDiagnostics,
    panel,
    decorations,
    reviewDecorations,
    status,
    answers: (...expected) => {
      let restore = (): void => undefined;
      const scripted = new ScriptedPrompter(expected, () => {
        restore();
      });
      restore = prompter.use(scripted);
      return scripted;
    },
    signInWith: (source) => {
      const restore = signIn.use(source);
      clients.clear();
      return () => {
        restore();
        clients.clear();
      };
    },
    suggestions: { store: suggestionStore, decorations: suggestionDecorations },
    dispose: () => {
      for (const d of disposables) d.dispose();
    },
  };
}
