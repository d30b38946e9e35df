// The workspace's labeling projects: every labels file in the workspace, each with its folder's documents. The
// in-memory file is what the editor and the views show; a label change updates it at once, then the file is written
// (canonically, atomically, only when its bytes change), one write per project at a time, the latest state winning.
// Hand edits and `git checkout` of a labels file, and documents added to or removed from a folder, are picked up by
// file watchers. Every change can be undone, project by project.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { serializeLabelsFile } from '../core/labeling/canonical';
import type { Diagnostic } from '../core/labeling/diagnostics';
import { locationOf } from '../core/labeling/locations';
import { looksLikeLabelsFile } from '../core/labeling/looksLikeLabelsFile';
import type { LabelsDocument, LabelsFile, OpResult } from '../core/labeling/model';
import { assetsOf, findDocument } from '../core/labeling/model';
import { parseLabelsFile } from '../core/labeling/parseLabels';
import type { WorkspaceProject } from '../core/labeling/workspaceProject';
import { documentsOnDisk } from '../core/labeling/workspaceProject';
import { writeFileAtomic } from '../core/atomicFile';
import type { Log } from '../platform/logger';

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
  state: LabelingProject;
  undo: LabelsFile[];
  redo: LabelsFile[];
  /** The texts this window wrote lately or last read: a watcher event showing one of them is no news. */
  known: string[];
  writing: Promise<void>;
  /** Set when a newer state waits to be written. */
  pending: boolean;
}

export { looksLikeLabelsFile };

/** Keeps the last few texts written, since watcher events of earlier writes may arrive after later ones. */
function remember(entry: Entry, text: string): void {
  entry.known.push(text);
  if (entry.known.length > 8) entry.known.shift();
}

const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.vscode-test/**}';
const MAX_LABELS_FILES = 2000;
const FOLDER_SETTLE_MS = 300;
const UNDO_DEPTH = 200;
const RELIST_DELAY_MS = 50;
const WRITE_DELAY_MS = 30;

export class LabelingProjects implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<ProjectChange>();
  private readonly disposables: { dispose(): unknown }[] = [this.changed];
  private loaded: Promise<void> | undefined;
  private readonly relists = new Map<string, NodeJS.Timeout>();
  /** Fires after a project's in-memory state changed (before the file is written). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Log) {}

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
    const project = entry?.state.project;
    if (!entry || !project) return { ok: false, reason: 'The labels file does not parse: fix it first.' };
    const result = change(project.file);
    if (!result.ok || result.value === project.file) return result;
    entry.undo.push(project.file);
    if (entry.undo.length > UNDO_DEPTH) entry.undo.shift();
    entry.redo = [];
    await this.replace(entry, result.value, 'label');
    return result;
  }

  canUndo(labelsFile: string): boolean {
    return (this.entries.get(path.resolve(labelsFile))?.undo.length ?? 0) > 0;
  }

  canRedo(labelsFile: string): boolean {
    return (this.entries.get(path.resolve(labelsFile))?.redo.length ?? 0) > 0;
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

  /** Waits until every project's latest state is on disk (throws the last write's error, if any). */
  async flush(): Promise<void> {
    for (const entry of this.entries.values()) await entry.writing;
  }

  dispose(): void {
    for (const timer of this.relists.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }

  private async step(labelsFile: string, direction: 'undo' | 'redo'): Promise<boolean> {
    const entry = this.entries.get(path.resolve(labelsFile));
    const current = entry?.state.project?.file;
    const from = direction === 'undo' ? entry?.undo : entry?.redo;
    const to = direction === 'undo' ? entry?.redo : entry?.undo;
    const previous = from?.pop();
    if (!entry || !current || !previous || !to) return false;
    to.push(current);
    await this.replace(entry, previous, direction);
    return true;
  }

  /** Sets the in-memory file, tells the views, and writes it. */
  private async replace(entry: Entry, file: LabelsFile, reason: ChangeReason): Promise<void> {
    const project = entry.state.project;
    if (!project) return;
    entry.state = { ...entry.state, project: { ...project, file } };
    this.changed.fire({ project: entry.state, reason });
    await this.write(entry);
  }

  /** One write at a time per project; changes made meanwhile are written together by the next one. */
  private write(entry: Entry): Promise<void> {
    if (entry.pending) return entry.writing;
    entry.pending = true;
    entry.writing = entry.writing
      .catch(() => undefined)
      // A moment later: the views and the editor answer first, and quick changes are written together.
      .then(() => new Promise((resolve) => setTimeout(resolve, WRITE_DELAY_MS)))
      .then(async () => {
        entry.pending = false;
        const project = entry.state.project;
        if (!project) return;
        const text = serializeLabelsFile(project.file, project.eol);
        // The last text read or written is what the file holds (the watcher reports any other change): comparing
        // with it spares reading 15 MB back before each write of a large project.
        if (text === entry.known.at(-1)) return;
        remember(entry, text);
        await writeFileAtomic(project.labelsFile, text);
      });
    entry.writing.catch((error: unknown) => {
      this.log.error(
        `Could not write ${entry.state.labelsFile}: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    return entry.writing;
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
    await Promise.all(unknown.map((uri) => this.load(uri.fsPath, announce)));
  }

  /** Reads a labels file (again); `announce` tells the views. Returns false when the file is not a labels file. */
  private async load(file: string, announce: boolean): Promise<boolean> {
    const labelsFile = path.resolve(file);
    let text: string;
    try {
      text = await readFile(labelsFile, 'utf8');
    } catch {
      return false;
    }
    const existing = this.entries.get(labelsFile);
    if (!looksLikeLabelsFile(text)) {
      if (existing) this.forget(labelsFile);
      return false;
    }
    if (existing?.known.includes(text)) return true; // One of our own writes, or no change.
    const folder = path.dirname(labelsFile);
    const parsed = parseLabelsFile(text);
    const onDisk = existing?.state.onDisk ?? (await documentsOnDisk(folder));
    const state: LabelingProject = parsed.ok
      ? {
          labelsFile,
          folder,
          project: { labelsFile, folder, file: parsed.file, eol: parsed.eol },
          problems: [],
          onDisk,
        }
      : { labelsFile, folder, project: undefined, problems: parsed.diagnostics, onDisk };
    if (existing) {
      // Changed outside (by hand, by git): the history no longer applies to it.
      existing.state = state;
      existing.known = [text];
      existing.undo = [];
      existing.redo = [];
    } else {
      this.entries.set(labelsFile, {
        state,
        undo: [],
        redo: [],
        known: [text],
        writing: Promise.resolve(),
        pending: false,
      });
    }
    if (announce) this.changed.fire({ project: state, reason: existing ? 'disk' : 'added' });
    return true;
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
      if (what === 'deleted') this.forget(file);
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
