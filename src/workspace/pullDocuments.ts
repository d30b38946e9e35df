// Writing a pulled project's documents into its workspace folder, all or nothing: every location is checked before
// anything is fetched (a path inside the folder, no folder on the way that leads out of it, no link to write
// through), the new contents are staged in a folder inside the project folder (same file system), documents edited
// here are asked about once, and only then is everything moved into place; a failure on the way puts back what was.
import { lstat, mkdir, mkdtemp, readdir, realpath, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { locationProblem, resolveLocation } from '../core/labeling/locations';
import { MAX_DOCUMENT_BYTES, ReadRefused, isInside, mapLimited, readInside } from './boundedRead';

/** What to do with documents edited here that the pull would replace. */
export type ConflictChoice = 'mine' | 'theirs' | 'both';

export interface PullSource {
  /** Whether the local bytes are the remote document's (so it need not be fetched). */
  same(location: string, local: Buffer): boolean;
  fetch(location: string): Promise<Buffer>;
}

export interface PullOptions {
  /** Asked once with every edited document; undefined cancels the pull (nothing is written). */
  decide(edited: readonly string[]): Promise<ConflictChoice | undefined>;
  /** Whether a local document that differs from the remote one is an edit of the user's (else it is replaced). */
  editedHere: boolean;
  /** The name part that marks the pulled copy kept beside an edited document: "notes (from Azure).txt". */
  from: string;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

export interface PullOutcome {
  written: string[];
  kept: string[];
  /** Pulled copies written beside edited documents, by location. */
  beside: string[];
}

/** A pull refused before anything was written, with what to do. */
export class PullRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PullRefused';
  }
}

const FETCH_CONCURRENCY = 8;
/** Staging folders start with a dot: the workspace's document listing skips them. */
const STAGE_PREFIX = '.pull-';
const STALE_STAGE_MS = 3_600_000;

/** Why a file cannot be written at `file` inside `root` (a real path), or undefined when it can. */
async function targetProblem(root: string, file: string): Promise<string | undefined> {
  // The deepest folder on the way that exists must really be inside: a symlinked folder would carry the write out.
  let dir = path.dirname(file);
  for (;;) {
    const real = await realpath(dir).catch(() => undefined);
    if (real !== undefined) {
      if (!isInside(real, root)) return `its folder leads outside the project folder (to ${real})`;
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'its folder cannot be found';
    dir = parent;
  }
  const info = await lstat(file).catch(() => undefined);
  if (info?.isSymbolicLink() === true) return 'it is a link here, and Pull does not write through links';
  if (info !== undefined && !info.isFile()) return 'it is not a regular file here';
  return undefined;
}

/** Every location's file, or a PullRefused naming each one that cannot be written. */
async function checkTargets(folder: string, root: string, locations: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  const files = await mapLimited(locations, FETCH_CONCURRENCY, async (location) => {
    const file = resolveLocation(folder, location);
    const problem =
      file === undefined
        ? (locationProblem(location) ?? 'it is not a path inside the project folder')
        : await targetProblem(root, file);
    if (problem !== undefined) problems.push(`"${location.replace(/\0/g, '\\0')}": ${problem}`);
    return file ?? '';
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).join('; ');
    const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
    throw new PullRefused(
      `Pull stopped before writing anything: ${problems.length} document${problems.length === 1 ? '' : 's'} cannot be written. ${shown}${more}. Pull into a folder without links out of it, or fix the locations on the service.`,
    );
  }
  return files;
}

/** "notes.txt" → "notes (from Azure).txt" */
export function besideName(location: string, from: string): string {
  const ext = path.posix.extname(location);
  const safe = from.replace(/[\\/:*?"<>|]/g, '-');
  return `${location.slice(0, location.length - ext.length)} (from ${safe})${ext}`;
}

/**
 * Writes the documents at `locations` under `folder` from `source`: only those that differ, all or none. Throws
 * PullRefused (nothing written) when a location cannot be written; returns undefined when the user cancels.
 */
export async function pullDocuments(
  folder: string,
  locations: readonly string[],
  source: PullSource,
  options: PullOptions,
): Promise<PullOutcome | undefined> {
  const root = await realpath(folder);
  await removeStaleStages(root);
  const files = await checkTargets(folder, root, locations);
  const local = await readLocal(root, locations, files);
  const changed = locations.flatMap((location, i) => {
    const mine = local[i];
    return mine !== undefined && source.same(location, mine) ? [] : [{ location, file: files[i] ?? '', mine }];
  });
  if (changed.length === 0) return { written: [], kept: [], beside: [] };

  const stage = await mkdtemp(path.join(root, STAGE_PREFIX));
  const outcome = { keepStage: false };
  try {
    let done = 0;
    const staged = await mapLimited(
      changed.map((d, i) => ({ ...d, i })),
      FETCH_CONCURRENCY,
      async (d) => {
        options.signal?.throwIfAborted();
        const content = await source.fetch(d.location);
        const at = path.join(stage, String(d.i));
        await writeFile(at, content);
        options.onProgress?.(++done, changed.length);
        return { ...d, at, edited: options.editedHere && d.mine !== undefined && !d.mine.equals(content) };
      },
    );
    const edited = staged.filter((d) => d.edited).map((d) => d.location);
    const choice = edited.length === 0 ? 'theirs' : await options.decide(edited);
    if (choice === undefined) return undefined;

    const moves: { from: string; to: string; location: string; beside: boolean }[] = [];
    const kept: string[] = [];
    for (const d of staged) {
      if (!d.edited || choice === 'theirs') moves.push({ from: d.at, to: d.file, location: d.location, beside: false });
      else if (choice === 'mine') kept.push(d.location);
      else {
        const location = besideName(d.location, options.from);
        kept.push(d.location);
        moves.push({ from: d.at, to: resolveLocation(folder, location) ?? '', location, beside: true });
      }
    }
    // The copies beside edited documents are new names: checked as the rest were.
    await checkTargets(
      folder,
      root,
      moves.filter((m) => m.beside).map((m) => m.location),
    );
    await moveAll(stage, moves, outcome);
    return {
      written: moves.filter((m) => !m.beside).map((m) => m.location),
      kept,
      beside: moves.filter((m) => m.beside).map((m) => m.location),
    };
  } finally {
    if (!outcome.keepStage) await rm(stage, { recursive: true, force: true });
  }
}

/**
 * The local copies (undefined where there is none). A document that is there but cannot be read (too large, not a
 * regular file, no permission) stops the pull: it is neither compared nor replaced unasked.
 */
async function readLocal(root: string, locations: readonly string[], files: readonly string[]) {
  const problems: string[] = [];
  const local = await mapLimited(files, FETCH_CONCURRENCY, async (file, i) => {
    try {
      return await readInside(root, file, MAX_DOCUMENT_BYTES);
    } catch (error) {
      if (error instanceof ReadRefused && error.reason === 'missing') return undefined;
      problems.push(
        `"${locations[i] ?? file}": ${error instanceof ReadRefused ? error.message : 'it cannot be read here'}`,
      );
      return undefined;
    }
  });
  if (problems.length > 0)
    throw new PullRefused(
      `Pull stopped before writing anything: ${problems.length} document${problems.length === 1 ? '' : 's'} here cannot be read to compare. ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}.`,
    );
  return local;
}

/** Staging folders older than an hour were left by a pull cut short (a crash): their backups are not needed. */
async function removeStaleStages(root: string): Promise<void> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory() || !entry.name.startsWith(STAGE_PREFIX)) continue;
    const stage = path.join(root, entry.name);
    const info = await lstat(stage).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > STALE_STAGE_MS)
      await rm(stage, { recursive: true, force: true });
  }
}

/**
 * Moves staged files into place; on a failure, what was already moved is put back as it was. When even that fails,
 * the stage (with the previous documents) is kept and named.
 */
async function moveAll(
  stage: string,
  moves: readonly { from: string; to: string }[],
  outcome: { keepStage: boolean },
): Promise<void> {
  const undo: (() => Promise<void>)[] = [];
  try {
    for (const [i, m] of moves.entries()) {
      const made = await mkdir(path.dirname(m.to), { recursive: true });
      if (made !== undefined) undo.push(() => rm(made, { recursive: true, force: true }));
      const backup = path.join(stage, `previous-${i}`);
      const had = await rename(m.to, backup).then(
        () => true,
        (error: unknown) => {
          if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return false;
          throw error;
        },
      );
      undo.push(had ? () => rename(backup, m.to) : () => rm(m.to, { force: true }));
      await rename(m.from, m.to);
    }
  } catch (error) {
    for (const step of undo.reverse())
      await step().catch(() => {
        outcome.keepStage = true;
      });
    if (outcome.keepStage)
      throw new Error(
        `Pull stopped halfway and could not put every document back: the previous ones are kept in ${stage}.`,
        { cause: error },
      );
    throw error;
  }
}
