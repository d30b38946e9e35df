// The seam between a workspace project and its projects on services: which project a document or folder belongs
// to (by real paths, by each project's own folder), and where that project lives on each connection.
import { realpath } from 'node:fs/promises';
import { boundProjects, innermostPlace, placesInside, sameProject } from '../core/projectHome';
import type { LocalProjectPlace, ProjectHome, ProjectPlace, ServiceProjectRef } from '../core/projectHome';
import type { SyncRecord } from '../core/syncState';
import type { LabelingProject, LabelingProjects } from './projects';

export interface ProjectHomesDeps {
  labeling: Pick<LabelingProjects, 'all' | 'ready' | 'get'>;
  /** The labels file's push, pull and train records (one per connection). */
  records(labelsFile: string): readonly SyncRecord[];
  localConnectionId: string;
  /** The local service's projects with their containers; empty when it cannot answer. */
  localProjects(): Promise<readonly { projectName: string; projectKind: string; storageInputContainerName: string }[]>;
  /** The local service's container name → folder. */
  containers(): Record<string, string>;
  /** The workspace folders: a container that is one of them is shared by the projects inside, never one's own. */
  workspaceRoots(): readonly string[];
}

/** The real path of a file or folder (symlinks resolved), or the path itself when it does not exist. */
export async function realPathOf(path: string): Promise<string> {
  return await realpath(path).catch(() => path);
}

export class ProjectHomes {
  constructor(private readonly deps: ProjectHomesDeps) {}

  /** The project of a document, or of a folder (its own project, or the one whose folder holds it). */
  async of(path: string): Promise<ProjectHome | undefined> {
    const real = await realPathOf(path);
    const workspace = innermostPlace(real, await this.workspacePlaces());
    if (workspace !== undefined) return await this.homeOfPlace(workspace);
    const local = innermostPlace(real, await this.localPlaces());
    return local && { ...local, services: [{ connectionId: this.deps.localConnectionId, projectName: local.name }] };
  }

  /** The workspace projects whose folders are inside a folder (Analyze Folder on a folder of several projects). */
  async inside(folder: string): Promise<ProjectHome[]> {
    const real = await realPathOf(folder);
    return await Promise.all(placesInside(real, await this.workspacePlaces()).map((p) => this.homeOfPlace(p)));
  }

  /** A workspace project by its labels file. */
  workspaceProject(labelsFile: string): LabelingProject | undefined {
    return this.deps.labeling.get(labelsFile);
  }

  /** The workspace project of a project on a service, if one is bound to it. */
  async workspaceProjectOf(service: ServiceProjectRef): Promise<LabelingProject | undefined> {
    await this.deps.labeling.ready();
    const local = await this.localContainers(); // Listed once for every project, not once per project.
    for (const project of this.deps.labeling.all()) {
      const home = await this.homeOfPlace(await this.placeOf(project), local);
      if (home.services.some((s) => sameProject(s, service))) return project;
    }
    return undefined;
  }

  /** The home of a project on a service: its workspace project's, else its own (its documents' folder unknown). */
  async ofService(service: ServiceProjectRef): Promise<ProjectHome> {
    const workspace = await this.workspaceProjectOf(service);
    if (workspace !== undefined) return await this.homeOf(workspace);
    const key = `${service.connectionId}/${service.projectName}`;
    return { key, name: service.projectName, folder: '', services: [service] };
  }

  /** A workspace project's home: its folder and its projects on services. */
  async homeOf(project: LabelingProject): Promise<ProjectHome> {
    return await this.homeOfPlace(await this.placeOf(project));
  }

  private async homeOfPlace(place: ProjectPlace, known?: readonly LocalProjectPlace[]): Promise<ProjectHome> {
    const records = place.labelsFile === undefined ? [] : this.deps.records(place.labelsFile);
    const local = known ?? (await this.localContainers());
    return { ...place, services: boundProjects(records, place.folder, local, this.deps.localConnectionId) };
  }

  private async placeOf(project: LabelingProject): Promise<ProjectPlace> {
    return {
      key: project.labelsFile,
      name: project.project?.file.metadata.projectName ?? project.labelsFile,
      folder: await realPathOf(project.folder),
      labelsFile: project.labelsFile,
      ...(project.project === undefined ? {} : { kind: project.project.file.metadata.projectKind }),
    };
  }

  private async workspacePlaces(): Promise<ProjectPlace[]> {
    await this.deps.labeling.ready();
    return await Promise.all(this.deps.labeling.all().map((p) => this.placeOf(p)));
  }

  /** Local projects with their containers' real folders. */
  private async localContainers(): Promise<(LocalProjectPlace & { kind: string })[]> {
    const containers = this.deps.containers();
    const projects = await this.deps.localProjects();
    const places = await Promise.all(
      projects.map(async (p) => {
        const folder = containers[p.storageInputContainerName];
        return folder === undefined
          ? undefined
          : { projectName: p.projectName, kind: p.projectKind, containerFolder: await realPathOf(folder) };
      }),
    );
    return places.filter((p) => p !== undefined);
  }

  /** Local projects whose container is a folder of their own (not a workspace root, which many projects share). */
  private async localPlaces(): Promise<ProjectPlace[]> {
    const roots = new Set(await Promise.all(this.deps.workspaceRoots().map(realPathOf)));
    return (await this.localContainers())
      .filter((p) => !roots.has(p.containerFolder))
      .map((p) => ({
        key: `${this.deps.localConnectionId}/${p.projectName}`,
        name: p.projectName,
        folder: p.containerFolder,
        kind: p.kind,
      }));
  }
}
