// The sample projects bundled with the extension (samples/): three labeled datasets in the import format.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportedProjectSchema } from '../contract/labels';
import type { ExportedProject } from '../contract/labels';

export interface SampleProject {
  folder: string;
  labelsFile: string;
  /** The container the local service maps to the sample's folder. */
  container: string;
}

export const sampleProjects: readonly SampleProject[] = [
  { folder: 'loan-agreements', labelsFile: 'loanAgreementsLabels.json', container: 'sample-loan-agreements' },
  { folder: 'movie-summaries', labelsFile: 'movieLabels.json', container: 'sample-movie-summaries' },
  { folder: 'web-of-science', labelsFile: 'webOfScience_labelsFile.json', container: 'sample-web-of-science' },
];

/** Container name → folder, for the local service. */
export function sampleContainers(samplesDir: string): Record<string, string> {
  return Object.fromEntries(sampleProjects.map((s) => [s.container, join(samplesDir, s.folder)]));
}

/** The labels file of a sample, pointed at its local container. */
export async function readSampleProject(samplesDir: string, sample: SampleProject): Promise<ExportedProject> {
  const raw: unknown = JSON.parse(await readFile(join(samplesDir, sample.folder, sample.labelsFile), 'utf8'));
  const project = exportedProjectSchema.parse(raw);
  return { ...project, metadata: { ...project.metadata, storageInputContainerName: sample.container } };
}

/** A container name the service accepts (lower-case letters, digits, hyphens) for a workspace folder name. */
export function containerNameFor(folderName: string): string {
  const name = folderName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return name.length >= 3 ? name : `${name}-folder`.replace(/^-/, '');
}

/**
 * Container names for workspace folders, one per folder: two folders whose names map to one container
 * (`docs` and `Docs`) get `docs` and `docs-2`, so a project never reads another folder's documents.
 */
export function uniqueContainerNames(
  folders: readonly { name: string; path: string }[],
  taken: Iterable<string> = [],
): Record<string, string> {
  const containers: Record<string, string> = {};
  const used = new Set(taken);
  for (const folder of folders) {
    const base = containerNameFor(folder.name);
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base.slice(0, 63 - String(n).length - 1)}-${n}`;
    used.add(name);
    containers[name] = folder.path;
  }
  return containers;
}
