import { join } from 'node:path';
import * as vscode from 'vscode';
import { containerNameFor, sampleContainers } from '../core/samples';
import type { Log } from '../platform/logger';
import { createEngine } from '../service/engine/engineHost';
import { startLocalService } from '../service/server';
import type { LocalService } from '../service/server';

/**
 * The local service, run inside the extension host on a random loopback port, started on first use.
 * Its containers are the workspace folders and the bundled sample data; training runs in worker threads.
 */
export class EmbeddedService implements vscode.Disposable {
  private service: Promise<LocalService> | undefined;
  private readonly listeners: vscode.Disposable[] = [];

  constructor(
    private readonly storageDir: string,
    private readonly extensionPath: string,
    private readonly log: Log,
  ) {
    this.listeners.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        void this.service?.then((s) => {
          s.setContainers(this.containerFolders());
        });
      }),
    );
  }

  get samplesDir(): string {
    return join(this.extensionPath, 'samples');
  }

  /** Starts the service on first call; later calls get the same one. */
  start(): Promise<LocalService> {
    if (this.service === undefined) {
      const started = startLocalService({
        dataDir: join(this.storageDir, 'local-service'),
        engine: createEngine(),
        containers: { folders: this.containerFolders() },
        log: (m) => {
          this.log.info(`local service: ${m}`);
        },
      });
      this.service = started;
      started.then(
        (s) => {
          this.log.info(`Local service listening on ${s.endpoint}`);
        },
        (e: unknown) => {
          this.service = undefined; // Let the next use try again.
          this.log.error(`Local service failed to start: ${e instanceof Error ? e.message : String(e)}`);
        },
      );
    }
    return this.service;
  }

  private containerFolders(): Record<string, string> {
    const folders: Record<string, string> = sampleContainers(this.samplesDir);
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme === 'file') folders[containerNameFor(folder.name)] = folder.uri.fsPath;
    }
    return folders;
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    void this.service?.then((s) => s.close()).catch(() => undefined);
    this.service = undefined;
  }
}
