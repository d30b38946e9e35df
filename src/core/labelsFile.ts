// A labels file (the import format) as Import, Push and Pull read it, with errors that say what to fix.
import { posix, relative, sep } from 'node:path';
import { z } from 'zod';
import { exportedProjectSchema } from '../contract/labels';
import type { ExportedProject } from '../contract/labels';

/** Parses a labels file's text; throws an Error naming the file and the first thing that is wrong. */
export function parseExportedProject(text: string, file: string): ExportedProject {
  let raw: unknown;
  try {
    raw = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    const why = error instanceof SyntaxError ? `it is not valid JSON (${error.message})` : String(error);
    throw new Error(`Cannot read ${file}: ${why}.`, { cause: error });
  }
  const parsed = exportedProjectSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    throw new Error(
      `${file} is not a labels file in the import format${where}: ${first?.message ?? z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/**
 * Points a project at a container whose root is `containerRoot`: document locations in a labels file are relative
 * to the file's folder, container locations to the container root, so the folder in between is prepended.
 */
export function relocateToContainer(
  project: ExportedProject,
  container: string,
  containerRoot: string,
  labelsFile: string,
): ExportedProject {
  const folder = relative(containerRoot, labelsFile).split(sep).slice(0, -1).join('/');
  if (folder.startsWith('..')) throw new Error(`${labelsFile} is not inside ${containerRoot}.`);
  const relocate = (location: string): string => (folder === '' ? location : posix.join(folder, location));
  const metadata = { ...project.metadata, storageInputContainerName: container };
  if (project.assets === undefined) return { ...project, metadata };
  const documents = project.assets.documents.map((d) => ({ ...d, location: relocate(d.location) }));
  return { ...project, metadata, assets: { ...project.assets, documents } };
}
