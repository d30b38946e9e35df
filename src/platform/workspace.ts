import * as vscode from 'vscode';
import { containerNameFor } from '../core/samples';

/** The local service's containers for the open workspace folders (on disk only): container name → folder. */
export function workspaceContainers(): Record<string, string> {
  const folders: Record<string, string> = {};
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme === 'file') folders[containerNameFor(folder.name)] = folder.uri.fsPath;
  }
  return folders;
}
