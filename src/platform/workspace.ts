import * as vscode from 'vscode';
import { sampleProjects, uniqueContainerNames } from '../core/samples';

/**
 * The local service's containers for the open workspace folders (on disk only): container name → folder. Names
 * are unique, also against the sample projects' containers.
 */
export function workspaceContainers(): Record<string, string> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  return uniqueContainerNames(
    folders.map((f) => ({ name: f.name, path: f.uri.fsPath })),
    sampleProjects.map((s) => s.container),
  );
}

/** The local container of a workspace folder. */
export function workspaceContainerOf(folder: vscode.WorkspaceFolder): string {
  const found = Object.entries(workspaceContainers()).find(([, path]) => path === folder.uri.fsPath);
  if (found === undefined) throw new Error(`${folder.name} is not a workspace folder on disk.`);
  return found[0];
}
