import { basename, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { z } from 'zod';
import { countTextElements, runtimeLimits } from '../api/batching';
import { customTaskKinds } from '../contract/analyze';
import { containersHolding, documentFiles, latest, projectsHolding } from '../core/documentProject';
import { buildResultView, folderRow } from '../core/resultView';
import type { AnalysisStatus } from '../editor/analysisStatus';
import type { EntityDecorations } from '../editor/entityDecorations';
import { withProgress } from '../platform/progress';
import type { FolderView, ResultView } from '../webview/protocol';
import type { ResultsPanel, TextRange } from '../webview/resultsPanel';
import type { CommandDeps } from './deps';
import { CommandId } from './ids';
import { isNode, pickProject } from './targets';
import { targetKey } from './targetKey';
import type { NodeOf } from './targets';

/** The deployment that analyzes text, remembered per workspace. */
const analyzeTargetSchema = z.object({
  connectionId: z.string(),
  projectName: z.string(),
  projectKind: z.enum(customTaskKinds),
  language: z.string(),
  deploymentName: z.string(),
});
type AnalyzeTarget = z.infer<typeof analyzeTargetSchema>;

export interface AnalyzeDeps extends CommandDeps {
  state: vscode.Memento;
  /** Container name → folder (the local service's), to tell which project a document belongs to. */
  containers(): Record<string, string>;
  panel: ResultsPanel;
  decorations: EntityDecorations;
  status: AnalysisStatus;
}

/** The deployment remembered for this workspace, if any (shown in the status bar at start). */
export function savedTarget(state: vscode.Memento): AnalyzeTarget | undefined {
  const saved = analyzeTargetSchema.safeParse(state.get(targetKey));
  return saved.success ? saved.data : undefined;
}

/** Picks the deployment Analyze Selection and Analyze Folder use from now on in this workspace. */
export async function chooseAnalysisTarget(deps: AnalyzeDeps, target: unknown): Promise<string | undefined> {
  const chosen = isNode(target, 'deployment') ? await targetOf(deps, target) : await pickTarget(deps);
  if (chosen === undefined) return undefined;
  await remember(deps, chosen);
  await reanalyzeShown(deps, chosen);
  return `${chosen.projectName}/${chosen.deploymentName}`;
}

/** Analyzes the document the panel shows again with a newly chosen deployment (its range, if still the same). */
async function reanalyzeShown(deps: AnalyzeDeps, chosen: AnalyzeTarget): Promise<void> {
  const shown = deps.panel.shownSource();
  const connection = (await deps.tree.getChildren()).find(
    (n): n is NodeOf<'connection'> => n.kind === 'connection' && n.connection.id === chosen.connectionId,
  )?.connection;
  if (shown === undefined || connection === undefined) return;
  const document = await vscode.workspace.openTextDocument(shown.uri);
  const range = document.version === shown.version ? shown.range : undefined;
  await analyzeDocument(deps, { analyzeTarget: chosen, connection }, document, range);
}

async function remember(deps: AnalyzeDeps, target: AnalyzeTarget): Promise<void> {
  await deps.state.update(targetKey, target);
  deps.status.show(target.projectName, target.deploymentName);
}

/**
 * Classifies, or extracts the entities of, the selection (the whole document when nothing is selected) with a
 * deployment: the one the command was run on from the tree, else one of the project whose container holds the
 * document, else the one used last in this workspace, else one the user picks. Shows the result in the results
 * panel and underlines entities in the editor.
 */
export async function analyzeSelection(deps: AnalyzeDeps, target: unknown): Promise<ResultView | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) {
    void vscode.window.showInformationMessage('Open a document (and select some text) to analyze it.');
    return undefined;
  }
  const { document, selection } = editor;
  const range = selection.isEmpty
    ? undefined
    : { start: document.offsetAt(selection.start), end: document.offsetAt(selection.end) };
  const resolved = await resolveTarget(deps, target, document);
  if (resolved === undefined) return undefined;
  return analyzeDocument(deps, resolved, document, range);
}

/** Analyzes a range of a document (the whole of it when undefined) with a resolved deployment. */
async function analyzeDocument(
  deps: AnalyzeDeps,
  { analyzeTarget, connection, notice }: ResolvedTarget,
  document: vscode.TextDocument,
  range: TextRange | undefined,
): Promise<ResultView | undefined> {
  const text =
    range === undefined
      ? document.getText()
      : document.getText(new vscode.Range(document.positionAt(range.start), document.positionAt(range.end)));
  if (text.trim() === '') {
    void vscode.window.showInformationMessage(`${basename(document.fileName)} has no text to analyze.`);
    return undefined;
  }
  const length = countTextElements(text);
  if (length > runtimeLimits.maxCharacters) {
    const what = range === undefined ? basename(document.fileName) : 'The selection';
    throw new Error(
      `${what} has ${length.toLocaleString('en-US')} characters; the service takes at most ${runtimeLimits.maxCharacters.toLocaleString('en-US')} per document. Select a part of it, or split the file and use Analyze Folder.`,
    );
  }
  const version = document.version;
  const offsetBase = range?.start ?? 0;
  const client = await deps.client(connection);
  const { projectName, deploymentName, projectKind } = analyzeTarget;
  const result = await withProgress(`Analyzing with ${projectName}/${deploymentName}`, (report, signal) =>
    client.analyze(
      [{ id: '1', text, language: analyzeTarget.language }],
      [{ kind: projectKind, projectName, deploymentName }],
      {
        signal,
        onProgress: (p) => {
          report({ percent: p.percentComplete });
        },
      },
    ),
  );
  const task = result.tasks[0];
  const documentResult = task?.documents[0];
  if (task === undefined || documentResult === undefined) {
    const why = result.errors.map((e) => `${e.code}: ${e.message}`).join('; ');
    throw new Error(`The service returned no result for the text${why === '' ? '' : ` (${why})`}.`);
  }
  const title = `${basename(document.fileName)}${range === undefined ? '' : ' (selection)'}`;
  const built = buildResultView({ task, document: documentResult, text, title, offsetBase });
  // Which model gave the answer, when it is not the obvious one, comes first on the page.
  const view = notice === undefined ? built : { ...built, notes: [notice.text, ...built.notes] };
  deps.panel.show(view, { uri: document.uri, version, range });
  if (document.version === version) deps.decorations.apply(document, view);
  if (notice !== undefined) offer(notice);
  return view;
}

/** Shows a notice about the deployment used with its actions (e.g. choose another, deploy the right project). */
function offer(notice: Notice): void {
  const actions = [...(notice.actions ?? []), { title: 'Choose Deployment…', command: CommandId.chooseAnalysisTarget }];
  void vscode.window.showInformationMessage(notice.text, ...actions.map((a) => a.title)).then((picked) => {
    const action = actions.find((a) => a.title === picked);
    if (action !== undefined) void vscode.commands.executeCommand(action.command, ...(action.args ?? []));
  });
}

/**
 * Lets scripts and tests choose the deployment of a folder analysis, and in a project's folder whether to analyze
 * only its documents or all its text files (the explorer passes other arguments).
 */
const folderArgsSchema = z.object({ deployment: z.unknown(), files: z.enum(['documents', 'all']).optional() });
type FolderFiles = NonNullable<z.infer<typeof folderArgsSchema>['files']>;

/** Asks whether to analyze only the project's documents or every text file of its folder. */
async function pickFiles(
  files: readonly FolderFileText[],
  others: readonly FolderFileText[],
  projectName: string,
): Promise<FolderFiles | undefined> {
  const names = others.map((f) => f.name);
  const shown = names.length > 3 ? [...names.slice(0, 3), `${names.length - 3} more`] : names;
  const picked = await vscode.window.showQuickPick(
    [
      {
        label: `The ${files.length - others.length} documents of ${projectName}`,
        detail: `Skips ${shown.join(', ')}`,
        files: 'documents' as const,
      },
      {
        label: `All ${files.length} text files`,
        detail: 'Including those not labelled in the project',
        files: 'all' as const,
      },
    ],
    { title: 'Analyze Folder', placeHolder: `This folder holds documents of ${projectName} and other files` },
  );
  return picked?.files;
}

const FOLDER_FILES = '**/*.{txt,md}';
const MAX_FOLDER_FILES = 1000;

/**
 * Analyzes every text file (.txt, .md) under a folder with a deployment, in as few requests as the service limits
 * allow, and shows a summary in the results panel: a row per file with its classes or its entities per category.
 * Files the service would refuse (empty, too long) are listed with the reason instead of failing the rest; so are,
 * in the folder of the deployment's project (its container), the files that are not documents of that project.
 */
export async function analyzeFolder(
  deps: AnalyzeDeps,
  folderArg: unknown,
  args: unknown,
): Promise<FolderView | undefined> {
  const folder =
    folderArg instanceof vscode.Uri
      ? folderArg
      : (
          await vscode.window.showOpenDialog({
            canSelectFiles: false,
            canSelectFolders: true,
            title: 'Analyze a Folder',
          })
        )?.[0];
  if (folder === undefined) return undefined;
  const given = folderArgsSchema.safeParse(args);
  const resolved = await resolveTarget(deps, given.success ? given.data.deployment : undefined);
  if (resolved === undefined) return undefined;
  const { analyzeTarget, connection } = resolved;
  const { projectName, deploymentName, projectKind } = analyzeTarget;

  const found = await readTextFiles(folder);
  if (found.length === 0) {
    void vscode.window.showInformationMessage(`${basename(folder.fsPath)} has no .txt or .md files to analyze.`);
    return undefined;
  }
  const client = await deps.client(connection);
  // In the project's own folder, only its documents: a readme or notes beside them are not what it was trained on.
  const project = await client.getProject(projectName);
  const own = await documentFiles(folder.fsPath, deps.containers()[project.storageInputContainerName], async () =>
    ((await client.exportProjectAndWait(projectName)).assets?.documents ?? []).map((d) => d.location),
  );
  const others = own === undefined ? [] : found.filter((f) => !own.has(f.uri.fsPath));
  const which = others.length === 0 ? 'all' : (given.data?.files ?? (await pickFiles(found, others, projectName)));
  if (which === undefined) return undefined;
  const skipped = `Skipped: not a document of ${projectName}`;
  const files = found.map((f) => (which === 'documents' && others.includes(f) ? { ...f, problem: skipped } : f));
  const sendable = files.filter((f) => f.problem === undefined);
  // Ids are positions: file names can be longer or stranger than the service allows for document ids.
  const result =
    sendable.length === 0
      ? undefined
      : await withProgress(
          `Analyzing ${sendable.length} files with ${projectName}/${deploymentName}`,
          (report, signal) =>
            client.analyze(
              sendable.map((f) => ({ id: String(files.indexOf(f)), text: f.text, language: analyzeTarget.language })),
              [{ kind: projectKind, projectName, deploymentName }],
              {
                signal,
                onProgress: (p) => {
                  report({ percent: p.percentComplete, message: `${p.percentComplete}%` });
                },
              },
            ),
        );
  const task = result?.tasks[0];
  const byId = new Map((task?.documents ?? []).map((d) => [d.id, d]));
  const analyzed = files.map((f, i) => ({ ...f, result: byId.get(String(i)) }));
  const view: FolderView = {
    title: basename(folder.fsPath),
    source: `${projectName} / ${deploymentName}`,
    kind: projectKind,
    rows: analyzed.map((f) => folderRow(f.name, f.result, f.problem)),
  };
  deps.panel.showFolder(
    view,
    analyzed.map((f) => ({
      uri: f.uri,
      text: f.text,
      view:
        task && f.result
          ? buildResultView({ task, document: f.result, text: f.text, title: f.name, offsetBase: 0 })
          : undefined,
    })),
  );
  return view;
}

interface FolderFileText {
  uri: vscode.Uri;
  /** Path relative to the folder, with forward slashes. */
  name: string;
  text: string;
  /** Why the service would refuse it; such files are not sent. */
  problem?: string;
}

/** The folder's .txt and .md files, sorted, with the ones the service would refuse marked as such. */
async function readTextFiles(folder: vscode.Uri): Promise<FolderFileText[]> {
  const pattern = new vscode.RelativePattern(folder, FOLDER_FILES);
  const uris = await vscode.workspace.findFiles(pattern, '**/node_modules/**', MAX_FOLDER_FILES + 1);
  if (uris.length > MAX_FOLDER_FILES) {
    throw new Error(
      `${basename(folder.fsPath)} has more than ${MAX_FOLDER_FILES} text files: analyze a smaller folder.`,
    );
  }
  const decoder = new TextDecoder();
  const files = await Promise.all(
    uris.map(async (uri): Promise<FolderFileText> => {
      const text = decoder.decode(await vscode.workspace.fs.readFile(uri));
      const name = relative(folder.fsPath, uri.fsPath).split(sep).join('/');
      const limit = runtimeLimits.maxCharacters;
      const problem =
        text.trim() === ''
          ? 'Empty: nothing to analyze'
          : countTextElements(text) > limit
            ? `Longer than the service's ${limit.toLocaleString('en-US')} characters per request`
            : undefined;
      return { uri, name, text, ...(problem === undefined ? {} : { problem }) };
    }),
  );
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

interface Notice {
  text: string;
  actions?: { title: string; command: string; args?: unknown[] }[];
}

interface ResolvedTarget {
  analyzeTarget: AnalyzeTarget;
  connection: NodeOf<'connection'>['connection'];
  /** Why this deployment, when the user would not expect it (shown in the panel and as a message). */
  notice?: Notice;
}

async function resolveTarget(
  deps: AnalyzeDeps,
  target: unknown,
  document?: vscode.TextDocument,
): Promise<ResolvedTarget | undefined> {
  const connections = (await deps.tree.getChildren()).filter((n): n is NodeOf<'connection'> => n.kind === 'connection');
  let analyzeTarget: AnalyzeTarget | undefined;
  let notice: Notice | undefined;
  if (isNode(target, 'deployment')) {
    analyzeTarget = await targetOf(deps, target);
  } else {
    const saved = savedTarget(deps.state);
    const usable = saved !== undefined && connections.some((c) => c.connection.id === saved.connectionId);
    const own =
      document?.uri.scheme === 'file'
        ? await documentTarget(deps, connections, document, usable ? saved : undefined)
        : undefined;
    notice = own?.notice;
    analyzeTarget = own?.target ?? (usable ? saved : await pickTarget(deps));
  }
  if (analyzeTarget === undefined) return undefined;
  const connection = connections.find((c) => c.connection.id === analyzeTarget.connectionId)?.connection;
  if (connection === undefined) return undefined;
  await remember(deps, analyzeTarget);
  return { analyzeTarget, connection, ...(notice === undefined ? {} : { notice }) };
}

/**
 * The deployment of the project whose container (workspace or sample folder) holds the document, with a notice
 * when it is not the one used last; or, when that project has no deployment, only a notice saying so.
 */
async function documentTarget(
  deps: AnalyzeDeps,
  connections: NodeOf<'connection'>[],
  document: vscode.TextDocument,
  saved: AnalyzeTarget | undefined,
): Promise<{ target?: AnalyzeTarget; notice?: Notice } | undefined> {
  const holders = containersHolding(document.uri.fsPath, deps.containers());
  if (holders.length === 0) return undefined;
  const projects = (await Promise.all(connections.map((c) => deps.tree.getChildren(c))))
    .flat()
    .filter((n): n is NodeOf<'project'> => n.kind === 'project');
  const mine = projectsHolding(holders, projects, (p) => p.project.storageInputContainerName);
  const first = mine[0];
  if (first === undefined) return undefined;
  const isSaved = (p: NodeOf<'project'>): boolean =>
    p.connection.id === saved?.connectionId && p.project.projectName === saved.projectName;
  if (mine.some(isSaved)) return { target: saved };
  const file = basename(document.fileName);
  const lastUsed = saved === undefined ? '' : ` rather than ${saved.projectName}/${saved.deploymentName} (used last)`;
  for (const project of mine) {
    const { projectName, language } = project.project;
    const deployments = await (await deps.client(project.connection)).listDeployments(projectName);
    const deployment = latest(deployments, (d) => d.lastDeployedDateTime);
    if (deployment === undefined) continue;
    const target: AnalyzeTarget = {
      connectionId: project.connection.id,
      projectName,
      projectKind: taskKindOf(projectName, project.project.projectKind),
      language,
      deploymentName: deployment.deploymentName,
    };
    if (saved === undefined) return { target };
    const text = `${file} is in the folder of ${projectName}: analyzed with its deployment “${deployment.deploymentName}”${lastUsed}.`;
    return { target, notice: { text } };
  }
  if (saved === undefined) return undefined;
  const { projectName } = first.project;
  return {
    notice: {
      text: `${file} is in the folder of ${projectName}, which has no deployment yet: this result comes from ${saved.projectName}/${saved.deploymentName}, a model of another project.`,
      actions: [await deployOrTrain(deps, first)],
    },
  };
}

/** The step that gives a project a deployment: deploy its latest model, or train one when it has none. */
async function deployOrTrain(
  deps: CommandDeps,
  project: NodeOf<'project'>,
): Promise<{ title: string; command: string; args: unknown[] }> {
  const { projectName } = project.project;
  const models = await (await deps.client(project.connection)).listModels(projectName);
  const model = latest(models, (m) => m.lastTrainedDateTime);
  return model === undefined
    ? { title: `Train ${projectName}…`, command: CommandId.trainModel, args: [project] }
    : {
        title: `Deploy “${model.label}”…`,
        command: CommandId.deployModel,
        args: [{ connection: project.connection, projectName, modelLabel: model.label }],
      };
}

/** The analyze task kind of a project (the same name as its project kind); other kinds cannot analyze here. */
function taskKindOf(projectName: string, projectKind: string): AnalyzeTarget['projectKind'] {
  const kind = z.enum(customTaskKinds).safeParse(projectKind);
  if (!kind.success) throw new Error(`${projectName} is a ${projectKind} project, which cannot analyze text here.`);
  return kind.data;
}

async function targetOf(deps: AnalyzeDeps, node: NodeOf<'deployment'>): Promise<AnalyzeTarget | undefined> {
  const project = await (await deps.client(node.connection)).getProject(node.projectName);
  return {
    connectionId: node.connection.id,
    projectName: node.projectName,
    projectKind: taskKindOf(node.projectName, project.projectKind),
    language: project.language,
    deploymentName: node.deployment.deploymentName,
  };
}

async function pickTarget(deps: AnalyzeDeps): Promise<AnalyzeTarget | undefined> {
  const project = await pickProject(deps, 'Analyze with a Deployment');
  if (project === undefined) return undefined;
  const { projectName, language } = project.project;
  const projectKind = taskKindOf(projectName, project.project.projectKind);
  const deployments = await (await deps.client(project.connection)).listDeployments(projectName);
  if (deployments.length === 0) {
    const next = await deployOrTrain(deps, project);
    const what =
      next.command === CommandId.deployModel ? 'deploy its model first' : 'train a model and deploy it first';
    void vscode.window
      .showInformationMessage(`${projectName} has no deployment yet: ${what}.`, next.title)
      .then((picked) => {
        if (picked === next.title) void vscode.commands.executeCommand(next.command, ...next.args);
      });
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    deployments.map((d) => ({ label: d.deploymentName, description: d.modelId })),
    { title: 'Analyze with a Deployment', placeHolder: `Deployment of ${projectName}` },
  );
  if (picked === undefined) return undefined;
  return {
    connectionId: project.connection.id,
    projectName,
    projectKind,
    language,
    deploymentName: picked.label,
  };
}
