// Document locations: paths inside the folder that holds the labels file, "/" between folders.
import path from 'node:path';

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}

/** Why `location` cannot name a document inside the container, or undefined when it can. */
export function locationProblem(location: string): string | undefined {
  // No file system takes a NUL; other control characters make names no one can type.
  if (hasControlCharacter(location)) return 'remove the control character (such as NUL) from the path';
  if (location.includes('\\')) return `use "/" between folders, not "\\"`;
  if (location.startsWith('/') || /^[A-Za-z]:/.test(location))
    return 'use a path relative to the folder of the labels file, not an absolute one';
  const segments = location.split('/');
  if (segments.some((s) => s === '..')) return 'the document must be inside the folder of the labels file';
  if (segments.some((s) => s === '' || s === '.')) return 'remove empty or "." parts of the path';
  return undefined;
}

/** The file a location names under `folder`, or undefined when the location points outside it. */
export function resolveLocation(folder: string, location: string): string | undefined {
  if (locationProblem(location) !== undefined) return undefined;
  const file = path.resolve(folder, ...location.split('/'));
  const rel = path.relative(folder, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? undefined : file;
}

/** The location of a file inside `folder`, or undefined when it is not inside. */
export function locationOf(folder: string, file: string): string | undefined {
  const rel = path.relative(folder, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}
