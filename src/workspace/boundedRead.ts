// Reading a workspace file the way every reader of documents and labels files must: a regular file only, inside the
// folder it belongs to (symlinks resolved, refused when they lead out), and never more than a limit, so a link to
// /dev/zero, a FIFO or a 300 MB file can neither hang nor exhaust the extension host.
import { open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_DOCUMENT_BYTES, MAX_TRAINING_DOCUMENT_CHARACTERS } from '../contract/limits';

export { MAX_DOCUMENT_BYTES } from '../contract/limits';
/** A labels file larger than this is refused: 10⁶ labeled documents fit in about a fifth of it. */
export const MAX_LABELS_FILE_BYTES = 256 * 1024 * 1024;

export type RefusalReason = 'missing' | 'outside' | 'notFile' | 'tooLarge';

/** Why a file was not read, in words for the user. */
export class ReadRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'ReadRefused';
  }
}

/** Whether `inner` is `outer` or inside it (both real, absolute paths). */
export function isInside(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : outer + path.sep);
}

/**
 * The real path of `file` when it is a regular file inside `root` (both resolved through symlinks); throws
 * ReadRefused otherwise.
 */
export async function realFileInside(root: string, file: string): Promise<{ real: string; size: number }> {
  const name = path.basename(file);
  const [realRoot, real] = await Promise.all([realpath(root).catch(() => root), realpath(file).catch(() => undefined)]);
  if (real === undefined) throw new ReadRefused('missing', `${name} was not found.`);
  if (!isInside(real, realRoot))
    throw new ReadRefused('outside', `${name} leads outside its project folder (to ${real}) and is not read.`);
  const info = await stat(real);
  if (!info.isFile()) throw new ReadRefused('notFile', `${name} is not a regular file and is not read.`);
  return { real, size: info.size };
}

/**
 * Reads at most `maxBytes` of a regular file inside `root`; throws ReadRefused when the file is larger, not a
 * regular file, missing, or outside `root`. The size is checked before and while reading (a file may grow).
 */
export async function readInside(root: string, file: string, maxBytes: number): Promise<Buffer> {
  const { real, size } = await realFileInside(root, file);
  const tooLarge = (): ReadRefused =>
    new ReadRefused('tooLarge', `${path.basename(file)} is larger than ${describeBytes(maxBytes)} and is not read.`);
  if (size > maxBytes) throw tooLarge();
  const handle = await open(real, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled > maxBytes) throw tooLarge();
      if (filled === buffer.length) break;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** A document's text (UTF-8, without a BOM), refused past the service's character limit. */
export async function readDocumentInside(root: string, file: string): Promise<string> {
  const text = decodeText(await readInside(root, file, MAX_DOCUMENT_BYTES));
  if (text.length > MAX_TRAINING_DOCUMENT_CHARACTERS)
    throw new ReadRefused(
      'tooLarge',
      `${path.basename(file)} has ${text.length.toLocaleString('en-US')} characters; documents have at most ${MAX_TRAINING_DOCUMENT_CHARACTERS.toLocaleString('en-US')}.`,
    );
  return text;
}

/** UTF-8 text without its byte-order mark (not part of the text the labels' offsets count). */
export function decodeText(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** Runs `work` on every item, at most `limit` at a time, results in the items' order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}
