import type { LanguageClient } from '../api/client';
import { readSampleProject, sampleProjects } from '../core/samples';
import { withProgress } from '../platform/progress';

/**
 * Imports the bundled sample projects into the local service; projects that already exist are left alone.
 * Returns the names of the projects imported.
 */
export async function loadSampleProjects(client: LanguageClient, samplesDir: string): Promise<string[]> {
  return await withProgress(
    'Loading sample projects',
    async (report, signal) => {
      const existing = new Set((await client.listProjects({ signal })).map((p) => p.projectName));
      const imported: string[] = [];
      for (const [index, sample] of sampleProjects.entries()) {
        const project = await readSampleProject(samplesDir, sample);
        const name = project.metadata.projectName;
        if (existing.has(name)) continue;
        report({ message: name, percent: ((index + 1) * 100) / sampleProjects.length });
        await client.importProjectAndWait(project, { signal });
        imported.push(name);
      }
      return imported;
    },
    { messageFollows: true },
  );
}
