// The entity labels of the documents open in the editor. Spans follow unsaved edits in memory (what the editor
// draws); the labels file, which must match the text on disk, takes them when the document is saved. A span an edit
// touched is flagged with a diagnostic until it is labelled again or dismissed. Undoing back to the saved text, or
// reverting, brings back the file's spans.
import * as vscode from 'vscode';
import type { TextEdit } from '../core/labeling/editMapping';
import type { Flag, LiveLabels } from '../core/labeling/liveLabels';
import { followEdits, liveLabelsOf, saveLiveLabels } from '../core/labeling/liveLabels';
import type { EntityDocument } from '../core/labeling/model';
import { assetsOf, categoriesOf } from '../core/labeling/model';
import type { Log } from '../platform/logger';
import { readDocumentInside } from '../workspace/boundedRead';
import type { LabelingProjects, ProjectDocument } from './projects';

/** What the editor draws for a document: its project's entity types and the document's labels now. */
export interface DocumentLabels {
  labelsFile: string;
  location: string;
  categories: string[];
  live: LiveLabels;
}

interface Tracked {
  labelsFile: string;
  location: string;
  /** Unsaved edits since the text was last on disk, in the order they were made. */
  batches: TextEdit[][];
  /** Flags as they stood at the last save (the base `live` is computed from). */
  savedFlags: Flag[];
  live: LiveLabels;
  /** The text before the next edit: it names the text of a span an edit flags. */
  text: string;
  /** The text the labels file's spans belong to: the text on disk when last saved or first seen. */
  savedText: string;
  /** The document version last found equal to the disk (a file changed outside comes in as a new version). */
  checkedVersion: number | undefined;
}

export const FLAG_SOURCE = 'Custom Text labels';

export class LiveDocuments implements vscode.Disposable {
  private readonly tracked = new Map<string, Tracked>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('customText.entities');
  /** Fires when the labels to draw for a document changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: { dispose(): unknown }[];

  constructor(
    private readonly labeling: LabelingProjects,
    private readonly log: Log,
  ) {
    this.disposables = [
      this.changed,
      this.diagnostics,
      vscode.workspace.onDidChangeTextDocument((e) => {
        this.edited(e);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        this.saved(d);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.forget(d.uri);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => {
        this.labelsOf(d);
      }),
      labeling.onDidChange(() => {
        this.refreshAll();
      }),
    ];
  }

  /** Starts following the documents open already (once the labels files are found). */
  trackOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) this.labelsOf(document);
  }

  /** The labels to draw for a document of an entity project (undefined for any other document). */
  labelsOf(document: vscode.TextDocument): DocumentLabels | undefined {
    const found = this.entityDocument(document);
    if (!found) return undefined;
    const tracked = this.track(document, found);
    if (!tracked) return undefined;
    return {
      labelsFile: found.project.labelsFile,
      location: found.location,
      categories: found.categories,
      live: tracked.live,
    };
  }

  /**
   * The document as a label action needs it: saved (the labels file must match the text on disk; a dirty document
   * is saved first) and read back the same as the editor holds it. A string says why it cannot be labelled.
   */
  async forLabeling(document: vscode.TextDocument): Promise<DocumentLabels | string> {
    const found = this.entityDocument(document);
    if (!found) {
      const other = document.uri.scheme === 'file' ? this.labeling.documentAt(document.uri.fsPath) : undefined;
      return other?.project.project
        ? `${other.location} is in a classification project; entity labels need an entity recognition project.`
        : 'This document is not in an entity project: open a .txt file in the folder of an entity project’s labels file.';
    }
    if (document.isDirty && !this.tracked.has(document.uri.toString()))
      return `${found.location} was edited before its labels were loaded, so where they fall now is unknown: revert or undo the edits, then label it.`;
    if (document.isDirty) {
      if (!(await document.save())) return 'Save the document first: its labels must match the text on disk.';
      this.saved(document); // now, not when the save event comes: the label action must start from the saved spans
    }
    const tracked = this.tracked.get(document.uri.toString());
    if (tracked?.checkedVersion !== document.version) {
      let disk: string;
      try {
        disk = await readDocumentInside(found.project.folder, document.uri.fsPath);
      } catch (e) {
        return `Could not read ${found.location} from disk (${e instanceof Error ? e.message : String(e)}).`;
      }
      if (disk !== document.getText())
        return `The editor holds ${found.location} differently from the file on disk (mixed line endings), so offsets would not match: make its line endings one kind and save it.`;
      if (tracked) tracked.checkedVersion = document.version;
    }
    const labels = this.labelsOf(document);
    return labels ?? 'The document is no longer in an entity project.';
  }

  /** Removes a flag (it was labelled again, or dismissed). */
  dismiss(uri: vscode.Uri, flag: { offset: number; length: number; category: string }): boolean {
    const tracked = this.tracked.get(uri.toString());
    if (!tracked) return false;
    const same = (f: Flag): boolean =>
      f.offset === flag.offset && f.length === flag.length && f.category === flag.category;
    if (!tracked.live.flags.some(same)) return false;
    tracked.live = { ...tracked.live, flags: tracked.live.flags.filter((f) => !same(f)) };
    tracked.savedFlags = tracked.savedFlags.filter((f) => !same(f));
    this.publish(uri, tracked);
    return true;
  }

  /** Clears the flags a new label covers (the text was labelled again). */
  dismissOverlapping(uri: vscode.Uri, span: { offset: number; length: number }): void {
    const tracked = this.tracked.get(uri.toString());
    if (!tracked) return;
    const apart = (f: Flag): boolean => f.offset + f.length <= span.offset || span.offset + span.length <= f.offset;
    if (tracked.live.flags.every(apart)) return;
    tracked.live = { ...tracked.live, flags: tracked.live.flags.filter(apart) };
    tracked.savedFlags = tracked.savedFlags.filter(apart);
    this.publish(uri, tracked);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private entityDocument(
    document: vscode.TextDocument,
  ): (ProjectDocument & { doc: EntityDocument; categories: string[] }) | undefined {
    if (document.uri.scheme !== 'file') return undefined;
    const found = this.labeling.documentAt(document.uri.fsPath);
    const file = found?.project.project?.file;
    if (!found || !file) return undefined;
    const assets = assetsOf(file);
    if (assets.projectKind !== 'CustomEntityRecognition') return undefined;
    // A .txt file of the folder not yet in the labels file is labelled as an empty document; its first label adds it.
    const doc =
      assets.documents.find((d) => d.location === found.location) ??
      (found.location.toLowerCase().endsWith('.txt')
        ? { location: found.location, language: file.metadata.language, entities: [] }
        : undefined);
    if (!doc) return undefined;
    return { ...found, doc, categories: categoriesOf(assets) };
  }

  /** Starts following a document; not one with edits made before it was followed (where its spans are is unknown). */
  private track(document: vscode.TextDocument, found: ProjectDocument & { doc: EntityDocument }): Tracked | undefined {
    const key = document.uri.toString();
    const existing = this.tracked.get(key);
    if (existing && existing.labelsFile === found.project.labelsFile && existing.location === found.location)
      return existing;
    if (document.isDirty) return undefined;
    const tracked: Tracked = {
      labelsFile: found.project.labelsFile,
      location: found.location,
      batches: [],
      savedFlags: [],
      live: liveLabelsOf(found.doc, [], []),
      text: document.getText(),
      savedText: document.getText(),
      checkedVersion: undefined,
    };
    this.tracked.set(key, tracked);
    return tracked;
  }

  private edited(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const tracked = this.tracked.get(key);
    if (!tracked || e.contentChanges.length === 0) return;
    const text = e.document.getText();
    // isDirty is not to be trusted here: VS Code reports the dirty state in an event of its own, after the edit.
    if (text === tracked.savedText) {
      // Back to the text on disk (undo to the save point, revert): the file's spans hold again.
      tracked.batches = [];
      tracked.text = text;
      this.recompute(e.document.uri, tracked);
      return;
    }
    const batch = e.contentChanges.map((c) => ({
      offset: c.rangeOffset,
      removedLength: c.rangeLength,
      insertedText: c.text,
    }));
    tracked.batches.push(batch);
    tracked.live = followEdits(tracked.live, batch, tracked.text);
    tracked.text = text;
    this.publish(e.document.uri, tracked);
  }

  private saved(document: vscode.TextDocument): void {
    const tracked = this.tracked.get(document.uri.toString());
    if (!tracked) return;
    tracked.savedText = document.getText();
    if (tracked.batches.length === 0) return;
    const { batches, live } = tracked;
    tracked.batches = [];
    tracked.savedFlags = live.flags;
    this.labeling
      .apply(tracked.labelsFile, (file) => saveLiveLabels(file, tracked.location, batches, live.spans))
      .then((result) => {
        if (!result.ok) this.log.error(`Could not update the labels of ${tracked.location}: ${result.reason}`);
      })
      .catch((e: unknown) => {
        this.log.error(`Could not update the labels of ${tracked.location}: ${String(e)}`);
      });
  }

  private forget(uri: vscode.Uri): void {
    if (!this.tracked.delete(uri.toString())) return;
    this.diagnostics.delete(uri);
  }

  /** The labels file changed (a label, undo, a hand edit): every open document starts again from it. */
  private refreshAll(): void {
    this.trackOpenDocuments(); // a project just found may hold documents open already
    for (const [key, tracked] of this.tracked) {
      const uri = vscode.Uri.parse(key);
      this.recompute(uri, tracked);
    }
  }

  private recompute(uri: vscode.Uri, tracked: Tracked): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const found = document ? this.entityDocument(document) : undefined;
    if (!found || found.project.labelsFile !== tracked.labelsFile || found.location !== tracked.location) {
      this.forget(uri);
      this.changed.fire(uri);
      return;
    }
    tracked.live = liveLabelsOf(found.doc, tracked.batches, tracked.savedFlags);
    this.publish(uri, tracked);
  }

  private publish(uri: vscode.Uri, tracked: Tracked): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document)
      this.diagnostics.set(
        uri,
        tracked.live.flags.map((flag) => {
          const range = new vscode.Range(
            document.positionAt(flag.offset),
            document.positionAt(flag.offset + Math.max(flag.length, 0)),
          );
          const what = flag.text === '' ? `A ${flag.category} label` : `The ${flag.category} label "${flag.text}"`;
          const diagnostic = new vscode.Diagnostic(
            range,
            `${what} was taken off: ${flag.reason}. Label the text again, or dismiss this.`,
            vscode.DiagnosticSeverity.Warning,
          );
          diagnostic.source = FLAG_SOURCE;
          diagnostic.code = 'labelEdited';
          return diagnostic;
        }),
      );
    this.changed.fire(uri);
  }
}
