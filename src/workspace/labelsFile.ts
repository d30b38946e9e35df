// Reading a labels file from disk for Import, Push and Pull: bounded (a link to /dev/zero or a FIFO is refused, a
// file over MAX_LABELS_FILE_BYTES is not read) and, given a root, inside it.
import path from 'node:path';
import type { ExportedProject } from '../contract/labels';
import { parseExportedProject } from '../core/labelsFile';
import { MAX_LABELS_FILE_BYTES, readInside } from './boundedRead';

/** The labels file's text as it is on disk (a BOM included, so its hash is the file's). */
export async function readLabelsText(file: string, root = path.parse(file).root): Promise<string> {
  return (await readInside(root, file, MAX_LABELS_FILE_BYTES)).toString('utf8');
}

/** The labels file parsed; throws an Error naming the file and what is wrong. */
export async function readLabelsFile(file: string, root?: string): Promise<ExportedProject> {
  return parseExportedProject(await readLabelsText(file, root), file);
}
