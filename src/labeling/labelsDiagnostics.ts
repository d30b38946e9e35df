// Problems of the workspace's labels files in the Problems view: on the labels file (parse errors, validation,
// the project kind's casing) and, for a problem about a span, on the document too. A labels file is checked from
// its open editor's text while it has unsaved edits (debounced), else from the text its store holds (what it last
// wrote or read: the disk, read again later, may still hold an older text); again when its documents change.
import path from 'node:path';
import * as vscode from 'vscode';
import type { LabelsCheck, LocatedDiagnostic } from '../core/labeling/checkLabelsText';
import { checkLabelsText } from '../core/labeling/checkLabelsText';
import type { Severity } from '../core/labeling/diagnostics';
import { locationOf, resolveLocation } from '../core/labeling/locations';
import { linePositions } from '../core/linePositions';
import type { Log } from '../platform/logger';
import { readDocumentInside } from '../workspace/boundedRead';
import { looksLikeLabelsFile } from '../core/labeling/looksLikeLabelsFile';
import type { LabelingProjects } from './projects';

const DEBOUNCE_MS = 250;
export const LABELS_DIAGNOSTIC_SOURCE = 'Custom Text';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The last check of a labels file: what quick fixes start from. */
export interface CheckedText extends LabelsCheck {
  text: string;
}

/** Offsets of a text as positions, without an open document. */
function positionsOf(text: string): (offset: number) => vscode.Position {
  const positionOf = linePositions(text);
  return (offset) => {
    const { line, character } = positionOf(offset);
    return new vscode.Position(line, character);
  };
}

function toDiagnostic(d: LocatedDiagnostic, range: vscode.Range): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
  diagnostic.source = LABELS_DIAGNOSTIC_SOURCE;
  diagnostic.code = d.code;
  return diagnostic;
}

const resolved = (file: string): string => path.resolve(file);

export class LabelsDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('customText.labelsFile');
  private readonly checked = new Map<string, CheckedText>();
  /** Per labels file, the diagnostics it puts on documents, by document path. */
  private readonly onDocuments = new Map<string, Map<string, vscode.Diagnostic[]>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generation = new Map<string, number>();
  /** Document texts read from disk, by path, until the file changes. */
  private readonly diskTexts = new Map<string, string | undefined>();
  private readonly disposables: { dispose(): unknown }[] = [this.collection];
  private started: Promise<void> | undefined;

  constructor(
    private readonly labeling: LabelingProjects,
    private readonly log: Log,
  ) {
    // Cheap until a labels file shows up: then every labels file of the workspace is checked.
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (!this.isLabelsDocument(doc)) return;
        void this.start().then(() => {
          this.schedule(doc.uri.fsPath);
        });
      }),
    );
    if (vscode.workspace.textDocuments.some((doc) => this.isLabelsDocument(doc))) void this.start();
  }

  /** Starts checking every labels file of the workspace (once). */
  start(): Promise<void> {
    this.started ??= this.begin();
    return this.started;
  }

  /** The last check of a labels file, when its text is still `text`. */
  lastCheck(labelsFile: string, text: string): CheckedText | undefined {
    const check = this.checked.get(resolved(labelsFile));
    return check?.text === text ? check : undefined;
  }

  /** A check of `text` as the labels file's content: the last one when it was of this text, else a new one. */
  async checkOf(labelsFile: string, text: string): Promise<CheckedText> {
    const last = this.lastCheck(labelsFile, text);
    if (last) return last;
    const folder = path.dirname(resolved(labelsFile));
    return { ...(await checkLabelsText(text, (locations) => this.readTexts(folder, locations))), text };
  }

  /** Checks a labels file now (the debounce skipped); resolves once its diagnostics are set. */
  async checkNow(labelsFile: string): Promise<void> {
    await this.start();
    await this.check(resolved(labelsFile));
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }

  private isLabelsDocument(doc: vscode.TextDocument): boolean {
    if (doc.uri.scheme !== 'file' || !doc.uri.fsPath.toLowerCase().endsWith('.json')) return false;
    return this.labeling.get(doc.uri.fsPath) !== undefined || looksLikeLabelsFile(doc.getText());
  }

  private async begin(): Promise<void> {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.txt');
    const onDisk = (uri: vscode.Uri): void => {
      this.diskTexts.delete(resolved(uri.fsPath));
      this.documentChanged(uri.fsPath);
    };
    this.disposables.push(
      watcher,
      watcher.onDidChange(onDisk),
      watcher.onDidCreate(onDisk),
      watcher.onDidDelete(onDisk),
      vscode.workspace.onDidChangeTextDocument((e) => {
        const doc = e.document;
        if (doc.uri.scheme !== 'file') return;
        if (this.isLabelsDocument(doc)) this.schedule(doc.uri.fsPath);
        else if (doc.uri.fsPath.toLowerCase().endsWith('.txt')) this.documentChanged(doc.uri.fsPath);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (this.checked.has(resolved(doc.uri.fsPath))) this.schedule(doc.uri.fsPath);
        else if (doc.uri.fsPath.toLowerCase().endsWith('.txt')) this.documentChanged(doc.uri.fsPath);
      }),
      // Added, changed on disk, relabelled, documents added or removed, or gone (then its problems go).
      this.labeling.onDidChange(({ project }) => {
        this.schedule(project.labelsFile);
      }),
    );
    await this.labeling.ready();
    const files = new Set(this.labeling.all().map((p) => p.labelsFile));
    for (const doc of vscode.workspace.textDocuments)
      if (this.isLabelsDocument(doc)) files.add(resolved(doc.uri.fsPath));
    await Promise.all([...files].map((file) => this.check(file)));
  }

  /** A document's text changed: the labels files whose folder holds it are checked again. */
  private documentChanged(file: string): void {
    const labelsFiles = new Set([...this.checked.keys(), ...this.labeling.all().map((p) => p.labelsFile)]);
    for (const labelsFile of labelsFiles)
      if (locationOf(path.dirname(labelsFile), resolved(file)) !== undefined) this.schedule(labelsFile);
  }

  private schedule(file: string): void {
    const labelsFile = resolved(file);
    clearTimeout(this.timers.get(labelsFile));
    this.timers.set(
      labelsFile,
      setTimeout(() => {
        this.timers.delete(labelsFile);
        void this.check(labelsFile);
      }, DEBOUNCE_MS),
    );
  }

  private openDocument(file: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && resolved(d.uri.fsPath) === file);
  }

  private async check(labelsFile: string): Promise<void> {
    const generation = (this.generation.get(labelsFile) ?? 0) + 1;
    this.generation.set(labelsFile, generation);
    try {
      const open = this.openDocument(labelsFile);
      const project = this.labeling.get(labelsFile);
      const text = open && (open.isDirty || !project) ? open.getText() : project?.text;
      const known = project !== undefined;
      if (text === undefined || (!known && !(open && looksLikeLabelsFile(text)))) {
        this.forget(labelsFile);
        return;
      }
      const folder = path.dirname(labelsFile);
      // Bytes that are not UTF-8 show only in the store's problems: the text it holds is a stand-in.
      const encoding = open?.isDirty ? [] : (project?.problems.filter((p) => p.code === 'invalidEncoding') ?? []);
      const result: LabelsCheck =
        encoding.length > 0
          ? { diagnostics: encoding.map((d) => ({ ...d, fileRange: { start: 0, end: 0 } })), texts: new Map() }
          : await checkLabelsText(text, (locations) => this.readTexts(folder, locations));
      if (this.generation.get(labelsFile) !== generation) return; // A newer check is under way.
      this.checked.set(labelsFile, { ...result, text });
      const at = positionsOf(text);
      const uri = vscode.Uri.file(labelsFile);
      this.collection.set(
        uri,
        result.diagnostics.map((d) => toDiagnostic(d, new vscode.Range(at(d.fileRange.start), at(d.fileRange.end)))),
      );
      this.setDocumentDiagnostics(labelsFile, this.documentDiagnostics(folder, result));
    } catch (error) {
      this.log.error(`Checking ${labelsFile}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Span problems on the documents themselves, at the span. */
  private documentDiagnostics(folder: string, result: LabelsCheck): Map<string, vscode.Diagnostic[]> {
    const byDocument = new Map<string, vscode.Diagnostic[]>();
    const positions = new Map<string, (offset: number) => vscode.Position>();
    for (const d of result.diagnostics) {
      if (d.document === undefined || d.range === undefined) continue;
      const text = result.texts.get(d.document);
      const file = resolveLocation(folder, d.document);
      if (text === undefined || file === undefined) continue;
      let at = positions.get(file);
      if (!at) {
        at = positionsOf(text);
        positions.set(file, at);
      }
      const range = new vscode.Range(at(d.range.offset), at(d.range.offset + d.range.length));
      byDocument.set(file, [...(byDocument.get(file) ?? []), toDiagnostic(d, range)]);
    }
    return byDocument;
  }

  private setDocumentDiagnostics(labelsFile: string, byDocument: Map<string, vscode.Diagnostic[]>): void {
    const touched = new Set([...(this.onDocuments.get(labelsFile)?.keys() ?? []), ...byDocument.keys()]);
    if (byDocument.size > 0) this.onDocuments.set(labelsFile, byDocument);
    else this.onDocuments.delete(labelsFile);
    for (const file of touched) {
      const all = [...this.onDocuments.values()].flatMap((m) => m.get(file) ?? []);
      this.collection.set(vscode.Uri.file(file), all);
    }
  }

  private forget(labelsFile: string): void {
    this.checked.delete(labelsFile);
    this.collection.delete(vscode.Uri.file(labelsFile));
    this.setDocumentDiagnostics(labelsFile, new Map());
  }

  /** The documents' texts: an open editor's, else the file's (read once until it changes). */
  private async readTexts(folder: string, locations: readonly string[]): Promise<Map<string, string | undefined>> {
    const texts = new Map<string, string | undefined>();
    const open = new Map(
      vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => [resolved(d.uri.fsPath), d]),
    );
    const read = async (location: string): Promise<void> => {
      const file = resolveLocation(folder, location);
      if (file === undefined) {
        texts.set(location, undefined);
        return;
      }
      const doc = open.get(file);
      if (doc) {
        texts.set(location, doc.getText());
        return;
      }
      // Bounded and inside the project: a link out of it, or to /dev/zero, counts as no document.
      if (!this.diskTexts.has(file))
        this.diskTexts.set(file, await readDocumentInside(folder, file).catch(() => undefined));
      texts.set(location, this.diskTexts.get(file));
    };
    // A few at a time: a project of 10,000 documents must not open them all at once.
    for (let i = 0; i < locations.length; i += 32) await Promise.all(locations.slice(i, i + 32).map(read));
    return texts;
  }
}
