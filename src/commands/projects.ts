import type { CommandDeps } from './deps';
import { refreshConnection } from './refresh';
import { isNode } from './targets';
import { reportStatus, watchJob } from './watch';

/** Deletes a project with its models and deployments, after the user confirms. */
export async function deleteProject(deps: CommandDeps, target: unknown): Promise<boolean> {
  if (!isNode(target, 'project')) return false;
  const name = target.project.projectName;
  const question = `Delete the project “${name}” with all its labels, trained models and deployments? This cannot be undone.`;
  if (!(await deps.prompter.confirm(question, 'Delete Project'))) return false;
  const client = await deps.client(target.connection);
  try {
    const done = await watchJob(`Deleting project ${name}`, 'the deletion', (report, signal) =>
      client.deleteProjectAndWait(name, { signal, onProgress: reportStatus(report) }),
    );
    return done !== undefined;
  } finally {
    refreshConnection(deps, target.connection);
  }
}
