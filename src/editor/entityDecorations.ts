import * as vscode from 'vscode';
import { ENTITY_COLOR_COUNT, entityColorId } from '../core/entityColors';
import type { ResultView } from '../core/views';

/**
 * Underlines the entities of the latest analysis in the editor, in their category's color, with the category and
 * confidence on hover. Cleared as soon as the document changes: the offsets would no longer be right.
 */
export class EntityDecorations implements vscode.Disposable {
  private readonly types = Array.from({ length: ENTITY_COLOR_COUNT }, (_, i) => {
    const color = new vscode.ThemeColor(entityColorId(i + 1));
    return vscode.window.createTextEditorDecorationType({
      borderWidth: '0 0 2px 0',
      borderStyle: 'solid',
      borderColor: color,
      overviewRulerColor: color,
      overviewRulerLane: vscode.OverviewRulerLane.Right,
    });
  });
  private current: { uri: string; view: ResultView } | undefined;
  private readonly listeners = [
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() === this.current?.uri && e.contentChanges.length > 0) this.clear();
    }),
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const editor of editors) this.paint(editor);
    }),
  ];

  apply(document: vscode.TextDocument, view: ResultView): void {
    this.clear();
    this.current = { uri: document.uri.toString(), view };
    for (const editor of vscode.window.visibleTextEditors) this.paint(editor);
  }

  /** How many entities are underlined in this editor now. */
  countIn(editor: vscode.TextEditor): number {
    return this.current?.uri === editor.document.uri.toString() ? this.current.view.entities.length : 0;
  }

  private paint(editor: vscode.TextEditor): void {
    const current = this.current;
    if (current === undefined || editor.document.uri.toString() !== current.uri) return;
    const { view } = current;
    const byColor = this.types.map((): vscode.DecorationOptions[] => []);
    for (const e of view.entities) {
      const start = editor.document.positionAt(view.offsetBase + e.offset);
      const end = editor.document.positionAt(view.offsetBase + e.offset + e.length);
      byColor[e.color - 1]?.push({
        range: new vscode.Range(start, end),
        hoverMessage: hoverOf(e.category, e.confidence, view.source),
      });
    }
    this.types.forEach((type, i) => {
      editor.setDecorations(type, byColor[i] ?? []);
    });
  }

  clear(): void {
    const uri = this.current?.uri;
    this.current = undefined;
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() === uri) for (const type of this.types) editor.setDecorations(type, []);
    }
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    for (const t of this.types) t.dispose();
  }
}

/** The hover of an entity: service text goes in as text (escaped), so no markdown, link or command comes of it. */
function hoverOf(category: string, confidence: number, source: string): vscode.MarkdownString {
  return new vscode.MarkdownString()
    .appendMarkdown('**')
    .appendText(category)
    .appendMarkdown('**')
    .appendText(` · ${(confidence * 100).toFixed(1)}% (${source})`);
}
