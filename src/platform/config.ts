import * as vscode from 'vscode';
import type { ApiVersion } from '../api/client';

export function getApiVersion(): ApiVersion {
  const value = vscode.workspace.getConfiguration('customText').get<string>('apiVersion');
  return value === '2022-05-01' ? '2022-05-01' : '2023-04-01';
}

export function isLocalServiceEnabled(): boolean {
  return vscode.workspace.getConfiguration('customText').get<boolean>('localService.enabled', true);
}

export function shouldLoadSampleProjects(): boolean {
  return vscode.workspace.getConfiguration('customText').get<boolean>('localService.loadSampleProjects', false);
}
