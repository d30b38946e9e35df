// One labels file as this window keeps it: the text it shows (`current`), the version it last read or wrote
// (`base`) and what the file on disk was then (size, mtime, inode and a hash of its bytes). The disk is compared
// with that record, not with texts seen before: a `git checkout` back to an older text is news. Before each write
// the file is checked again; when someone else wrote it meanwhile (another window, a hand edit, git), the two
// versions are merged document by document (mergeLabels.ts), or the conflict is handed back for the user to
// decide. Writers of this machine take a lock around check-and-write, so two windows never write past each other.
import { createHash, randomBytes } from 'node:crypto';
import {
  link,
  lstat,
  mkdir,
  open,
  readFile as readText,
  realpath,
  rename,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { removeStaleTemps, writeFileAtomicStat } from '../core/atomicFile';
import type { LineEnding } from '../core/labeling/canonical';
import { serializeLabelsFile } from '../core/labeling/canonical';
import type { Diagnostic } from '../core/labeling/diagnostics';
import { looksLikeLabelsFile } from '../core/labeling/looksLikeLabelsFile';
import type { LabelsFile } from '../core/labeling/model';
import { decodeLabelsBytes, parseLabelsFile } from '../core/labeling/parseLabels';
import { MAX_LABELS_FILE_BYTES, ReadRefused, isInside, realFileInside } from './boundedRead';
import { mergeLabels } from './mergeLabels';

/**
 * A labels file's content: parsed (with the text read, when it was read; a label action's text is written only when
 * asked for, see `textOf`, so that the views hear of the change first), or its text and why it does not parse.
 */
export type LabelsState =
  | { ok: true; file: LabelsFile; read?: string; eol: LineEnding; bom: boolean }
  | { ok: false; text: string; problems: Diagnostic[] };

const written = new WeakMap<LabelsFile, string>();

/** A state's text, without its BOM: the text read, or the canonical text of its file (made once per file). */
export function textOf(state: LabelsState): string {
  if (!state.ok) return state.text;
  if (state.read !== undefined) return state.read;
  let text = written.get(state.file);
  if (text === undefined) {
    text = serializeLabelsFile(state.file, state.eol);
    written.set(state.file, text);
  }
  return text;
}

interface Stamp {
  size: number;
  mtimeMs: number;
  ino: number;
  hash: string;
}

export type LoadOutcome =
  /** The file is what this store last read or wrote. */
  | { kind: 'unchanged' }
  /** Not a labels file (any more), or gone. */
  | { kind: 'notLabels' }
  | { kind: 'refused'; message: string }
  /** Changed outside; taken as is (nothing of this window's was waiting to be written). */
  | { kind: 'loaded' }
  /** Changed outside and merged with this window's changes not yet written; `save` writes the result. */
  | { kind: 'merged'; fromDisk: string[] }
  | Conflict;

export type SaveOutcome =
  | { kind: 'saved' | 'unchanged' }
  /** Someone else wrote the file meanwhile: merged, then written. */
  | { kind: 'merged'; fromDisk: string[] }
  | Conflict
  | { kind: 'failed'; message: string };

/** A text written as given (Pull): not written when someone else changed the file meanwhile (nothing is merged). */
export type ReplaceOutcome =
  { kind: 'saved' | 'unchanged' } | { kind: 'changedOutside' } | { kind: 'failed'; message: string };

/** Both sides changed the same documents (or the settings) differently: nothing was written; see `resolve`. */
export interface Conflict {
  kind: 'conflict';
  documents: string[];
  reason: string;
}

/** Temporary files of a killed write older than this are removed when the project is opened. */
export const STALE_TEMP_MS = 60_000;
/** How long a save waits for another window's write; then it fails, and is tried again later. */
const LOCK_WAIT_MS = 5_000;
/**
 * A lock left by a window that is gone is taken over at once; one older than this even when its process number
 * seems alive (it may be another process's now): no write takes that long.
 */
const LOCK_MAX_AGE_MS = 60_000;
/** How much of a file is looked at before reading it whole to find out whether it is a labels file. */
const PEEK_BYTES = 64 * 1024;

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The state of a text; the text kept without its BOM (the editor shows none), which `bom` remembers. */
function stateOf(raw: string): LabelsState {
  const parsed = parseLabelsFile(raw);
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return parsed.ok
    ? { ok: true, file: parsed.file, read: text, eol: parsed.eol, bom: parsed.bom }
    : { ok: false, text, problems: parsed.diagnostics };
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const codeOf = (error: unknown): string | undefined =>
  error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;

/** Why a write failed, in words for the user rather than a system error's text. */
function writeProblem(error: unknown, file: string): string {
  const name = path.basename(file);
  const code = codeOf(error);
  if (code === 'EACCES' || code === 'EPERM') return `${name} or its folder may not be written (permission denied).`;
  if (code === 'ENOSPC' || code === 'EDQUOT') return `The disk is full: ${name} was not written.`;
  if (code === 'EROFS') return `${name} is on a read-only disk.`;
  if (code === 'ENOENT') return `${name} or its folder is gone.`;
  if (code !== undefined) return `${name} could not be written (${code}).`;
  return message(error);
}

export class LabelsFileStore {
  private base: LabelsState;
  /** Reads and writes of this store, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private stamp: Stamp | undefined;
  /** The disk's version when a conflict was reported, until `resolve`. */
  private theirs: { state: LabelsState; stamp: Stamp } | undefined;
  /**
   * How many times a change made outside was taken into `current` (loaded, merged, or the disk's side of a
   * conflict): a state from before would take it back, so an undo history of such states is void.
   */
  outsideChanges = 0;
  private constructor(
    /** The labels file's path as the workspace names it (maybe a link). */
    readonly file: string,
    /** The folder it may not lead out of: links to a file outside it are neither read nor written. */
    readonly root: string,
    /** What this window shows: the base plus changes not yet written. */
    public current: LabelsState,
    stamp: Stamp | undefined,
  ) {
    this.base = current;
    this.stamp = stamp;
  }

  /**
   * Opens a labels file: undefined when it is not one, or a note saying why it was skipped (too large, not a
   * regular file) when its name says it should be one. Removes the temporary files a killed write left.
   */
  static async open(file: string, root: string): Promise<LabelsFileStore | { skipped: string | undefined }> {
    const labelsNamed = file.toLowerCase().endsWith('.labels.json');
    let read: { stamp: Stamp; bytes: Buffer; real: string } | undefined;
    try {
      read = await readFile(root, file, true);
    } catch (error) {
      return { skipped: labelsNamed && error instanceof ReadRefused ? error.message : undefined };
    }
    if (!read) return { skipped: undefined };
    const decoded = decodeLabelsBytes(read.bytes);
    const text = decoded.ok ? decoded.text : read.bytes.toString('latin1');
    if (!looksLikeLabelsFile(text)) return { skipped: undefined };
    await removeStaleTemps(read.real, STALE_TEMP_MS).catch(() => []);
    const state: LabelsState = decoded.ok ? stateOf(text) : { ok: false, text, problems: [decoded.diagnostic] };
    return new LabelsFileStore(path.resolve(file), root, state, read.stamp);
  }

  /** A new labels file with `text` (New Project, Pull into an empty folder): written at once. */
  static async create(file: string, root: string, text: string): Promise<LabelsFileStore> {
    const store = new LabelsFileStore(path.resolve(file), root, stateOf(text), undefined);
    const outcome = await store.save(true);
    if (outcome.kind === 'failed') throw new Error(outcome.message);
    return store;
  }

  /** Sets what this window shows (a label action, undo, Pull); `save` writes it. */
  set(file: LabelsFile): void {
    const { eol, bom } = this.current.ok ? this.current : { eol: '\n' as const, bom: false };
    this.current = { ok: true, file, eol, bom };
  }

  /**
   * Sets the whole text (Pull) and writes it as given, only over the version this store last read or wrote: when
   * someone else changed the file meanwhile, nothing is merged and nothing written. When the text is not written,
   * `current` goes back to what it was (unless a label action changed it since: that is written by the next save).
   */
  async replaceText(text: string): Promise<ReplaceOutcome> {
    const state = stateOf(text);
    if (!state.ok) return { kind: 'failed', message: state.problems.map((p) => p.message).join(' ') };
    const before = this.current;
    const given: LabelsState = { ...state, bom: state.bom || (before.ok && before.bom) };
    this.current = given;
    const outcome = await this.serial(() => this.replaceNow(given));
    if (outcome.kind !== 'saved' && outcome.kind !== 'unchanged' && this.current === given) this.current = before;
    return outcome;
  }

  /** Whether this window has changes the file does not have yet. */
  get dirty(): boolean {
    return this.current !== this.base && textOf(this.current) !== textOf(this.base);
  }

  /** Reads the file again (its watcher fired): see LoadOutcome. */
  load(): Promise<LoadOutcome> {
    return this.serial(() => this.loadNow());
  }

  /**
   * Writes what this window shows when the file lacks it: checks first that the file is still what this store
   * last read or wrote, else merges with it (see SaveOutcome). Never throws.
   */
  save(create = false): Promise<SaveOutcome> {
    return this.serial(() => this.saveNow(create));
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async loadNow(): Promise<LoadOutcome> {
    let disk: { state: LabelsState; stamp: Stamp } | 'same' | undefined;
    try {
      disk = await this.readIfChanged();
    } catch (error) {
      return error instanceof ReadRefused ? { kind: 'refused', message: error.message } : { kind: 'notLabels' };
    }
    if (disk === 'same') return { kind: 'unchanged' };
    if (!disk || !looksLikeLabelsFile(textOf(disk.state))) return { kind: 'notLabels' };
    if (!this.dirty) {
      this.base = this.current = disk.state;
      this.stamp = disk.stamp;
      this.outsideChanges++;
      return { kind: 'loaded' };
    }
    const merged = this.merge(disk);
    return merged.kind === 'merged' ? { kind: 'merged', fromDisk: merged.fromDisk } : merged;
  }

  private async saveNow(create: boolean): Promise<SaveOutcome> {
    try {
      const target = await this.target(create);
      return await withLock(target, async () => {
        let fromDisk: string[] | undefined;
        const disk = create ? 'same' : await this.readIfChanged();
        if (disk !== 'same') {
          if (!disk) return { kind: 'failed', message: `${path.basename(this.file)} is gone.` };
          const merged = this.merge(disk);
          if (merged.kind === 'conflict') return merged;
          fromDisk = merged.fromDisk;
        }
        const state = this.current;
        if (!state.ok) return { kind: 'unchanged' };
        if (!create && !this.differs(state)) return fromDisk ? { kind: 'merged', fromDisk } : { kind: 'unchanged' };
        await this.write(target, state);
        return fromDisk ? { kind: 'merged', fromDisk } : { kind: 'saved' };
      });
    } catch (error) {
      return { kind: 'failed', message: writeProblem(error, this.file) };
    }
  }

  private async replaceNow(state: LabelsState): Promise<ReplaceOutcome> {
    try {
      const target = await this.target(false);
      return await withLock(target, async () => {
        if ((await this.readIfChanged()) !== 'same') return { kind: 'changedOutside' };
        if (!this.differs(state)) return { kind: 'unchanged' };
        await this.write(target, state);
        return { kind: 'saved' };
      });
    } catch (error) {
      return { kind: 'failed', message: writeProblem(error, this.file) };
    }
  }

  private differs(state: LabelsState): boolean {
    return textOf(state) !== textOf(this.base) || (state.ok && this.base.ok && state.bom !== this.base.bom);
  }

  /** Writes `state` (under the lock, the disk checked): it becomes the base. */
  private async write(target: string, state: LabelsState): Promise<void> {
    const text = textOf(state);
    const bytes = Buffer.from(state.ok && state.bom ? `\uFEFF${text}` : text, 'utf8');
    const info = await writeFileAtomicStat(target, bytes);
    this.base = state;
    this.stamp = { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, hash: sha256(bytes) };
  }

  /** Settles a conflict: keep this window's version (written over the other) or take the disk's. */
  resolve(choice: 'mine' | 'theirs'): void {
    const theirs = this.theirs;
    if (!theirs) return;
    this.theirs = undefined;
    this.base = theirs.state;
    this.stamp = theirs.stamp;
    if (choice === 'theirs') {
      this.current = theirs.state;
      this.outsideChanges++;
    }
  }

  /** Merges the disk's version into this window's; the disk's becomes the base. */
  private merge(disk: { state: LabelsState; stamp: Stamp }): { kind: 'merged'; fromDisk: string[] } | Conflict {
    const { base, current } = this;
    const theirs = disk.state;
    if (!current.ok || !theirs.ok || !base.ok) {
      this.theirs = disk;
      const reason = theirs.ok ? 'this window’s version does not parse' : 'the file on disk does not parse';
      return { kind: 'conflict', documents: [], reason };
    }
    const merged = mergeLabels(base.file, current.file, theirs.file);
    if (!merged.ok) {
      this.theirs = disk;
      return { kind: 'conflict', documents: merged.documents, reason: merged.reason };
    }
    this.base = theirs;
    this.stamp = disk.stamp;
    this.set(merged.file);
    this.outsideChanges++;
    return { kind: 'merged', fromDisk: merged.fromDisk };
  }

  /** The file as it is on disk, or 'same' when it is what this store last read or wrote; undefined when gone. */
  private async readIfChanged(): Promise<{ state: LabelsState; stamp: Stamp } | 'same' | undefined> {
    const stamp = this.stamp;
    if (stamp) {
      const info = await stat(this.file).catch(() => undefined);
      if (info && info.size === stamp.size && info.mtimeMs === stamp.mtimeMs && info.ino === stamp.ino) return 'same';
    }
    let read;
    try {
      read = await readFile(this.root, this.file, false);
    } catch (error) {
      if (error instanceof ReadRefused && error.reason === 'missing') return undefined;
      throw error;
    }
    if (!read) return undefined;
    if (stamp && read.stamp.hash === stamp.hash) {
      this.stamp = read.stamp; // Touched, or copied back unchanged: the same bytes.
      return 'same';
    }
    const decoded = decodeLabelsBytes(read.bytes);
    const state: LabelsState = decoded.ok
      ? stateOf(decoded.text)
      : { ok: false, text: read.bytes.toString('latin1'), problems: [decoded.diagnostic] };
    return { state, stamp: read.stamp };
  }

  /**
   * Where to write: the file, or through its links when they stay inside the root. A new file's folder is
   * resolved too: a folder linking outside the workspace must not receive it.
   */
  private async target(create: boolean): Promise<string> {
    const real = await realpath(this.file).catch((error: unknown) => {
      if (create && codeOf(error) === 'ENOENT') return realPathToBe(this.file);
      throw error;
    });
    const root = await realpath(this.root).catch(() => this.root);
    if (real !== this.file && !isInside(real, root))
      throw new Error(
        `${path.basename(this.file)} leads outside the workspace folder (to ${real}): it is not written.`,
      );
    return real;
  }
}

/**
 * Reads a labels file: its status taken before its bytes (so a write in between shows as a change later, never
 * as no change). With `peek`, only files that may be labels files are read whole: a glance at the first bytes.
 */
async function readFile(
  root: string,
  file: string,
  peek: boolean,
): Promise<{ stamp: Stamp; bytes: Buffer; real: string } | undefined> {
  const { real } = await realFileInside(root, file);
  const handle = await open(real, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile())
      throw new ReadRefused('notFile', `${path.basename(file)} is not a regular file and is not read.`);
    if (info.size > MAX_LABELS_FILE_BYTES)
      throw new ReadRefused(
        'tooLarge',
        `${path.basename(file)} is larger than ${MAX_LABELS_FILE_BYTES / (1024 * 1024)} MB and is not read as a labels file.`,
      );
    if (peek && !file.toLowerCase().endsWith('.labels.json')) {
      const head = Buffer.alloc(Math.min(PEEK_BYTES, info.size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      if (!mayBeLabelsFile(head.subarray(0, bytesRead).toString('latin1'))) return undefined;
    }
    const bytes = Buffer.alloc(info.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    const content = bytes.subarray(0, filled);
    return {
      stamp: { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, hash: sha256(content) },
      bytes: content,
      real,
    };
  } finally {
    await handle.close();
  }
}

/** A JSON object whose first bytes name a labels file's keys (the keys may come in any order, so any of them). */
function mayBeLabelsFile(head: string): boolean {
  return (
    /^(\uFEFF|\xEF\xBB\xBF)?\s*\{/.test(head) && /"(projectFileVersion|metadata|assets|stringIndexType)"/.test(head)
  );
}

/** The real path a file not there yet will have: its nearest existing folder resolved, the rest as named. */
async function realPathToBe(file: string): Promise<string> {
  let folder = path.dirname(file);
  for (;;) {
    try {
      return path.join(await realpath(folder), path.relative(folder, file));
    } catch (error) {
      if (codeOf(error) !== 'ENOENT' || path.dirname(folder) === folder) throw error;
      folder = path.dirname(folder);
    }
  }
}

/** This user's lock folder: other users' windows have their own (a shared one would not be writable by all). */
function lockFolder(): string {
  return path.join(tmpdir(), `custom-text-locks-${process.getuid?.() ?? userInfo().username}`);
}

/** The lock of a (real) file path. */
export function lockOf(file: string): string {
  return path.join(lockFolder(), createHash('sha256').update(file).digest('hex').slice(0, 32));
}

/**
 * Runs `work` while holding this machine's lock on `file`: a file in the temp folder (nothing appears in the
 * workspace) naming the process that holds it. A lock whose process is gone was left by a killed window and is
 * taken over at once; a live writer is waited for, however long its write takes, up to LOCK_WAIT_MS.
 */
async function withLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const folder = lockFolder();
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const info = await lstat(folder);
  if (!info.isDirectory() || (process.getuid !== undefined && info.uid !== process.getuid()))
    throw new Error(`The lock folder ${folder} belongs to another user: remove it, then save again.`);
  const lock = lockOf(file);
  const token = `${process.pid} ${randomBytes(8).toString('hex')}`;
  const started = Date.now();
  while (!(await tryLock(lock, token))) {
    if (Date.now() - started > LOCK_WAIT_MS)
      throw new Error(`${path.basename(file)} is being written by another window.`);
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 10));
  }
  try {
    return await work();
  } finally {
    // Only our own: a lock taken over meanwhile is someone else's now.
    if ((await readText(lock, 'utf8').catch(() => undefined)) === token) await unlink(lock).catch(() => undefined);
  }
}

/** Takes the lock when it is free; removes it when its holder is gone (the next try takes it). */
async function tryLock(lock: string, token: string): Promise<boolean> {
  // Made whole, then linked: a lock is never seen without its holder's name.
  const temp = `${lock}.${randomBytes(6).toString('hex')}.new`;
  await writeFile(temp, token, { mode: 0o600 });
  try {
    await link(temp, lock);
    return true;
  } catch (error) {
    if (codeOf(error) !== 'EEXIST') throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  if (!(await isStale(lock))) return false;
  // Renamed away first: of two windows finding it stale, only one moves it.
  const moved = `${lock}.${randomBytes(6).toString('hex')}.stale`;
  if (
    !(await rename(lock, moved).then(
      () => true,
      () => false,
    ))
  )
    return false;
  // A new lock taken between the look and the rename is put back (unless yet another was taken).
  if (!(await isStale(moved))) await link(moved, lock).catch(() => undefined);
  await unlink(moved).catch(() => undefined);
  return false;
}

async function isStale(lock: string): Promise<boolean> {
  const [holder, info] = await Promise.all([readText(lock, 'utf8'), stat(lock)]).catch(() => [undefined, undefined]);
  if (holder === undefined || info === undefined) return false; // Gone: the next try takes it.
  if (Date.now() - info.mtimeMs > LOCK_MAX_AGE_MS) return true;
  const pid = Number.parseInt(holder, 10);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0); // Signal 0: only asks whether the process is there.
    return false;
  } catch (error) {
    return codeOf(error) !== 'EPERM';
  }
}
