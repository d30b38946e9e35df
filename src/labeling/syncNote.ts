// The Labeling view's note on a project: per connection, whether the service's copy agrees with the labels file
// (once compared) or else whether the file still matches what was last pushed or pulled, and when (kept in
// workspaceState by Push to… and Pull from…).
import type * as vscode from 'vscode';
import { serializeLabelsFile } from '../core/labeling/canonical';
import { SYNC_STATE_KEY, describeSync, parseSyncState, sha256 } from '../core/syncState';
import type { LabelingProject } from './projects';
import type { ServiceComparisons } from './serviceComparisons';

export function syncNote(
  state: vscode.Memento,
  project: LabelingProject,
  comparisons?: ServiceComparisons,
): string | undefined {
  const records = parseSyncState(state.get(SYNC_STATE_KEY))[project.labelsFile];
  if (records === undefined || project.project === undefined) return undefined;
  // The file as the extension writes it: the text on disk once its last write has landed.
  return describeSync(
    records,
    sha256(serializeLabelsFile(project.project.file, project.project.eol)),
    new Date(),
    (connectionId) => comparisons?.get(project, connectionId),
  );
}
