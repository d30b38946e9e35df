import { basename, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { z } from 'zod';
import { countTextElements, runtimeLimits } from '../api/batching';
import { customTaskKinds } from '../contract/analyze';
import { buildResultView, folderRow } from '../core/resultView';
import type { AnalysisStatus } from '../editor/analysisStatus';
import type { EntityDecorations } from '../editor/entityDecorations';
import { withProgress } from '../platform/progress';
import type { FolderView, ResultView } from '../webview/protocol';
import type { ResultsPanel } from '../webview/resultsPanel';
import type { CommandDeps } from './deps';
import { isNode, pickProject } from './targets';
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
const targetKey = 'customText.analyzeTarget';

export interface AnalyzeDeps extends CommandDeps {
  state: vscode.Memento;
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
  return `${chosen.projectName}/${chosen.deploymentName}`;
}

async function remember(deps: AnalyzeDeps, target: AnalyzeTarget): Promise<void> {
  await deps.state.update(targetKey, target);
  deps.status.show(target.projectName, target.deploymentName);
}

/**
 * Classifies, or extracts the entities of, the selection (the whole document when nothing is selected) with a
 * deployment: the one the command was run on from the tree, else the one used last in this workspace, else one
 * the user picks. Shows the result in the results panel and underlines entities in the editor.
 */
export async function analyzeSelection(deps: AnalyzeDeps, target: unknown): Promise<ResultView | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) {
    void vscode.window.showInformationMessage('Open a document (and select some text) to analyze it.');
    return undefined;
  }
  const resolved = await resolveTarget(deps, target);
  if (resolved === undefined) return undefined;
  const { analyzeTarget, connection } = resolved;

  const { document, selection } = editor;
  const whole = selection.isEmpty;
  const text = whole ? document.getText() : document.getText(selection);
  if (text.trim() === '') {
    void vscode.window.showInformationMessage(`${basename(document.fileName)} has no text to analyze.`);
    return undefined;
  }
  const length = countTextElements(text);
  if (length > runtimeLimits.maxCharacters) {
    const what = whole ? basename(document.fileName) : 'The selection';
    throw new Error(
      `${what} has ${length.toLocaleString('en-US')} characters; the service takes at most ${runtimeLimits.maxCharacters.toLocaleString('en-US')} per document. Select a part of it, or split the file and use Analyze Folder.`,
    );
  }
  const version = document.version;
  const offsetBase = whole ? 0 : document.offsetAt(selection.start);
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
  const title = `${basename(document.fileName)}${whole ? '' : ' (selection)'}`;
  const view = buildResultView({ task, document: documentResult, text, title, offsetBase });
  deps.panel.show(view, { uri: document.uri, version });
  if (document.version === version) deps.decorations.apply(document, view);
  return view;
}

/** Lets scripts and tests choose the deployment of a folder analysis (the explorer passes other arguments). */
const folderArgsSchema = z.object({ deployment: z.unknown() });

const FOLDER_FILES = '**/*.{txt,md}';
const MAX_FOLDER_FILES = 1000;

/**
 * Analyzes every text file (.txt, .md) under a folder with a deployment, in as few requests as the service limits
 * allow, and shows a summary in the results panel: a row per file with its classes or its entities per category.
 * Files the service would refuse (empty, too long) are listed with the reason instead of failing the rest.
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

  const files = await readTextFiles(folder);
  if (files.length === 0) {
    void vscode.window.showInformationMessage(`${basename(folder.fsPath)} has no .txt or .md files to analyze.`);
    return undefined;
  }
  const sendable = files.filter((f) => f.problem === undefined);
  const client = await deps.client(connection);
  // Ids are positions: file names can be longer or stranger than the service allows for document ids.
  const result =
    sendable.length === 0
      ? undefined
      : await withProgress(`Analyzing ${files.length} files with ${projectName}/${deploymentName}`, (report, signal) =>
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

async function resolveTarget(
  deps: AnalyzeDeps,
  target: unknown,
): Promise<{ analyzeTarget: AnalyzeTarget; connection: NodeOf<'connection'>['connection'] } | undefined> {
  const connections = (await deps.tree.getChildren()).filter((n): n is NodeOf<'connection'> => n.kind === 'connection');
  let analyzeTarget: AnalyzeTarget | undefined;
  if (isNode(target, 'deployment')) {
    analyzeTarget = await targetOf(deps, target);
  } else {
    const saved = savedTarget(deps.state);
    analyzeTarget =
      saved !== undefined && connections.some((c) => c.connection.id === saved.connectionId)
        ? saved
        : await pickTarget(deps);
  }
  if (analyzeTarget === undefined) return undefined;
  const connection = connections.find((c) => c.connection.id === analyzeTarget.connectionId)?.connection;
  if (connection === undefined) return undefined;
  await remember(deps, analyzeTarget);
  return { analyzeTarget, connection };
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
  if (deployments.length === 0)
    throw new Error(`${projectName} has no deployment yet: train a model and deploy it first.`);
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
