// Draws a document's entity labels in the editor: a frame in the entity type's colour (the one its predictions are
// underlined in) with the type's name after the text. Redrawn as soon as the labels change: a label action, an edit
// the spans follow, undo, or the labels file changed on disk.
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { colorsByCategory, ENTITY_COLOR_COUNT, entityColorId } from '../core/entityColors';
import type { DocumentLabels, LiveDocuments } from '../labeling/liveDocuments';

/** What was drawn last in an editor's document (for the tests and the timing log). */
export interface Drawn {
  labels: { category: string; offset: number; length: number }[];
  /** How long computing and setting the decorations took. */
  ms: number;
  /** When they were set (performance.now() of the extension host). */
  at: number;
}

export class EntityLabelDecorations implements vscode.Disposable {
  private readonly types = Array.from({ length: ENTITY_COLOR_COUNT }, (_, i) => {
    const color = new vscode.ThemeColor(entityColorId(i + 1));
    return vscode.window.createTextEditorDecorationType({
      border: '1px solid',
      borderColor: color,
      borderRadius: '3px',
      overviewRulerColor: color,
      overviewRulerLane: vscode.OverviewRulerLane.Center,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      after: { color, margin: '0 0.2em 0 0.15em', fontStyle: 'italic' },
    });
  });
  private readonly drawn = new Map<string, Drawn>();
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly live: LiveDocuments) {
    this.listeners = [
      live.onDidChange((uri) => {
        for (const editor of vscode.window.visibleTextEditors)
          if (editor.document.uri.toString() === uri.toString()) this.paint(editor);
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const editor of editors) this.paint(editor);
      }),
    ];
    for (const editor of vscode.window.visibleTextEditors) this.paint(editor);
  }

  /** The labels drawn in the document last, or undefined when it has none drawn. */
  drawnIn(uri: vscode.Uri): Drawn | undefined {
    return this.drawn.get(uri.toString());
  }

  paintAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.paint(editor);
  }

  private paint(editor: vscode.TextEditor): void {
    const started = performance.now();
    const labels = this.live.labelsOf(editor.document);
    const key = editor.document.uri.toString();
    if (!labels && !this.drawn.has(key)) return;
    const byColor = this.decorate(editor.document, labels);
    this.types.forEach((type, i) => {
      editor.setDecorations(type, byColor[i] ?? []);
    });
    if (labels)
      this.drawn.set(key, {
        labels: labels.live.spans.map(({ category, offset, length }) => ({ category, offset, length })),
        ms: performance.now() - started,
        at: performance.now(),
      });
    else this.drawn.delete(key);
  }

  private decorate(document: vscode.TextDocument, labels: DocumentLabels | undefined): vscode.DecorationOptions[][] {
    const byColor = this.types.map((): vscode.DecorationOptions[] => []);
    if (!labels) return byColor;
    const colors = colorsByCategory([...labels.categories, ...labels.live.spans.map((s) => s.category)]);
    for (const span of labels.live.spans) {
      const color = colors.get(span.category) ?? 1;
      byColor[color - 1]?.push({
        range: new vscode.Range(document.positionAt(span.offset), document.positionAt(span.offset + span.length)),
        renderOptions: { after: { contentText: span.category } },
      });
    }
    return byColor;
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    for (const t of this.types) t.dispose();
  }
}
