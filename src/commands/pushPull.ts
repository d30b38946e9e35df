// Push to… and Pull from…: a workspace project (its labels file beside its documents) sent to a connection and
// brought back. Push refuses a file with errors, puts the documents where that connection reads them (the
// workspace folder for the local service, the linked storage account's blob container for Azure: only the changed
// ones), then imports, asking before it replaces a project whose labels differ. Pull exports into the labels file,
// showing a diff first when the workspace copy has changes of its own.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path, { basename, dirname, join, posix, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import type { ExportedProject } from '../contract/labels';
import { writeFileAtomic } from '../core/atomicFile';
import { blobContainerNameFor, isBlobContainerName } from '../core/blobContainerName';
import { localConnectionId } from '../core/connection';
import type { Connection } from '../core/connection';
import { serializeLabelsFile } from '../core/labeling/canonical';
import type { LineEnding } from '../core/labeling/canonical';
import { parseLabelsFile } from '../core/labeling/parseLabels';
import { relocateToContainer } from '../core/labelsFile';
import { readLabelsFile, readLabelsText } from '../workspace/labelsFile';
import { SYNC_STATE_KEY, labelsHashOf, parseSyncState, sha256, withRecord } from '../core/syncState';
import type { SyncRecord } from '../core/syncState';
import { withProgress } from '../platform/progress';
import { workspaceContainerOf } from '../platform/workspace';
import { contentMd5 } from '../storage/blobStore';
import type { BlobDocument, BlobStore } from '../storage/blobStore';
import { MAX_DOCUMENT_BYTES, ReadRefused } from '../workspace/boundedRead';
import { ownContainer } from '../workspace/ownContainer';
import type { Refusal } from '../workspace/documentTexts';
import { describeRefusals, readDocumentBytes } from '../workspace/documentTexts';
import type { ConflictChoice, PullOutcome } from '../workspace/pullDocuments';
import { besideName, pullDocuments } from '../workspace/pullDocuments';
import type { CommandDeps } from './deps';
import { inWorkspaceContainer } from './importExport';
import type { LabelingDeps } from './labelingTargets';
import { projectTarget } from './labelingTargets';
import { labelsFileIsSendable } from './labelsFileCheck';
import { refreshConnection } from './refresh';
import type { StorageAccounts } from './storageAccounts';
import { CommandId } from './ids';
import { connectionOf, isNode } from './targets';
import type { NodeOf } from './targets';
import { reportStatus, watchJob } from './watch';

export interface PushPullDeps {
  commands: CommandDeps;
  labeling: LabelingDeps;
  storage: StorageAccounts;
  /** workspaceState: when each project was last pushed or pulled, per connection. */
  state: vscode.Memento;
  /** The local service's container name → folder. */
  containers(): Record<string, string>;
  /** The Labeling view shows the new sync state. */
  onSynced(): void;
}

export interface PushResult {
  projectName: string;
  container: string;
  uploaded: number;
  unchanged: number;
  /** How many documents the labels file lists. */
  documents: number;
  /** False when nothing had changed since the last push, so nothing was sent. */
  sent: boolean;
}

/** The labels file's project as the service would store it: the same canonical bytes mean the same labels. */
function canonical(project: ExportedProject): string {
  const parsed = parseLabelsFile(JSON.stringify(project));
  return parsed.ok ? serializeLabelsFile(parsed.file) : JSON.stringify(project);
}

async function record(
  deps: PushPullDeps,
  labelsFile: string,
  entry: Omit<SyncRecord, 'at' | 'labelsHash'>,
): Promise<void> {
  const text = await readLabelsText(labelsFile);
  const state = withRecord(parseSyncState(deps.state.get(SYNC_STATE_KEY)), labelsFile, {
    ...entry,
    at: new Date().toISOString(),
    labelsHash: labelsHashOf(text),
  });
  await deps.state.update(SYNC_STATE_KEY, state);
  deps.onSynced();
}

/**
 * Reads the project's documents as blobs named by their locations, through the bounded reader (inside the folder,
 * regular files, within the service's limit); throws, before anything is uploaded, naming each one refused.
 */
async function readDocuments(folder: string, project: ExportedProject): Promise<BlobDocument[]> {
  const locations = (project.assets?.documents ?? []).map((d) => d.location);
  const read = await readDocumentBytes(folder, locations, MAX_DOCUMENT_BYTES);
  const refused = read.filter((r): r is Refusal => !Buffer.isBuffer(r));
  if (refused.length > 0)
    throw new Error(
      `Push stopped before uploading anything: ${describeRefusals(refused)} Replace each with a regular .txt file inside ${basename(folder)}, or remove it from the labels file.`,
    );
  return locations.map((name, i) => ({ name, content: read[i] as Buffer }));
}

async function uploadDocuments(
  store: BlobStore,
  container: string,
  documents: readonly BlobDocument[],
): Promise<{ uploaded: number; unchanged: number }> {
  return withProgress(`Uploading documents to ${container}`, async (report, signal) => {
    await store.ensureContainer(container, signal);
    const result = await store.uploadChanged(container, documents, {
      signal,
      onProgress: (done, total) => {
        report({ message: `${done} of ${total} documents`, percent: total === 0 ? 100 : (100 * done) / total });
      },
    });
    return { uploaded: result.uploaded.length, unchanged: result.unchanged.length };
  });
}

export async function pushProject(deps: PushPullDeps, target: unknown): Promise<PushResult | undefined> {
  const workspaceProject = await projectTarget(deps.labeling, target, 'Push to…');
  if (workspaceProject === undefined) return undefined;
  const file = workspaceProject.labelsFile;
  const connection = await connectionOf(deps.commands, undefined, `Push ${basename(file)} to…`);
  if (connection === undefined) return undefined;
  const pushed = await pushTo(deps, file, connection, { action: 'Push', skipUnchanged: false });
  if (pushed === undefined) return undefined;
  const moved = connection.local
    ? ''
    : ` (${pushed.uploaded} document${pushed.uploaded === 1 ? '' : 's'} uploaded, ${pushed.unchanged} unchanged)`;
  // The next step of the loop is one click away.
  const train = 'Train…';
  void deps.commands.prompter
    .message(
      `Pushed ${pushed.projectName} to ${connection.connection.name}: ${pushed.documents} documents${moved}.`,
      train,
    )
    .then((choice) => {
      if (choice === train)
        void vscode.commands.executeCommand(CommandId.trainModel, { kind: 'labelingProject', labelsFile: file });
    });
  return pushed;
}

/** sha256 over the documents' locations and contents: the same hash means no document changed. */
async function documentsHashOf(folder: string, project: ExportedProject): Promise<string> {
  const locations = (project.assets?.documents ?? []).map((d) => d.location);
  const read = await readDocumentBytes(folder, locations, MAX_DOCUMENT_BYTES);
  const parts = locations.map((l, i) => {
    const content = read[i];
    return `${l}\n${Buffer.isBuffer(content) ? sha256(content) : '-'}`;
  });
  return sha256(parts.sort().join('\n'));
}

/**
 * Sends a workspace project to a connection: checks the labels file, puts its documents where the connection reads
 * them and imports it. With `skipUnchanged`, nothing is sent when neither the labels nor a document changed since
 * the last push there and the service still has the project. Replacing a project of the same name asks first,
 * unless it is the one this labels file was pushed to or pulled from.
 */
export async function pushTo(
  deps: PushPullDeps,
  file: string,
  connection: NodeOf<'connection'>,
  options: { action: string; skipUnchanged: boolean },
): Promise<PushResult | undefined> {
  const { prompter } = deps.commands;
  if (!(await labelsFileIsSendable(prompter, file, options.action))) return undefined;

  let project = await readLabelsFile(file);
  const labelsHash = labelsHashOf(await readLabelsText(file));
  const documentsHash = await documentsHashOf(dirname(file), project);
  const documents = project.assets?.documents.length ?? 0;
  const name = project.metadata.projectName;
  const client = await deps.commands.client(connection.connection);
  const last = parseSyncState(deps.state.get(SYNC_STATE_KEY))[file]?.find(
    (r) => r.connectionId === connection.connection.id,
  );
  const onService = (await client.listProjects()).some((p) => p.projectName === name);
  const same = last?.projectName === name && last.labelsHash === labelsHash && last.documentsHash === documentsHash;
  if (options.skipUnchanged && same && onService)
    return { projectName: name, container: '', uploaded: 0, unchanged: documents, documents, sent: false };

  let uploaded = 0;
  let unchanged = 0;
  let container: string;
  if (connection.local) {
    // The local service reads the workspace folder itself: nothing to upload. A container that is the project's
    // own folder (a sample's) is kept, so its project on the service stays the same project.
    const own = await ownContainer(deps.containers(), dirname(file));
    project =
      own === undefined ? inWorkspaceContainer(project, file) : relocateToContainer(project, own, dirname(file), file);
    container = project.metadata.storageInputContainerName;
  } else {
    const store = await deps.storage.storeFor(connection.connection, prompter);
    if (store === undefined) return undefined;
    const named = project.metadata.storageInputContainerName;
    container = isBlobContainerName(named) ? named : blobContainerNameFor(project.metadata.projectName);
    project = { ...project, metadata: { ...project.metadata, storageInputContainerName: container } };
    const blobs = await readDocuments(dirname(file), project);
    ({ uploaded, unchanged } = await uploadDocuments(store, container, blobs));
  }
  if (onService) {
    const theirs = await watchJob(
      `Comparing with ${name} in ${connection.connection.name}`,
      'the export',
      (report, signal) => client.exportProjectAndWait(name, { signal, onProgress: reportStatus(report) }),
    );
    if (theirs === undefined) return undefined;
    // Replaced without a question only when the service still has what this labels file sent or got there last.
    const ours = last?.projectName === name && last.serviceHash === sha256(canonical(theirs));
    if (!ours && canonical(theirs) !== canonical(project)) {
      const question = `${connection.connection.name} has a project “${name}” with other labels or settings. ${options.action === 'Push' ? 'Pushing' : 'Sending'} replaces them with ${basename(file)}.`;
      if (!(await prompter.confirm(question, 'Replace'))) return undefined;
    }
  }
  try {
    const done = await watchJob(
      `Importing ${name} into ${connection.connection.name}`,
      'the import',
      (report, signal) => client.importProjectAndWait(project, { signal, onProgress: reportStatus(report) }),
    );
    if (done === undefined) return undefined;
  } finally {
    refreshConnection(deps.commands, connection.connection);
  }
  await record(deps, file, {
    connectionId: connection.connection.id,
    connectionName: connection.connection.name,
    projectName: name,
    op: 'push',
    documentsHash,
    serviceHash: sha256(canonical(project)),
  });
  return { projectName: name, container, uploaded, unchanged, documents, sent: true };
}

interface PullTarget {
  connection: Connection;
  local: boolean;
  projectName: string;
  labelsFile: string;
}

async function pullTarget(deps: PushPullDeps, target: unknown): Promise<PullTarget | undefined> {
  const { prompter } = deps.commands;
  if (isNode(target, 'project')) {
    const folder = await prompter.openDialog({
      title: `Pull ${target.project.projectName}: into folder`,
      canSelectFolders: true,
      canSelectFiles: false,
      openLabel: 'Pull Here',
    });
    if (folder === undefined) return undefined;
    return {
      connection: target.connection,
      local: target.connection.id === localConnectionId,
      projectName: target.project.projectName,
      labelsFile: join(folder.fsPath, `${target.project.projectName}.labels.json`),
    };
  }
  const workspaceProject = await projectTarget(deps.labeling, target, 'Pull from…');
  if (workspaceProject === undefined) return undefined;
  const name = workspaceProject.project?.file.metadata.projectName ?? basename(workspaceProject.labelsFile);
  const connection = await connectionOf(deps.commands, undefined, `Pull ${name} from…`);
  if (connection === undefined) return undefined;
  return {
    connection: connection.connection,
    local: connection.local,
    projectName: name,
    labelsFile: workspaceProject.labelsFile,
  };
}

/** Locations in the local service's container (the workspace folder) back to paths beside the labels file. */
export function fromWorkspaceContainer(project: ExportedProject, labelsFile: string): ExportedProject {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(labelsFile));
  if (folder === undefined || workspaceContainerOf(folder) !== project.metadata.storageInputContainerName)
    return project;
  const prefix = relative(folder.uri.fsPath, dirname(labelsFile)).split(sep).join('/');
  if (prefix === '' || project.assets === undefined) return project;
  const documents = project.assets.documents.map((d) => ({
    ...d,
    location: d.location.startsWith(`${prefix}/`) ? posix.relative(prefix, d.location) : d.location,
  }));
  return { ...project, assets: { ...project.assets, documents } };
}

/** The labels file's text, or undefined when there is none; one that cannot be read stops the pull. */
async function currentText(file: string): Promise<string | undefined> {
  return await readLabelsText(file).catch((error: unknown) => {
    if (error instanceof ReadRefused && error.reason === 'missing') return undefined;
    throw error;
  });
}

/** Whether the workspace copy changed since it was last pushed to or pulled from this connection. */
function hasOwnChanges(deps: PushPullDeps, file: string, connectionId: string, text: string): boolean {
  const last = parseSyncState(deps.state.get(SYNC_STATE_KEY))[file]?.find((r) => r.connectionId === connectionId);
  return last?.labelsHash !== labelsHashOf(text);
}

const KEEP: Record<ConflictChoice, string> = {
  mine: 'Keep Mine',
  theirs: 'Take Theirs',
  both: 'Keep Both',
};

/** Asked once, before anything is written: what to do with the documents edited here that the pull would replace. */
async function decideEdited(
  prompter: PushPullDeps['commands']['prompter'],
  connectionName: string,
  edited: readonly string[],
): Promise<ConflictChoice | undefined> {
  const shown = edited.slice(0, 3).join(', ') + (edited.length > 3 ? ` and ${edited.length - 3} more` : '');
  const example = besideName(edited[0] ?? 'notes.txt', connectionName);
  const picked = await prompter.pick(
    [
      {
        label: KEEP.mine,
        detail: 'The workspace copies stay; the labels still come from the pull.',
        choice: 'mine' as const,
      },
      { label: KEEP.theirs, detail: `${connectionName}'s copies replace them.`, choice: 'theirs' as const },
      {
        label: KEEP.both,
        detail: `The workspace copies stay; ${connectionName}'s are written beside them (${path.posix.basename(example)}).`,
        choice: 'both' as const,
      },
    ],
    {
      title: `Pull: ${edited.length === 1 ? '1 document was' : `${edited.length} documents were`} edited here`,
      placeHolder: `${shown} differ from ${connectionName}'s copies (Escape cancels the pull)`,
    },
  );
  return picked?.choice;
}

/**
 * Downloads the documents missing from the folder or different there (from the connection's blob container), all or
 * none, asking once about documents edited here since the last push or pull. Undefined when the user cancels.
 */
async function downloadDocuments(
  deps: PushPullDeps,
  store: BlobStore,
  pull: PullTarget,
  container: string,
  project: ExportedProject,
): Promise<PullOutcome | undefined> {
  const folder = dirname(pull.labelsFile);
  const locations = (project.assets?.documents ?? []).map((d) => d.location);
  const last = parseSyncState(deps.state.get(SYNC_STATE_KEY))[pull.labelsFile]?.find(
    (r) => r.connectionId === pull.connection.id,
  );
  // Unchanged since the last push or pull there: a document that differs changed on the other side only.
  const editedHere =
    last?.documentsHash === undefined || last.documentsHash !== (await documentsHashOf(folder, project));
  return withProgress(`Downloading documents from ${container}`, async (report, signal) => {
    const hashes = await store.listHashes(container, signal);
    return pullDocuments(
      folder,
      locations,
      {
        same: (location, local) => contentMd5(local) === hashes.get(location),
        fetch: (location) => store.download(container, location, signal),
      },
      {
        editedHere,
        from: pull.connection.name,
        decide: (edited) => decideEdited(deps.commands.prompter, pull.connection.name, edited),
        signal,
        onProgress: (done, total) => {
          report({ message: `${done} of ${total} documents`, percent: (100 * done) / total });
        },
      },
    );
  });
}

function connectionCopies(beside: readonly string[], connectionName: string): string {
  const names = beside.slice(0, 3).join(', ') + (beside.length > 3 ? ` and ${beside.length - 3} more` : '');
  return `${connectionName}'s copies of documents edited here were written beside them: ${names}.`;
}

/** The pulled labels file, written last, through the labels store (one undo step, checked against the disk). */
async function writePulledLabelsFile(deps: PushPullDeps, file: string, text: string): Promise<void> {
  const written = await deps.labeling.labeling.replaceText(file, text);
  if (!written.ok) throw new Error(`${basename(file)} was not written: ${written.reason}`);
}

/** Pulls a project into its labels file (written atomically, canonical form); returns the file, or undefined. */
export async function pullProject(deps: PushPullDeps, target: unknown): Promise<string | undefined> {
  const { prompter } = deps.commands;
  const pull = await pullTarget(deps, target);
  if (pull === undefined) return undefined;
  const client = await deps.commands.client(pull.connection);
  const exported = await watchJob(
    `Exporting ${pull.projectName} from ${pull.connection.name}`,
    'the export',
    (report, signal) => client.exportProjectAndWait(pull.projectName, { signal, onProgress: reportStatus(report) }),
  );
  if (exported === undefined) return undefined;
  const before = await currentText(pull.labelsFile);
  let project = exported;
  if (pull.local) {
    // The local service names the workspace folder as the container; the labels file keeps the name it had.
    project = fromWorkspaceContainer(exported, pull.labelsFile);
    const own = before === undefined ? undefined : parseLabelsFile(before);
    if (own?.ok === true)
      project = {
        ...project,
        metadata: { ...project.metadata, storageInputContainerName: own.file.metadata.storageInputContainerName },
      };
  }
  const parsed = parseLabelsFile(JSON.stringify(project));
  if (!parsed.ok)
    throw new Error(
      `${pull.connection.name} sent a project that is not a labels file: ${parsed.diagnostics[0]?.message ?? 'it does not parse'}.`,
    );
  const eol: LineEnding = before?.includes('\r\n') === true ? '\r\n' : '\n';
  const text = serializeLabelsFile(parsed.file, eol);

  if (before !== undefined && before !== text && hasOwnChanges(deps, pull.labelsFile, pull.connection.id, before)) {
    // Not named like a labels file: the copy has no documents beside it to be checked against.
    const incoming = join(
      await mkdtemp(join(tmpdir(), 'cts-pull-')),
      `${pull.projectName} in ${pull.connection.name}.json`,
    );
    await writeFileAtomic(incoming, text);
    await vscode.commands.executeCommand(
      'vscode.diff',
      vscode.Uri.file(pull.labelsFile),
      vscode.Uri.file(incoming),
      `${basename(pull.labelsFile)}: workspace ↔ ${pull.connection.name}`,
    );
    const question = `${basename(pull.labelsFile)} has changes of its own since it was last pushed or pulled (the diff shows them). Pulling replaces them with ${pull.connection.name}'s copy.`;
    if (!(await prompter.confirm(question, 'Replace'))) return undefined;
  }
  let documents: PullOutcome | undefined;
  if (!pull.local) {
    const store = await deps.storage.storeFor(pull.connection, prompter);
    if (store !== undefined) {
      documents = await downloadDocuments(deps, store, pull, exported.metadata.storageInputContainerName, exported);
      if (documents === undefined) return undefined;
    }
  }
  await writePulledLabelsFile(deps, pull.labelsFile, text);
  await record(deps, pull.labelsFile, {
    connectionId: pull.connection.id,
    connectionName: pull.connection.name,
    projectName: pull.projectName,
    op: 'pull',
    // Documents kept as edited here stay edits: the next pull asks about them again.
    ...(documents === undefined || documents.kept.length > 0
      ? {}
      : { documentsHash: await documentsHashOf(dirname(pull.labelsFile), exported) }),
    serviceHash: sha256(canonical(exported)),
  });
  const besides =
    documents === undefined || documents.beside.length === 0
      ? ''
      : ` ${connectionCopies(documents.beside, pull.connection.name)}`;
  void vscode.window.showInformationMessage(
    `Pulled ${pull.projectName} from ${pull.connection.name} into ${basename(pull.labelsFile)}.${besides}`,
  );
  return pull.labelsFile;
}
