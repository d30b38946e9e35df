// The texts of a project's listed documents, read the one bounded way (boundedRead): inside the project folder,
// regular files only, never past the service's limit, a few at a time.
import path from 'node:path';
import { resolveLocation } from '../core/labeling/locations';
import { MAX_DOCUMENT_BYTES, ReadRefused, decodeText, mapLimited, readDocumentInside, readInside } from './boundedRead';

/** Reads at a time: a project of 10,000 documents must not open 10,000 files at once (EMFILE). */
export const READ_CONCURRENCY = 8;

/** A document that was not read, and why ("leads outside its project folder …"), in words for the user. */
export interface Refusal {
  location: string;
  /** 'location': not a path inside the folder at all (the labels file's validation names those itself). */
  reason: ReadRefused['reason'] | 'location';
  why: string;
}

function refusalOf(location: string, error: unknown): Refusal {
  if (error instanceof ReadRefused) {
    // The reader's message starts with the file's name; the user knows the document by its location.
    const base = path.posix.basename(location);
    const why = error.message.startsWith(`${base} `) ? error.message.slice(base.length + 1) : error.message;
    return { location, reason: error.reason, why: why.replace(/\.$/, '') };
  }
  const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
  const why = code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : 'cannot be read';
  return { location, reason: 'missing', why };
}

function badLocation(location: string): Refusal {
  return { location, reason: 'location', why: 'is not a path inside the project folder' };
}

/** Each location's text, or why it was not read. */
export async function readDocuments(
  folder: string,
  locations: readonly string[],
): Promise<Map<string, string | Refusal>> {
  const texts = await mapLimited(locations, READ_CONCURRENCY, async (location): Promise<string | Refusal> => {
    const file = resolveLocation(folder, location);
    if (file === undefined) return badLocation(location);
    return readDocumentInside(folder, file).catch((error: unknown) => refusalOf(location, error));
  });
  return new Map(locations.map((l, i) => [l, texts[i] ?? badLocation(l)]));
}

/** Each location's bytes (as sent to blob storage), or why they were not read. */
export async function readDocumentBytes(
  folder: string,
  locations: readonly string[],
  maxBytes: number,
): Promise<(Buffer | Refusal)[]> {
  return mapLimited(locations, READ_CONCURRENCY, async (location): Promise<Buffer | Refusal> => {
    const file = resolveLocation(folder, location);
    if (file === undefined) return badLocation(location);
    return readInside(folder, file, maxBytes).catch((error: unknown) => refusalOf(location, error));
  });
}

/**
 * The text of each listed document, by location; undefined when it is missing or refused (outside the folder, not a
 * regular file, too large): nothing outside the folder is ever read.
 */
export async function readDocumentTexts(
  folder: string,
  locations: readonly string[],
): Promise<Map<string, string | undefined>> {
  const read = await readDocuments(folder, locations);
  return new Map([...read].map(([l, t]) => [l, typeof t === 'string' ? t : undefined]));
}

/** The refusals among documents read, other than missing ones and bad locations (validation reports those). */
export function refusalsOf(read: ReadonlyMap<string, string | Refusal>): Refusal[] {
  return [...read.values()].filter(
    (t): t is Refusal => typeof t !== 'string' && t.reason !== 'missing' && t.reason !== 'location',
  );
}

/** "a.txt leads outside …; b.txt is not a regular file …; and 3 more" */
export function describeRefusals(refusals: readonly Refusal[], shown = 3): string {
  const listed = refusals.slice(0, shown).map((r) => `${r.location} ${r.why}`);
  const more = refusals.length - listed.length;
  return `${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`;
}

/** Files read for Analyze Folder: each one's text, or why it was not read (a link out of the folder, a device…). */
export async function readFolderTexts(
  folder: string,
  files: readonly string[],
): Promise<({ text: string } | { refused: string })[]> {
  return mapLimited(files, READ_CONCURRENCY, async (file) => {
    try {
      return { text: decodeText(await readInside(folder, file, MAX_DOCUMENT_BYTES)) };
    } catch (error) {
      return { refused: refusalOf(path.basename(file), error).why };
    }
  });
}
