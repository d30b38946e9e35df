import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { ExportedProject } from '../contract/labels';
import { writeFileAtomic } from '../core/atomicFile';
import { relocateToContainer } from '../core/labelsFile';
import { readLabelsFile } from '../workspace/labelsFile';
import { nameProblem } from '../core/training';
import { workspaceContainerOf } from '../platform/workspace';
import type { CommandDeps } from './deps';
import { labelsFileIsSendable } from './labelsFileCheck';
import { refreshConnection } from './refresh';
import { connectionOf, isNode, pickProject } from './targets';
import { reportStatus, watchJob } from './watch';

/**
 * Imports a labels file (the service's import format) as a project of a connection. On the local service the
 * documents are read from the workspace folder that holds the file; on Azure, from the blob container the file
 * names. Returns the project name, or undefined when the user stopped.
 */
export async function importProject(deps: CommandDeps, target: unknown): Promise<string | undefined> {
  const connection = await connectionOf(deps, target, 'Import a Project');
  if (connection === undefined) return undefined;
  const file = await askLabelsFile(deps);
  if (file === undefined) return undefined;
  if (connection.local) workspaceFolderOf(file);
  if (!(await labelsFileIsSendable(deps.prompter, file, 'Import'))) return undefined;

  let project = await readLabelsFile(file);
  if (connection.local) project = inWorkspaceContainer(project, file);
  const projectName = await deps.prompter.input({
    title: `Import ${basename(file)}: project name`,
    value: project.metadata.projectName,
    ignoreFocusOut: true,
    validateInput: (v) => nameProblem('project', v),
  });
  if (projectName === undefined) return undefined;
  const name = projectName.trim();
  project = { ...project, metadata: { ...project.metadata, projectName: name } };

  const client = await deps.client(connection.connection);
  if ((await client.listProjects()).some((p) => p.projectName === name)) {
    const question = `${connection.connection.name} has a project “${name}” already. Importing replaces it with the file's labels and settings.`;
    if (!(await deps.prompter.confirm(question, 'Replace'))) return undefined;
  }
  try {
    const done = await watchJob(`Importing ${name}`, 'the import', (report, signal) =>
      client.importProjectAndWait(project, { signal, onProgress: reportStatus(report) }),
    );
    if (done === undefined) return undefined;
    const count = project.assets?.documents.length ?? 0;
    void vscode.window.showInformationMessage(
      `Imported ${name} with ${count} labeled document${count === 1 ? '' : 's'}.`,
    );
    return name;
  } finally {
    refreshConnection(deps, connection.connection);
  }
}

async function askLabelsFile(deps: CommandDeps): Promise<string | undefined> {
  const picked = await deps.prompter.openDialog({
    title: 'Import a Project: labels file',
    openLabel: 'Import',
    filters: { 'Labels file': ['json'] },
    ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
  });
  return picked?.fsPath;
}

/** The workspace folder holding a labels file; throws what to do when it is outside the workspace. */
function workspaceFolderOf(file: string): vscode.WorkspaceFolder {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  if (folder === undefined) {
    throw new Error(
      `${basename(file)} is outside the workspace. The local service reads documents from workspace folders: add the folder that holds the labels file and its documents (${dirname(file)}) to the workspace.`,
    );
  }
  return folder;
}

/** The local service's containers are the workspace folders: the file's folder becomes the project's container. */
export function inWorkspaceContainer(project: ExportedProject, file: string): ExportedProject {
  const folder = workspaceFolderOf(file);
  return relocateToContainer(project, workspaceContainerOf(folder), folder.uri.fsPath, file);
}

/** Exports a project's labels file to disk (written whole or not at all). Returns the file, or undefined. */
export async function exportProject(deps: CommandDeps, target: unknown): Promise<string | undefined> {
  const project = isNode(target, 'project') ? target : await pickProject(deps, 'Export a Project');
  if (project === undefined) return undefined;
  const name = project.project.projectName;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const file = (
    await deps.prompter.saveDialog({
      title: `Export ${name}: labels file`,
      saveLabel: 'Export',
      filters: { 'Labels file': ['json'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${name}.json`) } : {}),
    })
  )?.fsPath;
  if (file === undefined) return undefined;

  const client = await deps.client(project.connection);
  const exported = await watchJob(`Exporting ${name}`, 'the export', (report, signal) =>
    client.exportProjectAndWait(name, { signal, onProgress: reportStatus(report) }),
  );
  if (exported === undefined) return undefined;
  await writeFileAtomic(file, `${JSON.stringify(exported, null, 2)}\n`);
  void deps.prompter.message(`Exported ${name} to ${basename(file)}.`, 'Open').then((choice) => {
    if (choice !== undefined) void vscode.window.showTextDocument(vscode.Uri.file(file));
  });
  return file;
}
