// The workspace's labeling projects: every labels file in the workspace, each with its folder's documents. Each
// file is kept by a LabelsFileStore (src/workspace/labelsStore.ts): the one source of its text. A label change
// updates it at once, then the file is written (canonically, atomically, only when its bytes change), one write per
// project at a time, the latest state winning; a write checks first that nobody else wrote the file meanwhile, and
// merges or asks when someone did. Hand edits and `git checkout` of a labels file, and documents added to or
// removed from a folder, are picked up by file watchers. Every change can be undone, project by project.
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { Diagnostic } from '../core/labeling/diagnostics';
import { locationOf } from '../core/labeling/locations';
import { looksLikeLabelsFile } from '../core/labeling/looksLikeLabelsFile';
import type { LabelsDocument, LabelsFile, OpResult } from '../core/labeling/model';
import { assetsOf, findDocument } from '../core/labeling/model';
import { parseLabelsFile } from '../core/labeling/parseLabels';
import type { WorkspaceProject } from '../core/labeling/workspaceProject';
import { documentsOnDisk } from '../core/labeling/workspaceProject';
import type { Log } from '../platform/logger';
import { MAX_LABELS_FILE_BYTES, mapLimited } from '../workspace/boundedRead';
import type { Conflict } from '../workspace/labelsStore';
import { LabelsFileStore, textOf } from '../workspace/labelsStore';

/** One labels file of the workspace. */
export interface LabelingProject {
  /** Absolute path of the labels file: the project's identity. */
  readonly labelsFile: string;
  /** The folder that holds it: the container; every document's location is a path inside it. */
  readonly folder: string;
  /** The parsed project, or undefined while the file does not parse (`problems` says why). */
  readonly project: WorkspaceProject | undefined;
  /** Why the file does not parse (empty when it does). */
  readonly problems: readonly Diagnostic[];
  /** Locations of the .txt files in the folder, sorted. */
  readonly onDisk: readonly string[];
  /** The labels file's text as this window holds it (what it wrote, or read): what checks and views read. */
  readonly text: string;
}

/** A document of a project: the project and the document's location in it. */
export interface ProjectDocument {
  project: LabelingProject;
  location: string;
  /** The document's entry in the labels file, when it is listed. */
  entry: LabelsDocument | undefined;
}

export type ChangeReason = 'label' | 'undo' | 'redo' | 'disk' | 'documents' | 'added' | 'removed';

export interface ProjectChange {
  project: LabelingProject;
  reason: ChangeReason;
}

interface Entry {
  store: LabelsFileStore;
  /** What the views see, made from the store; label actions build on the store, which a save may change first. */
  state: LabelingProject;
  undo: LabelsFile[];
  redo: LabelsFile[];
  /** The store's `outsideChanges` the history was made with: a change taken from outside since voids it. */
  historyOf: number;
  /** The status bar's word that the labels shown are not saved, while a save keeps failing. */
  notSaved: vscode.Disposable | undefined;
  /** Set while the user is shown that a save failed. */
  telling: boolean;
  writing: Promise<void>;
  /** Set when a newer state waits to be written. */
  pending: boolean;
  /** Set while the user is asked about a conflict. */
  asking: boolean;
}

export { looksLikeLabelsFile };

/** Asks the user a question with actions; the action chosen, or undefined. */
export type Ask = (question: string, ...actions: string[]) => Promise<string | undefined>;

const askInWindow: Ask = async (question, ...actions) =>
  await vscode.window.showWarningMessage(question, { modal: true }, ...actions);

const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.vscode-test/**}';
const MAX_LABELS_FILES = 2000;
const FOLDER_SETTLE_MS = 300;
const UNDO_DEPTH = 200;
const RELIST_DELAY_MS = 50;
const WRITE_DELAY_MS = 30;
/** JSON files read at once while looking for labels files: each may be up to MAX_LABELS_FILE_BYTES. */
const READ_AT_ONCE = 4;
const KEEP_MINE = 'Keep Mine';
const RETRY = 'Retry';
const TAKE_THEIRS = 'Take Theirs';

export class LabelingProjects implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<ProjectChange>();
  private readonly disposables: { dispose(): unknown }[] = [this.changed];
  private loaded: Promise<void> | undefined;
  private readonly relists = new Map<string, NodeJS.Timeout>();
  /** Fires after a project's in-memory state changed (before the file is written). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly log: Log,
    private readonly ask: Ask = askInWindow,
  ) {}

  /** Finds the workspace's labels files once and starts watching; later calls wait for the same search. */
  ready(): Promise<void> {
    this.loaded ??= this.discover();
    return this.loaded;
  }

  all(): LabelingProject[] {
    return [...this.entries.values()].map((e) => e.state).sort((a, b) => a.labelsFile.localeCompare(b.labelsFile));
  }

  get(labelsFile: string): LabelingProject | undefined {
    return this.entries.get(path.resolve(labelsFile))?.state;
  }

  /**
   * The project a document belongs to: the one whose labels file lists it, else the innermost project folder
   * holding it. Undefined for a file in no project's folder.
   */
  documentAt(file: string): ProjectDocument | undefined {
    let best: ProjectDocument | undefined;
    for (const { state } of this.entries.values()) {
      const location = locationOf(state.folder, path.resolve(file));
      if (location === undefined) continue;
      const entry = state.project ? findDocument(assetsOf(state.project.file), location) : undefined;
      const candidate = { project: state, location, entry };
      if (
        best === undefined ||
        (entry !== undefined && best.entry === undefined) ||
        ((entry === undefined) === (best.entry === undefined) && state.folder.length > best.project.folder.length)
      )
        best = candidate;
    }
    return best;
  }

  /**
   * Applies a change to a project's labels: the in-memory state and the views change at once, then the file is
   * written. A refused change changes nothing and returns why.
   */
  async apply(labelsFile: string, change: (file: LabelsFile) => OpResult): Promise<OpResult> {
    const entry = this.entries.get(path.resolve(labelsFile));
    const current = entry?.store.current;
    if (!entry || !current?.ok) return { ok: false, reason: 'The labels file does not parse: fix it first.' };
    const result = change(current.file);
    if (!result.ok || result.value === current.file) return result;
    this.remember(entry, current.file);
    await this.replace(entry, result.value, 'label');
    return result;
  }

  canUndo(labelsFile: string): boolean {
    const entry = this.entries.get(path.resolve(labelsFile));
    return entry !== undefined && this.history(entry).undo.length > 0;
  }

  canRedo(labelsFile: string): boolean {
    const entry = this.entries.get(path.resolve(labelsFile));
    return entry !== undefined && this.history(entry).redo.length > 0;
  }

  /** Undoes the project's last label change; false when there is none. */
  async undo(labelsFile: string): Promise<boolean> {
    return this.step(labelsFile, 'undo');
  }

  async redo(labelsFile: string): Promise<boolean> {
    return this.step(labelsFile, 'redo');
  }

  /**
   * Reads a labels file just written (a new project) without waiting for the file watcher; false when it is not a
   * labels file.
   */
  async track(labelsFile: string): Promise<boolean> {
    await this.ready();
    return this.load(labelsFile, true);
  }

  /**
   * Replaces a labels file's whole text (Pull, New Project) through its store: undone like a label action; a file
   * not there yet is created. Refused, with why, when the text is not a labels file that parses.
   */
  async replaceText(labelsFile: string, text: string): Promise<OpResult> {
    await this.ready();
    const file = path.resolve(labelsFile);
    const parsed = parseLabelsFile(text);
    if (!parsed.ok) return { ok: false, reason: parsed.diagnostics.map((d) => d.message).join(' ') };
    let entry = this.entries.get(file);
    if (!entry && (await this.load(file, true))) entry = this.entries.get(file);
    if (!entry) {
      try {
        const store = await LabelsFileStore.create(file, this.rootOf(file), text);
        await this.add(store, true);
      } catch (error) {
        return { ok: false, reason: describe(error) };
      }
      return { ok: true, value: parsed.file };
    }
    const before = entry.store.current;
    if (before.ok) this.remember(entry, before.file);
    // Shown at once (and built on by label actions), written as given; not merged with a change made outside.
    const written = entry.store.replaceText(text);
    this.refresh(entry, 'label');
    const outcome = await written;
    if (outcome.kind === 'saved' || outcome.kind === 'unchanged') {
      this.savedAgain(entry);
      return { ok: true, value: parsed.file };
    }
    if (entry.store.current === before) {
      // Put back: the step that would undo it goes too.
      if (before.ok && entry.undo.at(-1) === before.file) entry.undo.pop();
      this.refresh(entry, 'disk');
    }
    const reason =
      outcome.kind === 'failed'
        ? outcome.message
        : `${path.basename(file)} was changed outside this window meanwhile (another window, a hand edit or git); nothing was merged. Try again.`;
    return { ok: false, reason };
  }

  /** Waits until every project's latest state is on disk (or its write failed, which the user was told). */
  async flush(): Promise<void> {
    for (const entry of this.entries.values()) await entry.writing;
  }

  dispose(): void {
    for (const timer of this.relists.values()) clearTimeout(timer);
    for (const entry of this.entries.values()) entry.notSaved?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private async step(labelsFile: string, direction: 'undo' | 'redo'): Promise<boolean> {
    const entry = this.entries.get(path.resolve(labelsFile));
    const current = entry?.store.current;
    if (!entry || !current?.ok) return false;
    const { undo, redo } = this.history(entry);
    const [from, to] = direction === 'undo' ? [undo, redo] : [redo, undo];
    const previous = from.pop();
    if (!previous) return false;
    to.push(current.file);
    await this.replace(entry, previous, direction);
    return true;
  }

  /** The project's undo history, emptied when a change from outside was taken in since: undoing would drop it. */
  private history(entry: Entry): Entry {
    if (entry.historyOf !== entry.store.outsideChanges) {
      entry.undo = [];
      entry.redo = [];
      entry.historyOf = entry.store.outsideChanges;
    }
    return entry;
  }

  /** Records `file` as the state a new change undoes to. */
  private remember(entry: Entry, file: LabelsFile): void {
    const { undo } = this.history(entry);
    undo.push(file);
    if (undo.length > UNDO_DEPTH) undo.shift();
    entry.redo = [];
  }

  /** Sets the in-memory file, tells the views, and writes it. */
  private async replace(entry: Entry, file: LabelsFile, reason: ChangeReason): Promise<void> {
    entry.store.set(file);
    this.refresh(entry, reason);
    await this.write(entry);
  }

  /** The project as its store now holds it; the views are told. */
  private refresh(entry: Entry, reason: ChangeReason): void {
    entry.state = stateOf(entry.store, entry.state.onDisk);
    this.changed.fire({ project: entry.state, reason });
  }

  /** One write at a time per project; changes made meanwhile are written together by the next one. */
  private write(entry: Entry): Promise<void> {
    if (entry.pending) return entry.writing;
    entry.pending = true;
    entry.writing = entry.writing
      // A moment later: the views and the editor answer first, and quick changes are written together.
      .then(() => new Promise((resolve) => setTimeout(resolve, WRITE_DELAY_MS)))
      .then(async () => {
        entry.pending = false;
        if (this.entries.get(entry.state.labelsFile) !== entry) return;
        const saved = await entry.store.save();
        if (saved.kind === 'conflict') void this.conflict(entry, saved);
        else if (saved.kind === 'failed') this.notSaved(entry, saved.message);
        else {
          this.savedAgain(entry);
          if (saved.kind === 'merged') this.merged(entry, saved.fromDisk);
        }
      })
      .catch((error: unknown) => {
        this.log.error(`Could not write ${entry.state.labelsFile}: ${describe(error)}`);
      });
    return entry.writing;
  }

  /**
   * A save failed (another window writing for long, a disk full, no permission): the labels stay as shown, not
   * saved, and are written by the next label action or Retry. Dropping them would lose the user's work.
   */
  private notSaved(entry: Entry, why: string): void {
    const name = path.basename(entry.state.labelsFile);
    this.log.error(`Could not write ${entry.state.labelsFile}: ${why}`);
    entry.notSaved?.dispose();
    entry.notSaved = vscode.window.setStatusBarMessage(`$(warning) ${name}: the last labels are not saved`);
    if (entry.telling) return;
    entry.telling = true;
    void vscode.window
      .showErrorMessage(
        `Could not save the labels to ${name}: ${why} The labels shown are kept but not saved yet: they are saved with your next label change, or now with Retry.`,
        RETRY,
      )
      .then((answer) => {
        entry.telling = false;
        if (answer === RETRY) void this.write(entry);
      });
  }

  /** A save succeeded: a failure shown before is over. */
  private savedAgain(entry: Entry): void {
    if (!entry.notSaved) return;
    entry.notSaved.dispose();
    entry.notSaved = undefined;
    vscode.window.setStatusBarMessage(`${path.basename(entry.state.labelsFile)}: the labels are saved`, 5000);
  }

  /** The file was changed outside and merged with this window's changes: the views are told, and the user. */
  private merged(entry: Entry, fromDisk: readonly string[]): void {
    this.refresh(entry, 'disk');
    const name = path.basename(entry.state.labelsFile);
    const note = `${name} was changed outside this window; merged (${fromDisk.length} document(s) taken from the file).`;
    this.log.info(note);
    vscode.window.setStatusBarMessage(note, 8000);
  }

  /** Both sides changed the same documents: nothing is written until the user says which to keep. */
  private async conflict(entry: Entry, conflict: Conflict): Promise<void> {
    if (entry.asking) return;
    entry.asking = true;
    try {
      const name = path.basename(entry.state.labelsFile);
      const which =
        conflict.documents.length > 0
          ? ` (${conflict.documents.slice(0, 3).join(', ')}${conflict.documents.length > 3 ? ', …' : ''})`
          : '';
      const answer = await this.ask(
        `${name} was changed outside this window, and ${conflict.reason}${which}. Nothing was written. Keep this window's labels, or take the file's?`,
        KEEP_MINE,
        TAKE_THEIRS,
      );
      if (answer === KEEP_MINE) {
        entry.store.resolve('mine');
        await this.write(entry);
      } else if (answer === TAKE_THEIRS) {
        entry.store.resolve('theirs');
        this.refresh(entry, 'disk');
      }
    } finally {
      entry.asking = false;
    }
  }

  private rootOf(file: string): string {
    return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath ?? path.dirname(file);
  }

  private async discover(): Promise<void> {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{json,txt}');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => void this.onFileEvent(uri, 'created')),
      watcher.onDidChange((uri) => void this.onFileEvent(uri, 'changed')),
      watcher.onDidDelete((uri) => void this.onFileEvent(uri, 'deleted')),
    );
    // A folder made, copied or checked out: the file watcher may miss what is written into it before it watches
    // it, so the folder's labels files are looked for once it has settled.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, true);
    this.disposables.push(
      folders,
      folders.onDidCreate((uri) => {
        if (uri.scheme !== 'file' || path.extname(uri.fsPath) !== '') return;
        setTimeout(() => void this.scan(new vscode.RelativePattern(uri, '**/*.json'), true), FOLDER_SETTLE_MS);
      }),
    );
    await this.scan('**/*.json', false);
    this.log.info(`Labeling: ${this.entries.size} labels file(s) in the workspace`);
  }

  private async scan(pattern: vscode.GlobPattern, announce: boolean): Promise<void> {
    const files = await vscode.workspace.findFiles(pattern, EXCLUDE, MAX_LABELS_FILES);
    const unknown = files.filter((uri) => uri.scheme === 'file' && !this.entries.has(path.resolve(uri.fsPath)));
    // A few at a time: every *.json of the workspace is looked at (its size first, then its first bytes).
    await mapLimited(unknown, READ_AT_ONCE, (uri) => this.load(uri.fsPath, announce));
  }

  /** Reads a labels file (again); `announce` tells the views. Returns false when the file is not a labels file. */
  private async load(file: string, announce: boolean): Promise<boolean> {
    const labelsFile = path.resolve(file);
    const existing = this.entries.get(labelsFile);
    if (!existing) {
      const opened = await LabelsFileStore.open(labelsFile, this.rootOf(labelsFile)).catch(() => undefined);
      if (!(opened instanceof LabelsFileStore)) {
        // Only a file named as a labels file gets a word: other JSON files are none of this view's business.
        if (opened?.skipped)
          this.log.info(
            `Labeling: ${opened.skipped} (labels files are read up to ${MAX_LABELS_FILE_BYTES / (1024 * 1024)} MB)`,
          );
        return false;
      }
      if (this.entries.has(labelsFile)) return true; // Found twice at once (a scan and a watcher event).
      await this.add(opened, announce);
      return true;
    }
    const loaded = await existing.store.load();
    if (this.entries.get(labelsFile) !== existing) return false;
    switch (loaded.kind) {
      case 'unchanged':
        return true;
      case 'notLabels':
        this.forget(labelsFile);
        return false;
      case 'refused':
        this.log.warn(`Labeling: ${loaded.message}`);
        return true;
      case 'loaded':
        // Changed outside (by hand, by git): the store says so, and the history is dropped (see `history`).
        if (announce) this.refresh(existing, 'disk');
        else existing.state = stateOf(existing.store, existing.state.onDisk);
        return true;
      case 'merged':
        this.merged(existing, loaded.fromDisk);
        await this.write(existing);
        return true;
      case 'conflict':
        void this.conflict(existing, loaded);
        return true;
    }
  }

  private async add(store: LabelsFileStore, announce: boolean): Promise<void> {
    const onDisk = await documentsOnDisk(path.dirname(store.file));
    if (this.entries.has(store.file)) return;
    const entry: Entry = {
      store,
      state: stateOf(store, onDisk),
      undo: [],
      redo: [],
      historyOf: store.outsideChanges,
      notSaved: undefined,
      telling: false,
      writing: Promise.resolve(),
      pending: false,
      asking: false,
    };
    this.entries.set(store.file, entry);
    if (announce) this.changed.fire({ project: entry.state, reason: 'added' });
  }

  private forget(labelsFile: string): void {
    const entry = this.entries.get(labelsFile);
    if (!entry) return;
    this.entries.delete(labelsFile);
    this.changed.fire({ project: entry.state, reason: 'removed' });
  }

  private async onFileEvent(uri: vscode.Uri, what: 'created' | 'changed' | 'deleted'): Promise<void> {
    if (uri.scheme !== 'file') return;
    const file = path.resolve(uri.fsPath);
    if (file.endsWith('.json')) {
      // A rename over the file may be reported as a deletion: only a file that is gone is forgotten.
      if (what === 'deleted' && !existsSync(file)) this.forget(file);
      else await this.load(file, true);
      return;
    }
    if (what === 'changed') return; // A document's text changing does not change the list of documents.
    // A document added or removed: the folders holding it list their documents again.
    for (const entry of this.entries.values())
      if (locationOf(entry.state.folder, file) !== undefined) this.relist(entry.state.labelsFile);
  }

  /**
   * Lists a project's documents again a moment after the last of a burst of file events: a checkout or a copy
   * adding thousands of files reads the folder a few times, not once per file.
   */
  private relist(labelsFile: string): void {
    clearTimeout(this.relists.get(labelsFile));
    this.relists.set(
      labelsFile,
      setTimeout(() => {
        this.relists.delete(labelsFile);
        const entry = this.entries.get(labelsFile);
        if (!entry) return;
        void documentsOnDisk(entry.state.folder).then((onDisk) => {
          if (this.entries.get(labelsFile) !== entry) return;
          entry.state = { ...entry.state, onDisk };
          this.changed.fire({ project: entry.state, reason: 'documents' });
        });
      }, RELIST_DELAY_MS),
    );
  }
}

/** A project as its store holds it. */
function stateOf(store: LabelsFileStore, onDisk: readonly string[]): LabelingProject {
  const { file: labelsFile, current } = store;
  const folder = path.dirname(labelsFile);
  const problems: readonly Diagnostic[] = current.ok ? [] : current.problems;
  const project = current.ok ? { labelsFile, folder, file: current.file, eol: current.eol } : undefined;
  return {
    labelsFile,
    folder,
    project,
    problems,
    onDisk,
    // Written when first read: a label change reaches the views before its text is made.
    get text() {
      return textOf(current);
    },
  };
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
