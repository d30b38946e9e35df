import * as vscode from 'vscode';

// Read at activation: nothing here may load zod or the HTTP stack (those are in clientSettings.ts).
export function isLocalServiceEnabled(): boolean {
  return vscode.workspace.getConfiguration('customText').get<boolean>('localService.enabled', true);
}

export function shouldLoadSampleProjects(): boolean {
  return vscode.workspace.getConfiguration('customText').get<boolean>('localService.loadSampleProjects', false);
}
