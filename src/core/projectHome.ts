// Which project a document (or a folder) belongs to, and that project's projects on the services it was sent to.
// A workspace project is a labels file: its own folder holds its documents. A project known only to the local
// service (a sample served from the extension's folder) has its container's folder. Paths here are real paths
// (symlinks resolved by the caller), so a document reached through a link still finds its project; the workspace
// root is never a project's folder unless a labels file sits in it.
import { isAbsolute, relative } from 'node:path';
import type { SyncRecord } from './syncState';

/** A project on a service: the connection and the project's name there. */
export interface ServiceProjectRef {
  connectionId: string;
  projectName: string;
}

/** A place projects live in: a workspace project's folder, or a local container's folder. */
export interface ProjectPlace {
  /** Stable across sessions: the labels file for a workspace project, `connection/project` otherwise. */
  key: string;
  /** The project's name, for messages. */
  name: string;
  /** Real path of the folder that holds its documents. */
  folder: string;
  /** The labels file, for a workspace project. */
  labelsFile?: string;
  /** Its project kind, when known. */
  kind?: string;
}

/** A document's (or folder's) project and where it lives on services, the one to use first first. */
export interface ProjectHome extends ProjectPlace {
  services: ServiceProjectRef[];
}

/** Whether `path` is inside `folder` (or is it, when `orSame`). */
export function folderHolds(folder: string, path: string, orSame = false): boolean {
  const rel = relative(folder, path);
  if (rel === '') return orSame;
  return !rel.startsWith('..') && !isAbsolute(rel);
}

/** The innermost place whose folder holds `path` (a folder counts as in the place it is the folder of). */
export function innermostPlace<P extends ProjectPlace>(path: string, places: readonly P[]): P | undefined {
  return places.filter((p) => folderHolds(p.folder, path, true)).sort((a, b) => b.folder.length - a.folder.length)[0];
}

/** The places inside a folder (deeper than it), for a folder that holds several projects. */
export function placesInside<P extends ProjectPlace>(folder: string, places: readonly P[]): P[] {
  return places.filter((p) => folderHolds(folder, p.folder));
}

/** A local service project with the real folder of its container. */
export interface LocalProjectPlace {
  projectName: string;
  containerFolder: string;
}

/**
 * A workspace project's projects on services: those it was pushed to, pulled from or trained on (last synced
 * first), then a local project whose container is the project's own folder (a sample opened as a workspace).
 */
export function boundProjects(
  records: readonly SyncRecord[],
  folder: string,
  local: readonly LocalProjectPlace[],
  localConnectionId: string,
): ServiceProjectRef[] {
  const bound: ServiceProjectRef[] = [...records]
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((r) => ({ connectionId: r.connectionId, projectName: r.projectName }));
  for (const p of local)
    if (p.containerFolder === folder && !bound.some((b) => b.connectionId === localConnectionId))
      bound.push({ connectionId: localConnectionId, projectName: p.projectName });
  return bound;
}

export function sameProject(a: ServiceProjectRef, b: ServiceProjectRef): boolean {
  return a.connectionId === b.connectionId && a.projectName === b.projectName;
}
