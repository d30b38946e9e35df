import * as vscode from 'vscode';
import type { ApiVersion } from '../api/client';
import { apiVersionSchema } from '../contract/common';

export function getApiVersion(): ApiVersion {
  const value = vscode.workspace.getConfiguration('customText').get<string>('apiVersion');
  const parsed = apiVersionSchema.safeParse(value);
  return parsed.success ? parsed.data : '2023-04-01';
}

export function isLocalServiceEnabled(): boolean {
  return vscode.workspace.getConfiguration('customText').get<boolean>('localService.enabled', true);
}

export function shouldLoadSampleProjects(): boolean {
  return vscode.workspace.getConfiguration('customText').get<boolean>('localService.loadSampleProjects', false);
}
