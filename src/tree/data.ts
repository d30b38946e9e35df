// What the tree and the commands' pickers read: connections → projects → models, deployments, training jobs.
// Pure of VS Code and of side effects on the view; remembers for a while which Azure connections are down.
import type { LanguageClient } from '../api/client';
import type { Deployment } from '../contract/deployment';
import type { TrainingJobState } from '../contract/job';
import type { TrainedModel } from '../contract/model';
import type { ProjectMetadata } from '../contract/project';
import type { Connection } from '../core/connection';
import { localConnectionId } from '../core/connection';

export type DataClient = Pick<LanguageClient, 'listProjects' | 'listModels' | 'listDeployments' | 'listTrainingJobs'>;

export interface DataSources {
  /** The connections to show, the local one first when enabled. */
  connections(): { connection: Connection; local: boolean }[];
  client(connection: Connection): Promise<DataClient>;
}

/** A connection's last failure, given again instead of asking it while it is fresh. */
export class RememberedFailure extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
  }
}

export class TreeData {
  private readonly failures = new Map<string, { at: number; error: unknown }>();

  constructor(
    private readonly sources: DataSources,
    private readonly failureReuseMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  connections(): { connection: Connection; local: boolean }[] {
    return this.sources.connections();
  }

  /**
   * A connection's projects. When an Azure connection failed less than failureReuseMs ago, its failure is thrown
   * again (as a RememberedFailure) without asking it; the local service is on loopback and always asked.
   */
  async projects(connection: Connection, signal?: AbortSignal): Promise<ProjectMetadata[]> {
    const failure = this.failures.get(connection.id);
    if (failure !== undefined && this.now() - failure.at < this.failureReuseMs)
      throw new RememberedFailure(failure.error);
    try {
      return await (await this.sources.client(connection)).listProjects({ signal });
    } catch (error) {
      if (connection.id !== localConnectionId) this.failures.set(connection.id, { at: this.now(), error });
      throw error;
    }
  }

  async models(connection: Connection, projectName: string, signal?: AbortSignal): Promise<TrainedModel[]> {
    return await (await this.sources.client(connection)).listModels(projectName, { signal });
  }

  async deployments(connection: Connection, projectName: string, signal?: AbortSignal): Promise<Deployment[]> {
    return await (await this.sources.client(connection)).listDeployments(projectName, { signal });
  }

  async jobs(connection: Connection, projectName: string, signal?: AbortSignal): Promise<TrainingJobState[]> {
    return await (await this.sources.client(connection)).listTrainingJobs(projectName, { signal });
  }

  /** The next read of this connection asks it again, even when it is known to be down. */
  forget(connectionId: string): void {
    this.failures.delete(connectionId);
  }

  /** Forgets every failure (settings changed): the next reads ask every connection again. */
  forgetAll(): void {
    this.failures.clear();
  }
}
