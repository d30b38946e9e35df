// Crash-safe file writes: write a temporary file, fsync it, rename it over the target, fsync the directory.
// A kill -9 at any moment leaves either the old file or the new one, never a torn one (and, at worst, a temporary
// file named `<file>.<12 hex digits>.tmp`, which removeStaleTemps clears). The file keeps its permissions.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';

export const TEMP_SUFFIX = '.tmp';

export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await writeFileAtomicStat(file, content);
}

/** writeFileAtomic, returning the written file's status (a rename keeps its inode, size and mtime). */
export async function writeFileAtomicStat(file: string, content: string | Uint8Array): Promise<Stats> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = `${file}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
  // A file readable only by its owner (0600) stays so: the temporary file replacing it gets its mode.
  const mode = await stat(file).then(
    (info) => info.mode & 0o7777,
    () => undefined,
  );
  let written: Stats;
  try {
    const handle = await open(temp, 'w', mode ?? 0o666);
    try {
      if (mode !== undefined) await handle.chmod(mode); // The umask must not narrow or widen it.
      await handle.writeFile(content);
      await handle.sync();
      written = await handle.stat();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
  return written;
}

/**
 * Writes `content` atomically only when the file's bytes differ (or it does not exist), so an unchanged save
 * leaves the file, its mtime and git alone. Returns whether it wrote.
 */
export async function writeFileIfChanged(file: string, content: string): Promise<boolean> {
  let current: Buffer | undefined;
  try {
    current = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const bytes = Buffer.from(content, 'utf8');
  if (current?.equals(bytes)) return false;
  await writeFileAtomic(file, bytes);
  return true;
}

/** Makes a rename durable; not every platform lets a directory be opened, so failures are ignored. */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort (e.g. Windows).
  }
}

/** Removes the temporary files a killed writeFileAtomic of `file` left (its naming only), older than `minAgeMs`. */
export async function removeStaleTemps(file: string, minAgeMs: number, now = Date.now()): Promise<string[]> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !/^[0-9a-f]{12}\.tmp$/.test(name.slice(prefix.length))) continue;
    const temp = path.join(dir, name);
    const info = await stat(temp).catch(() => undefined);
    if (!info?.isFile() || now - info.mtimeMs < minAgeMs) continue; // A write under way, or not ours.
    await rm(temp, { force: true });
    removed.push(temp);
  }
  return removed;
}
