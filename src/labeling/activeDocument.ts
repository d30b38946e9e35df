// The labeling document in the active editor: which project it belongs to, shown in the status bar (its classes or
// entity count, its Train/Test set) and in context keys that enable the labeling keybindings.
import * as vscode from 'vscode';
import { assetsOf } from '../core/labeling/model';
import { documentRow } from '../core/labeling/summary';
import type { LabelingProjects, ProjectDocument } from './projects';

/** Context key: the kind of project of the active editor's document (single, multi, entities), unset otherwise. */
export const ACTIVE_KIND_CONTEXT = 'customText.labeling.activeKind';

const SHORT_KINDS = {
  CustomSingleLabelClassification: 'single',
  CustomMultiLabelClassification: 'multi',
  CustomEntityRecognition: 'entities',
} as const;

/** The project document open in an editor, if the file is one of a project's documents (listed or on disk). */
export function projectDocumentOf(
  labeling: LabelingProjects,
  uri: vscode.Uri | undefined,
): ProjectDocument | undefined {
  if (uri?.scheme !== 'file') return undefined;
  const doc = labeling.documentAt(uri.fsPath);
  if (!doc) return undefined;
  return doc.entry !== undefined || doc.project.onDisk.includes(doc.location) ? doc : undefined;
}

export class ActiveLabelingDocument implements vscode.Disposable {
  private readonly classes: vscode.StatusBarItem;
  private readonly dataset: vscode.StatusBarItem;
  private readonly disposables: { dispose(): unknown }[];
  private kind: string | undefined;

  constructor(
    private readonly labeling: LabelingProjects,
    private readonly commands: { classify: string; setDataset: string },
  ) {
    this.classes = vscode.window.createStatusBarItem('customText.labeling.classes', vscode.StatusBarAlignment.Left, 50);
    this.classes.name = 'Document Classes';
    this.classes.command = commands.classify;
    this.dataset = vscode.window.createStatusBarItem('customText.labeling.dataset', vscode.StatusBarAlignment.Left, 49);
    this.dataset.name = 'Document Train/Test Set';
    this.dataset.command = commands.setDataset;
    this.disposables = [
      this.classes,
      this.dataset,
      vscode.window.onDidChangeActiveTextEditor(() => {
        this.update();
      }),
      labeling.onDidChange(() => {
        this.update();
      }),
    ];
    void labeling.ready().then(() => {
      this.update();
    });
  }

  /** The project document of the active editor. */
  current(): ProjectDocument | undefined {
    return projectDocumentOf(this.labeling, vscode.window.activeTextEditor?.document.uri);
  }

  update(): void {
    const doc = this.current();
    const file = doc?.project.project?.file;
    const kind = file ? SHORT_KINDS[assetsOf(file).projectKind] : undefined;
    if (kind !== this.kind) {
      this.kind = kind;
      void vscode.commands.executeCommand('setContext', ACTIVE_KIND_CONTEXT, kind);
    }
    if (!doc || !file) {
      this.classes.hide();
      this.dataset.hide();
      return;
    }
    const row = documentRow(file, doc.location, true);
    const name = file.metadata.projectName;
    if (kind === 'entities') {
      const n = row.entities;
      this.classes.text = `$(symbol-field) ${n} entit${n === 1 ? 'y' : 'ies'}`;
      this.classes.tooltip = `Entity labels of ${doc.location} in ${name}`;
      this.classes.command = undefined;
    } else {
      const classes = row.classes;
      this.classes.text = `$(tag) ${classes.length > 0 ? classes.join(', ') : 'Unlabeled'}`;
      this.classes.command = this.commands.classify;
      this.classes.tooltip = `${kind === 'multi' ? 'Classes' : 'Class'} of ${doc.location} in ${name}: click (or Alt+L) to change`;
    }
    this.classes.show();
    this.dataset.text = `$(beaker) ${row.dataset ?? 'Train/Test: not set'}`;
    this.dataset.tooltip = `The set ${doc.location} is in for a manual split: click to change`;
    this.dataset.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
