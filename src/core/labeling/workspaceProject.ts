// A project in a workspace: its labels file, in the import format, in a folder (the container) beside its
// documents. Reads the file, lists the documents on disk and compares them with the ones the file lists.
import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileIfChanged } from '../atomicFile';
import type { LineEnding } from './canonical';
import { compareStrings, serializeLabelsFile } from './canonical';
import type { Diagnostic } from './diagnostics';
import type { LabelsFile, LabelsDocument } from './model';
import { parseLabelsFile } from './parseLabels';

export interface WorkspaceProject {
  /** Absolute path of the labels file. */
  labelsFile: string;
  /** The folder holding it: the container; every location is a path inside it. */
  folder: string;
  file: LabelsFile;
  /** Line ending of the file on disk, kept when it is written back (a Windows checkout stays CRLF). */
  eol: LineEnding;
}

export type ReadProjectResult =
  { ok: true; project: WorkspaceProject; text: string } | { ok: false; diagnostics: Diagnostic[]; text: string };

export async function readWorkspaceProject(labelsFile: string): Promise<ReadProjectResult> {
  const file = path.resolve(labelsFile);
  const text = await readFile(file, 'utf8');
  const parsed = parseLabelsFile(text);
  if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics, text };
  return {
    ok: true,
    text,
    project: { labelsFile: file, folder: path.dirname(file), file: parsed.file, eol: parsed.eol },
  };
}

/**
 * Writes the project's labels file in canonical form, atomically, and only when its bytes change. Returns whether
 * the file was written.
 */
export function writeWorkspaceProject(project: WorkspaceProject): Promise<boolean> {
  return writeFileIfChanged(project.labelsFile, serializeLabelsFile(project.file, project.eol));
}

// Folders that hold tooling, not documents.
const SKIPPED_FOLDERS = new Set(['node_modules']);

/** Locations of every .txt file under `folder` (dot folders and node_modules skipped), sorted. */
export async function documentsOnDisk(folder: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // An unreadable folder has no documents we can label.
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
      } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.txt')) {
        found.push(`${prefix}${entry.name}`);
      }
    }
  };
  await walk(folder, '');
  return found.sort(compareStrings);
}

export interface DocumentComparison {
  /** Listed in the labels file and present on disk. */
  listed: string[];
  /** Listed in the labels file but not on disk (or outside the folder). */
  missing: string[];
  /** On disk but not in the labels file: candidates to add. */
  unlisted: string[];
}

/** Compares the documents a labels file lists with the .txt files found in its folder. */
export function compareDocuments(file: LabelsFile, onDisk: readonly string[]): DocumentComparison {
  const disk = new Set(onDisk);
  const locations = ((file.assets?.documents ?? []) as LabelsDocument[]).map((d) => d.location);
  const inFile = new Set(locations);
  return {
    listed: [...inFile].filter((l) => disk.has(l)).sort(compareStrings),
    missing: [...inFile].filter((l) => !disk.has(l)).sort(compareStrings),
    unlisted: onDisk.filter((l) => !inFile.has(l)),
  };
}
