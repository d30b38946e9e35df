// The settings the API client is built with; loaded with the client (they need its schemas and the HTTP stack).
import * as vscode from 'vscode';
import type { ApiVersion } from '../api/client';
import type { NetworkSettings } from '../api/proxy';
import { systemCertificates } from '../api/proxy';
import { apiVersionSchema } from '../contract/common';

export function getApiVersion(): ApiVersion {
  const value = vscode.workspace.getConfiguration('customText').get<string>('apiVersion');
  const parsed = apiVersionSchema.safeParse(value);
  return parsed.success ? parsed.data : '2023-04-01';
}

let systemStore: string[] | undefined;

/** VS Code's proxy and certificate settings (Settings → Application → Proxy), as the API client takes them. */
export function networkSettings(): NetworkSettings {
  const http = vscode.workspace.getConfiguration('http');
  const useSystemStore = http.get<boolean>('systemCertificates', true);
  if (useSystemStore) systemStore ??= systemCertificates();
  return {
    proxy: http.get<string>('proxy') || undefined,
    noProxy: http.get<string[]>('noProxy', []),
    proxyAuthorization: http.get<string | null>('proxyAuthorization') ?? undefined,
    strictSSL: http.get<boolean>('proxyStrictSSL', true),
    extraCertificates: useSystemStore ? (systemStore ?? []) : [],
  };
}
