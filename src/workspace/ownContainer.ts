// Which local container is a project's own folder: a sample project opened from the workspace reaches the folder
// the local service maps to its container through another path (a link), and stays the same project.
import { realpath } from 'node:fs/promises';

/** The container whose folder is `folder` (symlinks resolved on both sides), if there is one. */
export async function ownContainer(containers: Record<string, string>, folder: string): Promise<string | undefined> {
  const real = async (path: string): Promise<string> => await realpath(path).catch(() => path);
  const wanted = await real(folder);
  for (const [name, path] of Object.entries(containers)) if ((await real(path)) === wanted) return name;
  return undefined;
}
