import { join } from 'node:path';
import { sampleContainers } from '../core/samples';
import { createEngine } from '../service/engine/engineHost';
import { startLocalService } from '../service/server';
import type { LocalService } from '../service/server';

export interface EmbeddedServiceOptions {
  /** Persistent state goes under this folder (the extension's global storage). */
  storageDir: string;
  /** The bundled sample data, served as containers next to the workspace folders. */
  samplesDir: string;
  /** Container name → folder for the workspace folders, read whenever the containers are (re)built. */
  workspaceContainers: () => Record<string, string>;
  log: { info(message: string): void; error(message: string): void };
}

/**
 * The local service, run inside the extension host on a random loopback port, started on first use.
 * Its containers are the workspace folders and the bundled sample data; training runs in worker threads.
 * Free of `vscode`: the extension passes in what it needs from the workbench.
 */
export class EmbeddedService {
  private service: Promise<LocalService> | undefined;
  private listening = false;

  constructor(private readonly options: EmbeddedServiceOptions) {}

  get samplesDir(): string {
    return this.options.samplesDir;
  }

  /** Whether the service has started and listens (reading it then waits for nothing else). */
  get running(): boolean {
    return this.listening;
  }

  /** Starts the service on first call; later calls get the same one. */
  start(): Promise<LocalService> {
    if (this.service === undefined) {
      const { log } = this.options;
      const begun = performance.now();
      const started = startLocalService({
        dataDir: join(this.options.storageDir, 'local-service'),
        engine: createEngine(),
        containers: { folders: this.containers() },
        log: (m) => {
          log.info(`local service: ${m}`);
        },
      });
      this.service = started;
      started.then(
        (s) => {
          this.listening = this.service === started;
          log.info(`Local service listening on ${s.endpoint} (started in ${Math.round(performance.now() - begun)} ms)`);
        },
        (e: unknown) => {
          this.service = undefined; // Let the next use try again.
          log.error(`Local service failed to start: ${e instanceof Error ? e.message : String(e)}`);
        },
      );
    }
    return this.service;
  }

  /** Rebuilds the containers (the workspace folders changed); nothing to do before the service starts. */
  updateContainers(): void {
    void this.service?.then((s) => {
      s.setContainers(this.containers());
    });
  }

  /** Container name → folder: the bundled samples and the workspace folders. */
  containers(): Record<string, string> {
    return { ...sampleContainers(this.options.samplesDir), ...this.options.workspaceContainers() };
  }

  dispose(): void {
    void this.service?.then((s) => s.close()).catch(() => undefined);
    this.service = undefined;
    this.listening = false;
  }
}
