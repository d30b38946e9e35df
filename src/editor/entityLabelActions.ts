// What a label offers where it is drawn: the hover names its type and links to changing or removing it, and the
// lightbulb does the same from the keyboard; a label an edit took off (a diagnostic) can be labelled again or
// dismissed. The actions run the entity commands with the label they are about.
import * as vscode from 'vscode';
import type { Flag } from '../core/labeling/liveLabels';
import type { Span } from '../core/labeling/model';
import type { LiveDocuments } from '../labeling/liveDocuments';
import { FLAG_SOURCE } from '../labeling/liveDocuments';

export interface LabelCommandIds {
  changeLabel: string;
  removeLabel: string;
  relabelFlag: string;
  dismissFlag: string;
}

/** What the commands get: the document and the label, as plain JSON (the commands check it). */
export interface LabelTarget {
  uri: string;
  offset: number;
  length: number;
  category: string;
}

const target = (
  document: vscode.TextDocument,
  s: { offset: number; length: number; category: string },
): LabelTarget => ({
  uri: document.uri.toString(),
  offset: s.offset,
  length: s.length,
  category: s.category,
});

export class EntityLabelActions implements vscode.HoverProvider, vscode.CodeActionProvider, vscode.Disposable {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  private readonly registrations: vscode.Disposable[];

  constructor(
    private readonly live: LiveDocuments,
    private readonly ids: LabelCommandIds,
  ) {
    const selector: vscode.DocumentSelector = { scheme: 'file' };
    this.registrations = [
      vscode.languages.registerHoverProvider(selector, this),
      vscode.languages.registerCodeActionsProvider(selector, this, {
        providedCodeActionKinds: EntityLabelActions.kinds,
      }),
    ];
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const offset = document.offsetAt(position);
    const span = this.live
      .labelsOf(document)
      ?.live.spans.find((s) => s.offset <= offset && offset < s.offset + s.length);
    if (!span) return undefined;
    const link = (title: string, id: string): string =>
      `[${title}](command:${id}?${encodeURIComponent(JSON.stringify([target(document, span)]))})`;
    const text = document.getText(this.rangeOf(document, span));
    const hover = new vscode.MarkdownString()
      .appendMarkdown('**')
      .appendText(span.category)
      .appendMarkdown('** label · ')
      .appendText(`“${text}” (${span.offset}+${span.length})`)
      .appendMarkdown(`\n\n${link('Change Type…', this.ids.changeLabel)} · ${link('Remove', this.ids.removeLabel)}`);
    hover.isTrusted = { enabledCommands: [this.ids.changeLabel, this.ids.removeLabel] };
    return new vscode.Hover(hover, this.rangeOf(document, span));
  }

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const labels = this.live.labelsOf(document);
    if (!labels) return [];
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const touched = (s: { offset: number; length: number }): boolean => s.offset <= end && start <= s.offset + s.length;
    const actions = labels.live.spans.filter(touched).flatMap((span) => this.spanActions(document, span));
    const flagged = context.diagnostics.some((d) => d.source === FLAG_SOURCE);
    if (flagged)
      for (const flag of labels.live.flags.filter(touched)) actions.push(...this.flagActions(document, flag));
    return actions;
  }

  private spanActions(document: vscode.TextDocument, span: Span): vscode.CodeAction[] {
    const text = document.getText(this.rangeOf(document, span));
    const change = new vscode.CodeAction(
      `Change the ${span.category} label of “${text}” to…`,
      vscode.CodeActionKind.QuickFix,
    );
    change.command = { title: change.title, command: this.ids.changeLabel, arguments: [target(document, span)] };
    const remove = new vscode.CodeAction(
      `Remove the ${span.category} label of “${text}”`,
      vscode.CodeActionKind.QuickFix,
    );
    remove.command = { title: remove.title, command: this.ids.removeLabel, arguments: [target(document, span)] };
    return [change, remove];
  }

  private flagActions(document: vscode.TextDocument, flag: Flag): vscode.CodeAction[] {
    const text = document.getText(this.rangeOf(document, flag));
    const relabel = new vscode.CodeAction(`Label “${text}” as ${flag.category} again`, vscode.CodeActionKind.QuickFix);
    relabel.command = { title: relabel.title, command: this.ids.relabelFlag, arguments: [target(document, flag)] };
    relabel.isPreferred = true;
    const dismiss = new vscode.CodeAction(`Dismiss: leave the text unlabelled`, vscode.CodeActionKind.QuickFix);
    dismiss.command = { title: dismiss.title, command: this.ids.dismissFlag, arguments: [target(document, flag)] };
    return [relabel, dismiss];
  }

  private rangeOf(document: vscode.TextDocument, s: { offset: number; length: number }): vscode.Range {
    return new vscode.Range(document.positionAt(s.offset), document.positionAt(s.offset + s.length));
  }

  dispose(): void {
    for (const r of this.registrations) r.dispose();
  }
}
