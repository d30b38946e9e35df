// Composition root: builds the pieces, registers them and hands every disposable to VS Code. Activation loads
// only the tree, the log and the settings; the API client, zod, the local service and the commands' work are in
// dist/backend.js, loaded once activation has returned, or earlier on first use (see src/backend.ts and esbuild.mjs).
import { join } from 'node:path';
import * as vscode from 'vscode';
import { openWalkthroughOnFirstStart } from './activation/walkthrough';
import type { Backend } from './backend';
import { startActivationClock } from './activation/activationClock';
import { LazyBackend } from './activation/backendLoader';
import { DeferredTreeProvider } from './activation/deferredTree';
import { registerCommands } from './activation/commands';
import { loadBackendOnOpen } from './activation/backendOnOpen';
import { watchSettings } from './activation/settingsWatch';
import { scheduleWarmUp } from './activation/warmUp';
import { targetKey } from './commands/targetKey';
import { ConnectionStore } from './connections/connectionStore';
import type { Connection } from './core/connection';
import { localConnectionId } from './core/connection';
import type { AnalysisStatus } from './editor/analysisStatus';
import type { EntityDecorations } from './editor/entityDecorations';
import { isLocalServiceEnabled, shouldLoadSampleProjects } from './platform/config';
import { Log } from './platform/logger';
import type { Answer, ScriptedAnswers } from './platform/scriptedPrompter';
import type { LabelingProjects } from './labeling/projects';
import type { LabelingNode } from './labeling/viewNodes';
import type { LocalService } from './service/server';
import { TreeData } from './tree/data';
import type { Node } from './tree/nodes';
import { ConnectionsTreeProvider } from './tree/provider';
import type { ResultsPanel } from './webview/resultsPanel';
import { resultsViewType } from './webview/viewType';

/** Returned from activate() only under CUSTOM_TEXT_TEST=1, for the integration tests. */
export interface TestApi {
  tree: ConnectionsTreeProvider;
  view: vscode.TreeView<Node>;
  logText(): string;
  secretFor(connectionId: string): Promise<string | undefined>;
  localService(): Promise<LocalService>;
  /** The workspace's labeling projects, once they have been found. */
  labeling(): Promise<LabelingProjects>;
  /** What the Labeling view shows. */
  labelingTree: vscode.TreeDataProvider<LabelingNode>;
  labelingView: vscode.TreeView<LabelingNode>;
  /** Entity labels in the editor: the documents followed, what is drawn, the brush. */
  readonly entityLabels: Backend['entityLabels'];
  /** Suggestions from a deployment: held and drawn. */
  readonly suggestions: Backend['suggestions'];
  /** Whether dist/backend.js has been loaded yet (activation alone must not load it). */
  backendLoaded(): boolean;
  /** Where VS Code keeps this window's logs (the extension host's log is there). */
  logUri: vscode.Uri;
  readonly results: ResultsPanel;
  readonly decorations: EntityDecorations;
  /** A test document's labels and predictions drawn while reviewing a model. */
  readonly reviewDecorations: Backend['reviewDecorations'];
  readonly analysisStatus: AnalysisStatus;
  /**
   * Answers the next questions of the commands, in order, instead of a user (the real pickers and dialogs are back
   * after done(), which also fails on a question nobody expected or answers left over).
   */
  answers(...expected: Answer[]): ScriptedAnswers;
  /** Signed-in connections get their tokens from `source` (a stand-in for the Microsoft sign-in) until restored. */
  signInWith: Backend['signInWith'];
}

/**
 * When no view has asked for Local's items by then, the backend loads anyway (see warmUp.ts). On a loaded machine
 * VS Code has taken up to 2.4 s from activation to giving the view its provider (test/…/reload.ui.test.ts).
 */
const warmUpAfterMs = 3000;

// Shown before the service starts; the client asks the embedded service for its real endpoint.
const localConnection: Connection = { id: localConnectionId, name: 'Local', endpoint: 'http://127.0.0.1' };

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const activationTook = startActivationClock();
  let localAnswered = false;
  const log = new Log();
  const store = new ConnectionStore(context.globalState, context.secrets);
  const connections = (): { connection: Connection; local: boolean }[] => [
    ...(isLocalServiceEnabled() ? [{ connection: localConnection, local: true }] : []),
    ...store.list().map((connection) => ({ connection, local: false })),
  ];
  const loadSamples = isLocalServiceEnabled() && shouldLoadSampleProjects();
  // The backend loads and the local service starts once the views have their first rows (see warmUp.ts).
  const warmUp = scheduleWarmUp({
    work: () => {
      try {
        const loaded = backend.get(); // It also shows the remembered analysis target in the status bar.
        if (isLocalServiceEnabled()) loaded.embedded.start().catch(() => undefined); // Its failure is logged.
        if (loadSamples) loaded.loadSamplesAtStartup();
      } catch (e) {
        log.error(`Loading the extension's backend: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    localLoading: () => isLocalServiceEnabled() && tree.childRequests('') > 0 && !localAnswered,
    localShown: () => isLocalServiceEnabled() && view.visible,
    atStartup: connections().length > 0 || context.workspaceState.get(targetKey) !== undefined || loadSamples,
    delayMs: warmUpAfterMs,
  });
  const data = new TreeData({ connections, client: (connection) => backend.get().client(connection) });
  const tree = new ConnectionsTreeProvider({
    data,
    client: (connection) => backend.get().client(connection),
    onError: (what, error) => {
      log.error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    },
    describe: (error, place) => backend.get().describeError(error, place),
    onFirstChildren: (node, ms) => {
      if (node.kind !== 'connection' || !node.local) return;
      log.info(`Local's first expansion: its items ${Math.round(ms)} ms after VS Code asked for them`);
      localAnswered = true;
      warmUp.afterReplies();
    },
    starting: (connection) => connection.id === localConnectionId && backend.loaded()?.embedded.running !== true,
  });
  const backend: LazyBackend = new LazyBackend(
    (module): Backend => module.createBackend({ context, log, store, data, tree, localConnection, labelingView }),
    (ms, how) => {
      log.info(`Loaded the API client and the local service's code in ${Math.round(ms)} ms (${how})`);
    },
    join(context.globalStorageUri.fsPath, 'code-cache'),
  );
  const view = vscode.window.createTreeView('customText.connections', {
    treeDataProvider: tree,
    showCollapseAll: true,
  });
  const labelingTree = new DeferredTreeProvider<LabelingNode>(() => backend.get().labelingTree, {
    loaded: () => backend.loaded(),
    whenLoaded: (then) => {
      backend.whenLoaded(then);
      warmUp.soon();
    },
  });
  const labelingView = vscode.window.createTreeView('customText.labeling', {
    treeDataProvider: labelingTree,
    showCollapseAll: true,
  });

  const updateContext = (): void => {
    void vscode.commands.executeCommand('setContext', 'customText.noConnections', connections().length === 0);
  };
  // Right after activation has returned (it needs neither): the contexts the view's welcomes depend on. Until then
  // the view shows its "Starting…" welcome (package.json) rather than VS Code's "no data provider".
  setImmediate(() => {
    updateContext();
    void vscode.commands.executeCommand('setContext', 'customText.activated', true);
  });

  context.subscriptions.push(
    log,
    store,
    tree,
    view,
    labelingTree,
    labelingView,
    backend,
    warmUp,
    vscode.window.registerWebviewPanelSerializer(resultsViewType, {
      deserializeWebviewPanel: (panel) => backend.get().panel.deserializeWebviewPanel(panel),
    }),
    ...watchSettings(store, data, tree, backend, updateContext),
    ...registerCommands(backend, tree, log),
    loadBackendOnOpen(backend, log),
  );

  // Not in the test runs: their suites type into the editor area it would take (the launch test checks it opens).
  if (process.env.CUSTOM_TEXT_TEST !== '1')
    setTimeout(() => {
      openWalkthroughOnFirstStart(context.globalStorageUri.fsPath, (m) => {
        log.info(m);
      });
    }, 0);

  // Logged once activation has returned: the log's channel is created on first use, which activation must not wait for.
  const took = activationTook();
  setImmediate(() => {
    log.info(took);
  });
  return process.env.CUSTOM_TEXT_TEST === '1'
    ? {
        tree,
        view,
        logText: () => log.recent(),
        secretFor: (id) => store.key(id),
        localService: () => backend.get().embedded.start(),
        labeling: async () => {
          const { labeling } = backend.get();
          await labeling.ready();
          return labeling;
        },
        labelingTree,
        labelingView,
        backendLoaded: () => backend.loaded() !== undefined,
        logUri: context.logUri,
        get results() {
          return backend.get().panel;
        },
        get decorations() {
          return backend.get().decorations;
        },
        get reviewDecorations() {
          return backend.get().reviewDecorations;
        },
        get entityLabels() {
          return backend.get().entityLabels;
        },
        get suggestions() {
          return backend.get().suggestions;
        },
        get analysisStatus() {
          return backend.get().status;
        },
        answers: (...expected) => backend.get().answers(...expected),
        signInWith: (source) => backend.get().signInWith(source),
      }
    : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
