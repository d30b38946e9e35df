// Per project and connection, whether the service's copy (its exported project) agrees with the workspace labels
// file. Asked when a project is expanded in the Labeling view, once per state of the labels file (not on every
// keystroke); a push or pull starts over. The view shows the answer next to the last push or pull.
import type { LanguageClient } from '../api/client';
import { ApiError } from '../api/errors';
import type { ExportedProject } from '../contract/labels';
import type { Connection } from '../core/connection';
import { describeError } from '../core/describeError';
import { serializeLabelsFile } from '../core/labeling/canonical';
import { parseLabelsFile } from '../core/labeling/parseLabels';
import { compareProjects } from '../core/projectComparison';
import type { ProjectComparison } from '../core/projectComparison';
import { sha256 } from '../core/syncState';
import type { SyncRecord } from '../core/syncState';
import type { LabelingProject } from './projects';

export interface ServiceComparisonsDeps {
  /** The project's last push or pull per connection (Push and Pull keep them in workspaceState). */
  records(labelsFile: string): readonly SyncRecord[];
  connection(id: string): Connection | undefined;
  client(connection: Connection): Promise<LanguageClient>;
  /** The service's export with the workspace's document locations (the local service names them from the folder). */
  asInWorkspace(connection: Connection, exported: ExportedProject, labelsFile: string): ExportedProject;
  /** New answers are in: the view draws them. */
  onChange(): void;
}

const keyOf = (labelsFile: string, connectionId: string): string => `${labelsFile}\n${connectionId}`;

export class ServiceComparisons {
  private readonly results = new Map<string, { labelsHash: string; comparison: ProjectComparison }>();
  private readonly asking = new Set<string>();

  constructor(private readonly deps: ServiceComparisonsDeps) {}

  /** The answer for the labels file as it is now, if there is one. */
  get(project: LabelingProject, connectionId: string): ProjectComparison | undefined {
    const hash = labelsHashOf(project);
    const result = this.results.get(keyOf(project.labelsFile, connectionId));
    return result !== undefined && result.labelsHash === hash ? result.comparison : undefined;
  }

  /** Asks every connection the project was pushed to or pulled from, unless it answered for this state already. */
  check(project: LabelingProject): void {
    const hash = labelsHashOf(project);
    const file = project.project?.file;
    if (hash === undefined || file === undefined) return;
    for (const record of this.deps.records(project.labelsFile)) {
      const key = keyOf(project.labelsFile, record.connectionId);
      if (this.asking.has(key) || this.results.get(key)?.labelsHash === hash) continue;
      const connection = this.deps.connection(record.connectionId);
      if (connection === undefined) continue;
      this.asking.add(key);
      void this.compare(connection, record.projectName, project.labelsFile, file)
        .then((comparison) => {
          this.results.set(key, { labelsHash: hash, comparison });
        })
        .finally(() => {
          this.asking.delete(key);
          this.deps.onChange();
        });
    }
  }

  /** Pushed or pulled: every answer is old. */
  clear(): void {
    this.results.clear();
  }

  private async compare(
    connection: Connection,
    projectName: string,
    labelsFile: string,
    workspace: NonNullable<LabelingProject['project']>['file'],
  ): Promise<ProjectComparison> {
    try {
      const client = await this.deps.client(connection);
      const exported = await client.exportProjectAndWait(projectName);
      const parsed = parseLabelsFile(JSON.stringify(this.deps.asInWorkspace(connection, exported, labelsFile)));
      if (!parsed.ok) return { kind: 'unknown', reason: 'the service’s copy does not parse' };
      return compareProjects(workspace, parsed.file);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return { kind: 'absent' };
      return { kind: 'unknown', reason: describeError(error).text };
    }
  }
}

function labelsHashOf(project: LabelingProject): string | undefined {
  const parsed = project.project;
  return parsed === undefined ? undefined : sha256(serializeLabelsFile(parsed.file, parsed.eol));
}
