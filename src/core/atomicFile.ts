// Crash-safe file writes: write a temporary file, fsync it, rename it over the target, fsync the directory.
// A kill -9 at any moment leaves either the old file or the new one, never a torn one.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export const TEMP_SUFFIX = '.tmp';

export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = `${file}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
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
