// Analyze Folder: every text file under a folder, in as few requests as the limits allow, a row per file.
import { basename, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { countTextElements, runtimeLimits } from '../api/batching';
import type { LanguageClient } from '../api/client';
import { fileInContainer } from '../core/documentProject';
import { sameProject } from '../core/projectHome';
import { realPathOf } from '../labeling/projectHomes';
import { buildResultView, folderRow } from '../core/resultView';
import { withProgress } from '../platform/progress';
import type { FolderView } from '../core/views';
import { readFolderTexts } from '../workspace/documentTexts';
import type { AnalyzeDeps, AnalyzeTarget } from './analyzeShared';
import { resolveTarget } from './analyzeTarget';

type FolderFiles = 'documents' | 'all';

/** Asks whether to analyze only the project's documents or every text file of its folder. */
async function pickFiles(
  deps: AnalyzeDeps,
  files: readonly FolderFileText[],
  others: readonly FolderFileText[],
  projectName: string,
): Promise<FolderFiles | undefined> {
  const names = others.map((f) => f.name);
  const shown = names.length > 3 ? [...names.slice(0, 3), `${names.length - 3} more`] : names;
  const picked = await deps.prompter.pick(
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
export async function analyzeFolder(deps: AnalyzeDeps, folderArg: unknown): Promise<FolderView | undefined> {
  const folder =
    folderArg instanceof vscode.Uri
      ? folderArg
      : await deps.prompter.openDialog({ canSelectFiles: false, canSelectFolders: true, title: 'Analyze a Folder' });
  if (folder === undefined) return undefined;
  const resolved = await resolveTarget(deps, undefined, { path: folder.fsPath, what: 'folder' });
  if (resolved === undefined) return undefined;
  const { analyzeTarget, connection, why } = resolved;
  const { projectName, deploymentName, projectKind } = analyzeTarget;

  const found = await readTextFiles(folder);
  if (found.length === 0) {
    void vscode.window.showInformationMessage(`${basename(folder.fsPath)} has no .txt or .md files to analyze.`);
    return undefined;
  }
  const client = await deps.client(connection);
  // In the project's own folder, only its documents: a readme or notes beside them are not what it was trained on.
  const own = await ownDocuments(deps, client, folder.fsPath, analyzeTarget);
  // Compared as real paths: the folder may have been reached through a link.
  const real = await Promise.all(found.map((f) => realPathOf(f.uri.fsPath)));
  const others = own === undefined ? [] : found.filter((_, i) => !own.has(real[i] ?? ''));
  const which = others.length === 0 ? 'all' : await pickFiles(deps, found, others, projectName);
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
            client.runtime.analyze(
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
    why,
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

/**
 * The real paths of the documents of the folder's own project, when the deployment is that project's; undefined
 * otherwise (every text file of the folder is the user's to analyze). A workspace project's documents are those of
 * its labels file; a project the local service holds in a folder of its own lists them in its export.
 */
async function ownDocuments(
  deps: AnalyzeDeps,
  client: LanguageClient,
  folder: string,
  target: AnalyzeTarget,
): Promise<Set<string> | undefined> {
  const home = await deps.homes.of(folder);
  if (home === undefined || !home.services.some((s) => sameProject(s, target))) return undefined;
  const workspace = home.labelsFile === undefined ? undefined : deps.homes.workspaceProject(home.labelsFile);
  const locations =
    workspace?.project?.file.assets?.documents.map((d) => d.location) ??
    ((await client.exportProjectAndWait(target.projectName)).assets?.documents ?? []).map((d) => d.location);
  return new Set(locations.map((l) => fileInContainer(home.folder, l)).filter((f) => f !== undefined));
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
  // Inside the folder only, bounded: a link out of it or to a device is listed as not read, never sent.
  const read = await readFolderTexts(
    folder.fsPath,
    uris.map((u) => u.fsPath),
  );
  const limit = runtimeLimits.maxCharacters;
  const files = uris.map((uri, i): FolderFileText => {
    const name = relative(folder.fsPath, uri.fsPath).split(sep).join('/');
    const got = read[i] ?? { refused: 'cannot be read' };
    if ('refused' in got) return { uri, name, text: '', problem: `Not read: it ${got.refused}` };
    const { text } = got;
    const problem =
      text.trim() === ''
        ? 'Empty: nothing to analyze'
        : countTextElements(text) > limit
          ? `Longer than the service's ${limit.toLocaleString('en-US')} characters per request`
          : undefined;
    return { uri, name, text, ...(problem === undefined ? {} : { problem }) };
  });
  return files.sort((a, b) => a.name.localeCompare(b.name));
}
