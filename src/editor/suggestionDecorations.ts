// Draws a document's suggestions apart from its labels: a dotted underline in the entity type's colour with the
// type and confidence after it; a class suggestion in the status bar. The hover and the lightbulb accept or
// reject one, or all of the document's; context keys tell the keybindings when the cursor is in one, and when the
// document has any (shown or not: a key pressed where none is shown says why).
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { colorsByCategory, entityColorId } from '../core/entityColors';
import type { EntitySuggestion } from '../core/suggestions/suggestions';
import { suggestionAt } from '../core/suggestions/suggestions';
import type { SuggestionStore } from '../labeling/suggestionStore';

export interface SuggestionCommandIds {
  accept: string;
  reject: string;
  acceptAll: string;
  rejectAll: string;
}

/** What was drawn last in a document (for the tests and the timing log). */
export interface DrawnSuggestions {
  entities: { category: string; offset: number; length: number; confidence: number }[];
  classes: { category: string; confidence: number }[];
  ms: number;
}

/** The suggestion an action is about, as plain JSON (the commands check it). */
export interface SuggestionTarget {
  uri: string;
  offset: number;
}

export const AT_CURSOR_CONTEXT = 'customText.suggestions.atCursor';
/** The document has suggestions, shown or below the threshold: the keys then answer, if only to say why not. */
export const IN_DOCUMENT_CONTEXT = 'customText.suggestions.inDocument';

const percent = (confidence: number): string => `${Math.round(confidence * 100)}%`;
/** The confidence shown after a span, in steps of 5%: few enough types for a document of thousands. */
const shownPercent = (confidence: number): string => `${Math.round(confidence * 20) * 5}%`;

export class SuggestionDecorations implements vscode.HoverProvider, vscode.CodeActionProvider, vscode.Disposable {
  /**
   * One decoration type per entity type and confidence step, its text after the span fixed in the type: the
   * decorations are then bare ranges, which VS Code sends in its fast path (per-decoration render options made
   * 5,000 suggestions take far longer to set).
   */
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  private readonly status = vscode.window.createStatusBarItem(
    'customText.suggestions.classes',
    vscode.StatusBarAlignment.Left,
    48,
  );
  private readonly drawn = new Map<string, DrawnSuggestions>();
  private readonly registrations: vscode.Disposable[];
  private atCursor = false;
  private inDocument = false;
  private contextSet: Thenable<unknown> = Promise.resolve();

  constructor(
    private readonly store: SuggestionStore,
    private readonly ids: SuggestionCommandIds,
  ) {
    this.status.name = 'Custom Text: Suggested Class';
    const selector: vscode.DocumentSelector = { scheme: 'file' };
    this.registrations = [
      store.onDidChange((uri) => {
        for (const editor of vscode.window.visibleTextEditors)
          if (editor.document.uri.fsPath === uri.fsPath) this.paint(editor);
        this.update();
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const editor of editors) this.paint(editor);
      }),
      vscode.window.onDidChangeActiveTextEditor(() => {
        this.update();
      }),
      vscode.window.onDidChangeTextEditorSelection(() => {
        this.update();
      }),
      // An edit moves the text under the suggestions: they no longer say where they are, so they go.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.store.get(e.document.uri.fsPath)) store.clear(e.document.uri.fsPath);
      }),
      vscode.languages.registerHoverProvider(selector, this),
      vscode.languages.registerCodeActionsProvider(selector, this, {
        providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
      }),
    ];
    for (const editor of vscode.window.visibleTextEditors) this.paint(editor);
  }

  /** Whether the cursor is in a suggestion, once the keybindings' context says so (for the tests). */
  async cursorInSuggestion(): Promise<boolean> {
    await this.contextSet;
    return this.atCursor;
  }

  drawnIn(uri: vscode.Uri): DrawnSuggestions | undefined {
    return this.drawn.get(uri.fsPath);
  }

  /** Draws the suggestions of an editor's document (none when they no longer match its text). */
  paint(editor: vscode.TextEditor): void {
    const started = performance.now();
    const key = editor.document.uri.fsPath;
    const stored = this.store.get(key);
    const current = stored && stored.text === editor.document.getText() ? stored.suggestions : undefined;
    if (!current && !this.drawn.has(key)) return;
    const byType = new Map<string, vscode.Range[]>();
    const entities = current?.entities ?? [];
    const colors = colorsByCategory(entities.map((e) => e.category));
    const document = editor.document;
    for (const e of entities) {
      const typeKey = `${colors.get(e.category) ?? 1}|${e.category}? ${shownPercent(e.confidence)}`;
      let ranges = byType.get(typeKey);
      if (!ranges) byType.set(typeKey, (ranges = []));
      ranges.push(new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)));
    }
    for (const [typeKey, type] of this.types) if (!byType.has(typeKey)) editor.setDecorations(type, []);
    for (const [typeKey, ranges] of byType) editor.setDecorations(this.typeFor(typeKey), ranges);
    if (current) this.drawn.set(key, { entities, classes: current.classes, ms: performance.now() - started });
    else this.drawn.delete(key);
  }

  private typeFor(typeKey: string): vscode.TextEditorDecorationType {
    const known = this.types.get(typeKey);
    if (known) return known;
    const bar = typeKey.indexOf('|');
    const color = new vscode.ThemeColor(entityColorId(Number(typeKey.slice(0, bar))));
    const type = vscode.window.createTextEditorDecorationType({
      textDecoration: 'underline dotted 2px',
      color,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      after: { color, margin: '0 0.2em 0 0.15em', fontStyle: 'italic', contentText: typeKey.slice(bar + 1) },
    });
    this.types.set(typeKey, type);
    return type;
  }

  /** The status bar's class suggestion and the keybindings' context, for the active editor. */
  private update(): void {
    const editor = vscode.window.activeTextEditor;
    const stored = editor ? this.store.get(editor.document.uri.fsPath) : undefined;
    const classes = stored?.suggestions.classes ?? [];
    const top = classes[0];
    if (top) {
      this.status.text = `$(sparkle) Suggested: ${classes.map((c) => `${c.category} ${percent(c.confidence)}`).join(', ')}`;
      this.status.tooltip = 'Alt+Y accepts the first suggestion, Alt+X rejects it; Alt+Shift+Y / Alt+Shift+X do all.';
      this.status.command = this.ids.accept;
      this.status.show();
    } else this.status.hide();
    const inEntity =
      editor !== undefined &&
      stored !== undefined &&
      suggestionAt(stored.suggestions, editor.document.offsetAt(editor.selection.active)) !== undefined;
    const inDocument = editor !== undefined && this.store.withHidden(editor.document.uri.fsPath) !== undefined;
    if (inDocument !== this.inDocument) {
      this.inDocument = inDocument;
      void vscode.commands.executeCommand('setContext', IN_DOCUMENT_CONTEXT, inDocument);
    }
    const atCursor = inEntity || top !== undefined;
    if (atCursor !== this.atCursor) {
      this.atCursor = atCursor;
      this.contextSet = vscode.commands.executeCommand('setContext', AT_CURSOR_CONTEXT, atCursor);
    }
  }

  private suggestionIn(document: vscode.TextDocument, offset: number): EntitySuggestion | undefined {
    const stored = this.store.get(document.uri.fsPath);
    if (!stored || stored.text !== document.getText()) return undefined;
    return suggestionAt(stored.suggestions, offset);
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const offset = document.offsetAt(position);
    const s = this.suggestionIn(document, offset);
    if (!s) return undefined;
    const args = encodeURIComponent(JSON.stringify([{ uri: document.uri.toString(), offset: s.offset }]));
    const docArgs = encodeURIComponent(JSON.stringify([{ uri: document.uri.toString(), offset: -1 }]));
    const hover = new vscode.MarkdownString()
      .appendMarkdown('Suggested **')
      .appendText(s.category)
      .appendMarkdown('** · ')
      .appendText(`${percent(s.confidence)} confident`)
      .appendMarkdown(
        `\n\n[Accept (Alt+Y)](command:${this.ids.accept}?${args}) · [Reject (Alt+X)](command:${this.ids.reject}?${args})` +
          ` · [Accept All](command:${this.ids.acceptAll}?${docArgs}) · [Reject All](command:${this.ids.rejectAll}?${docArgs})`,
      );
    hover.isTrusted = { enabledCommands: [this.ids.accept, this.ids.reject, this.ids.acceptAll, this.ids.rejectAll] };
    return new vscode.Hover(
      hover,
      new vscode.Range(document.positionAt(s.offset), document.positionAt(s.offset + s.length)),
    );
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const s = this.suggestionIn(document, document.offsetAt(range.start));
    if (!s) return [];
    const text = document.getText(
      new vscode.Range(document.positionAt(s.offset), document.positionAt(s.offset + s.length)),
    );
    const target: SuggestionTarget = { uri: document.uri.toString(), offset: s.offset };
    const whole: SuggestionTarget = { uri: document.uri.toString(), offset: -1 };
    const action = (title: string, command: string, arg: SuggestionTarget, preferred = false): vscode.CodeAction => {
      const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      a.command = { title, command, arguments: [arg] };
      a.isPreferred = preferred;
      return a;
    };
    return [
      action(`Accept the suggestion: “${text}” is ${s.category}`, this.ids.accept, target, true),
      action(`Reject the ${s.category} suggestion`, this.ids.reject, target),
      action('Accept every suggestion of the document', this.ids.acceptAll, whole),
      action('Reject every suggestion of the document', this.ids.rejectAll, whole),
    ];
  }

  dispose(): void {
    for (const r of this.registrations) r.dispose();
    for (const t of this.types.values()) t.dispose();
    this.status.dispose();
  }
}
