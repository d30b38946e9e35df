// Reading a saved results file for Open Results File…: refused by its size before a byte is read, so a huge file
// cannot hold up the extension host while it is parsed (a 76 MB file of 10⁶ entities took seconds).
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { decodeText, readInside } from './boundedRead';

/** A job's result for 25 documents of 125,000 characters with thousands of entities each stays well below this. */
export const MAX_RESULTS_FILE_BYTES = 16 * 1024 * 1024;

/** The parsed JSON of a results file; throws a message for the user when it is too large, unreadable or not JSON. */
export async function readResultsFile(file: string, maxBytes = MAX_RESULTS_FILE_BYTES): Promise<unknown> {
  const name = path.basename(file);
  const real = await realpath(file).catch(() => {
    throw new Error(`${name} was not found.`);
  });
  const { size } = await stat(real);
  const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
  if (size > maxBytes)
    throw new Error(
      `${name} is ${mb(size)}; Open Results File… reads results files of at most ${mb(maxBytes)}. Save the result of fewer documents and open that.`,
    );
  // Its own folder as the root: the file the user picked, read bounded (it may grow after the check).
  const text = decodeText(await readInside(path.dirname(real), real, maxBytes));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${name} is not JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
