// Brush mode: an entity type is picked once, then every selection made with the mouse or the keyboard is labelled
// with it, until Escape or Stop Brush. A selection is labelled once it has stayed put for a moment, so a drag or a
// run of Shift+arrows labels what it ends on rather than each step on the way.
import * as vscode from 'vscode';
import type { EntityLabelDeps } from './entityLabels';
import { labelSelections, pickEntityType } from './entityLabels';

const SETTLE_MS = 350;
const CONTEXT_KEY = 'customText.entities.brushActive';

export class EntityBrush implements vscode.Disposable {
  private category: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly status = vscode.window.createStatusBarItem(
    'customText.entities.brush',
    vscode.StatusBarAlignment.Left,
    100,
  );
  private readonly listener: vscode.Disposable;

  constructor(
    private readonly deps: EntityLabelDeps,
    stopCommand: string,
  ) {
    this.status.name = 'Entity Brush';
    this.status.command = stopCommand;
    this.listener = vscode.window.onDidChangeTextEditorSelection((e) => {
      this.selectionChanged(e);
    });
  }

  /** The type the brush labels with, or undefined when it is off. */
  get active(): string | undefined {
    return this.category;
  }

  /** Picks the type and starts the brush (again, with another type, when it is on). */
  async start(): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    const labels = editor ? this.deps.live.labelsOf(editor.document) : undefined;
    if (!labels) {
      await this.deps.prompter.message('Open a document of an entity project to label with the brush.');
      return undefined;
    }
    const category = await pickEntityType(this.deps.prompter, labels.categories, 'Brush: label every selection as');
    if (category === undefined) return undefined;
    this.category = category;
    this.status.text = `$(paintcan) ${category}`;
    this.status.tooltip = `Every selection is labelled ${category}. Escape or click here to stop.`;
    this.status.show();
    await vscode.commands.executeCommand('setContext', CONTEXT_KEY, true);
    return category;
  }

  async stop(): Promise<void> {
    this.category = undefined;
    clearTimeout(this.timer);
    this.status.hide();
    await vscode.commands.executeCommand('setContext', CONTEXT_KEY, false);
  }

  private selectionChanged(e: vscode.TextEditorSelectionChangeEvent): void {
    const category = this.category;
    if (category === undefined || e.kind === vscode.TextEditorSelectionChangeKind.Command) return;
    clearTimeout(this.timer);
    if (e.selections.every((s) => s.isEmpty)) return;
    if (!this.deps.live.labelsOf(e.textEditor.document)) return;
    this.timer = setTimeout(() => {
      if (vscode.window.activeTextEditor !== e.textEditor || this.category !== category) return;
      labelSelections(this.deps, e.textEditor, category).catch((error: unknown) => {
        this.deps.log.error(`Brush: ${error instanceof Error ? error.message : String(error)}`);
      });
    }, SETTLE_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.status.dispose();
    this.listener.dispose();
  }
}
