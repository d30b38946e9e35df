// Which project a document belongs to: the one whose container (a folder, for the local service) holds it.
import { isAbsolute, relative, resolve } from 'node:path';

/** The containers whose folder holds `filePath`, innermost first (a sample folder before the workspace root). */
export function containersHolding(filePath: string, containers: Readonly<Record<string, string>>): string[] {
  const inside = (folder: string): boolean => {
    const rel = relative(folder, filePath);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  };
  return Object.entries(containers)
    .filter(([, folder]) => inside(folder))
    .sort((a, b) => b[1].length - a[1].length)
    .map(([name]) => name);
}

/** The projects of those containers, innermost container first; `containerOf` reads a project's container. */
export function projectsHolding<P>(
  holders: readonly string[],
  projects: readonly P[],
  containerOf: (p: P) => string,
): P[] {
  return holders.flatMap((container) => projects.filter((p) => containerOf(p) === container));
}

/** The item with the latest date (ISO 8601 strings sort by time), e.g. the deployment deployed last. */
export function latest<T>(items: readonly T[], date: (item: T) => string): T | undefined {
  return [...items].sort((a, b) => date(b).localeCompare(date(a)))[0];
}

/**
 * The files of a project's documents (their container locations resolved under the container's folder), when
 * `folder` is that folder or inside it; otherwise undefined (every file of the folder is the user's to analyze).
 */
export function documentFiles(
  folder: string,
  containerFolder: string | undefined,
  locations: () => Promise<readonly string[]>,
): Promise<Set<string>> | undefined {
  if (containerFolder === undefined) return undefined;
  const rel = relative(containerFolder, folder);
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return locations().then((all) => new Set(all.map((location) => resolve(containerFolder, location))));
}

/** A document's file in a container folder, or undefined when its location would leave the folder. */
export function fileInContainer(containerFolder: string, location: string): string | undefined {
  const file = resolve(containerFolder, location);
  const rel = relative(containerFolder, file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? undefined : file;
}
