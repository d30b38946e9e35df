import * as vscode from 'vscode';
import { classNotes, classVerdicts, spanNote } from '../core/reviewNotes';
import { compareSpans, reviewColorIds, verdictText } from '../core/testSetView';
import type { SpanVerdict, TestDocument } from '../core/testSetView';

/**
 * A test document's labels and the model's predictions drawn together in the editor: a match underlined solid, a
 * label the model missed framed dashed, a prediction nobody labeled underlined dotted, each in its own colour with
 * a hover that says which and a glyph after an error (notes after text never wrap: see core/reviewNotes); classes
 * as notes after the first line. Cleared when the document changes: the offsets are those of the text that was
 * evaluated.
 */
export class ReviewDecorations implements vscode.Disposable {
  private readonly types: Record<SpanVerdict, vscode.TextEditorDecorationType> = {
    match: this.type('match', { borderWidth: '0 0 2px 0', borderStyle: 'solid' }),
    missed: this.type('missed', { borderWidth: '1px', borderStyle: 'dashed' }),
    spurious: this.type('spurious', { borderWidth: '0 0 2px 0', borderStyle: 'dotted' }),
  };
  private current: { uri: string; row: TestDocument } | undefined;
  private readonly listeners = [
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() === this.current?.uri && e.contentChanges.length > 0) this.clear();
    }),
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const editor of editors) this.paint(editor);
    }),
  ];
  /** What the last paint drew, per verdict (for tests and the log). */
  lastDrawn: Record<SpanVerdict, number> & { uri?: string; hovers: string[]; notes: string[] } = {
    match: 0,
    missed: 0,
    spurious: 0,
    hovers: [],
    notes: [],
  };

  private type(verdict: SpanVerdict, border: vscode.DecorationRenderOptions): vscode.TextEditorDecorationType {
    const color = new vscode.ThemeColor(reviewColorIds[verdict]);
    return vscode.window.createTextEditorDecorationType({
      ...border,
      borderColor: color,
      overviewRulerColor: color,
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      after: { color, margin: '0 0.2em', fontWeight: 'bold' },
    });
  }

  apply(document: vscode.TextDocument, row: TestDocument): void {
    this.clear();
    this.current = { uri: document.uri.toString(), row };
    for (const editor of vscode.window.visibleTextEditors) this.paint(editor);
  }

  private paint(editor: vscode.TextEditor): void {
    const current = this.current;
    if (current === undefined || editor.document.uri.toString() !== current.uri) return;
    const { row } = current;
    const options: Record<SpanVerdict, vscode.DecorationOptions[]> = { match: [], missed: [], spurious: [] };
    const document = editor.document;
    for (const { span, verdict, predictedAs } of compareSpans(row.expectedSpans, row.predictedSpans)) {
      const range = new vscode.Range(document.positionAt(span.offset), document.positionAt(span.offset + span.length));
      const note = spanNote(verdict);
      options[verdict].push({
        range,
        hoverMessage: new vscode.MarkdownString().appendText(verdictText(verdict, span.category, predictedAs)),
        ...(note === undefined ? {} : { renderOptions: { after: { contentText: note } } }),
      });
    }
    // Classes belong to the whole document: shown after its first line, one note per class.
    const firstLine = document.lineAt(0).range.end;
    const classes = classVerdicts(row.expectedClasses, row.predictedClasses);
    const notes = classNotes(classes);
    classes.forEach(({ category, verdict }, i) => {
      options[verdict].push({
        range: new vscode.Range(firstLine, firstLine),
        hoverMessage: new vscode.MarkdownString().appendText(verdictText(verdict, category, undefined)),
        renderOptions: { after: { contentText: notes[i] ?? '' } },
      });
    });
    for (const verdict of ['match', 'missed', 'spurious'] as const) {
      editor.setDecorations(this.types[verdict], options[verdict]);
    }
    this.lastDrawn = {
      match: options.match.length,
      missed: options.missed.length,
      spurious: options.spurious.length,
      uri: current.uri,
      hovers: Object.values(options).flatMap((list) =>
        list.flatMap((o) => (o.hoverMessage instanceof vscode.MarkdownString ? [o.hoverMessage.value] : [])),
      ),
      notes: Object.values(options).flatMap((list) => list.flatMap((o) => o.renderOptions?.after?.contentText ?? [])),
    };
  }

  clear(): void {
    const uri = this.current?.uri;
    this.current = undefined;
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== uri) continue;
      for (const type of Object.values(this.types)) editor.setDecorations(type, []);
    }
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    for (const t of Object.values(this.types)) t.dispose();
  }
}
