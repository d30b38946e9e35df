// Containers: the local stand-in for blob containers. A container is a directory; a document's location is a
// relative path inside it and may never lead outside it (no absolute paths, no "..", no symlink escapes).
import { constants } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { BlobContainers } from './blobContainers';
import type { BlobSource } from './blobContainers';
import { MAX_DOCUMENT_BYTES, documentText, documentTooLarge } from './documents';
import { badRequest } from './errors';
import type { ServiceError } from './errors';

export interface ContainersOptions {
  /** Every subfolder of this directory is a container named after it. */
  dir?: string;
  /** Extra containers: name → directory (workspace folders, bundled sample data). */
  folders?: Record<string, string>;
  /** Read every container from this Blob service instead of folders (as Azure reads its storage account). */
  blob?: BlobSource;
}

// Non-blocking, so opening a FIFO returns at once (and fstat refuses it); no following a link swapped in after
// realpath. Windows has neither flag (undefined there, whatever the types say).
const flag = (value: number | undefined): number => value ?? 0;
const OPEN_FLAGS = constants.O_RDONLY | flag(constants.O_NONBLOCK) | flag(constants.O_NOFOLLOW);

/** Checks a location's shape before touching the disk; returns the normalised relative path. */
export function checkLocation(location: string): string {
  const unsafe = (why: string): ServiceError =>
    badRequest(`Document location "${location}" is not a path inside its container: ${why}.`, 'InvalidDocument');
  if (location.length === 0) throw unsafe('it is empty');
  if (location.includes('\0')) throw unsafe('it contains a NUL character');
  if (path.isAbsolute(location) || path.win32.isAbsolute(location) || /^[A-Za-z]:/.test(location)) {
    throw unsafe('absolute paths are not allowed');
  }
  const segments = location.split(/[\\/]/);
  if (segments.some((s) => s === '..')) throw unsafe('".." segments are not allowed');
  return segments.filter((s) => s !== '' && s !== '.').join('/');
}

export class Containers {
  private dir: string | undefined;
  private folders: Record<string, string>;
  private readonly blob: BlobContainers | undefined;

  constructor(options: ContainersOptions = {}) {
    this.dir = options.dir;
    this.folders = { ...(options.folders ?? {}) };
    this.blob = options.blob === undefined ? undefined : new BlobContainers(options.blob);
  }

  setFolders(folders: Record<string, string>): void {
    this.folders = { ...folders };
  }

  /** Container names currently available. */
  async list(): Promise<string[]> {
    if (this.blob !== undefined) return this.blob.list();
    const names = new Set(Object.keys(this.folders));
    if (this.dir !== undefined) {
      const entries = await readdir(this.dir, { withFileTypes: true }).catch(() => []);
      for (const e of entries) if (e.isDirectory()) names.add(e.name);
    }
    return [...names].sort();
  }

  private async containerRoot(name: string): Promise<string> {
    const mapped = Object.hasOwn(this.folders, name) ? this.folders[name] : undefined;
    let root = mapped;
    if (
      root === undefined &&
      this.dir !== undefined &&
      name !== '' &&
      !/[\\/]/.test(name) &&
      name !== '.' &&
      name !== '..'
    ) {
      root = path.join(this.dir, name);
    }
    const real = root === undefined ? undefined : await realpath(root).catch(() => undefined);
    if (real === undefined || !(await stat(real)).isDirectory()) {
      const known = await this.list();
      throw badRequest(
        `Storage container "${name}" was not found. Known containers: ${known.length > 0 ? known.join(', ') : '(none)'}.`,
        'InvalidParameterValue',
      );
    }
    return real;
  }

  /** Checks that the container exists (project creation). */
  async assertExists(name: string): Promise<void> {
    if (this.blob !== undefined) {
      await this.blob.assertExists(name);
      return;
    }
    await this.containerRoot(name);
  }

  /** Reads a document's text, refusing anything that resolves outside the container. */
  async readDocument(container: string, location: string): Promise<string> {
    const relative = checkLocation(location);
    if (this.blob !== undefined) return this.blob.readDocument(container, relative);
    const root = await this.containerRoot(container);
    const real = await realpath(path.join(root, relative)).catch(() => undefined);
    if (real === undefined) {
      throw badRequest(`Document "${location}" was not found in container "${container}".`, 'InvalidDocument');
    }
    if (real !== root && !real.startsWith(root + path.sep)) {
      throw badRequest(`Document location "${location}" resolves outside container "${container}".`, 'InvalidDocument');
    }
    const handle = await open(real, OPEN_FLAGS).catch(() => undefined);
    if (handle === undefined)
      throw badRequest(`Document "${location}" in container "${container}" could not be opened.`, 'InvalidDocument');
    try {
      // Type and size from the open file itself, so what is checked is what is read.
      const info = await handle.stat();
      if (!info.isFile())
        throw badRequest(`Document "${location}" in container "${container}" is not a file.`, 'InvalidDocument');
      if (info.size > MAX_DOCUMENT_BYTES) throw documentTooLarge(location, container);
      // One byte more than the size says: a file that grows meanwhile is noticed, and never read past the bound.
      const buffer = Buffer.alloc(info.size + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length === buffer.length) break;
      }
      if (length > info.size) {
        throw badRequest(
          `Document "${location}" in container "${container}" changed while it was read.`,
          'InvalidDocument',
        );
      }
      return documentText(buffer.subarray(0, length), location, container);
    } finally {
      await handle.close();
    }
  }
}
