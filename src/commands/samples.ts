import * as vscode from 'vscode';
import type { LanguageClient } from '../api/client';
import { readSampleProject, sampleProjects } from '../core/samples';

/**
 * Imports the bundled sample projects into the local service; projects that already exist are left alone.
 * Returns the names of the projects imported.
 */
export async function loadSampleProjects(client: LanguageClient, samplesDir: string): Promise<string[]> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Loading sample projects', cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => {
        abort.abort();
      });
      try {
        const existing = new Set((await client.listProjects({ signal: abort.signal })).map((p) => p.projectName));
        const imported: string[] = [];
        for (const sample of sampleProjects) {
          const project = await readSampleProject(samplesDir, sample);
          const name = project.metadata.projectName;
          if (existing.has(name)) continue;
          progress.report({ message: name, increment: 100 / sampleProjects.length });
          await client.importProjectAndWait(project, { signal: abort.signal });
          imported.push(name);
        }
        return imported;
      } finally {
        cancel.dispose();
      }
    },
  );
}
