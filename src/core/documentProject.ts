// Small helpers about a project's documents on disk and its latest model or deployment.
import { isAbsolute, relative, resolve } from 'node:path';

/** The item with the latest date (ISO 8601 strings sort by time), e.g. the deployment deployed last. */
export function latest<T>(items: readonly T[], date: (item: T) => string): T | undefined {
  return [...items].sort((a, b) => date(b).localeCompare(date(a)))[0];
}

/** A document's file in a container folder, or undefined when its location would leave the folder. */
export function fileInContainer(containerFolder: string, location: string): string | undefined {
  const file = resolve(containerFolder, location);
  const rel = relative(containerFolder, file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? undefined : file;
}
