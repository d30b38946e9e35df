// Quick fixes (code actions) for the problems of a labels file whose fix is clear: applied as an edit of the
// labels file's text, so Ctrl+Z undoes them like any other edit.
import * as vscode from 'vscode';
import { quickFixes } from '../core/labeling/quickFixes';
import type { LabelsDiagnostics } from './labelsDiagnostics';
import { LABELS_DIAGNOSTIC_SOURCE } from './labelsDiagnostics';

export class LabelsQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: LabelsDiagnostics) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const wanted = context.diagnostics.filter((d) => d.source === LABELS_DIAGNOSTIC_SOURCE);
    if (wanted.length === 0) return [];
    const text = document.getText();
    // A check of exactly this text: its ranges are the diagnostics' ranges.
    const check = await this.diagnostics.checkOf(document.uri.fsPath, text);
    if (!check.file || !check.positions) return [];
    const actions: vscode.CodeAction[] = [];
    for (const shown of wanted) {
      const problem = check.diagnostics.find(
        (d) =>
          d.code === shown.code &&
          document.offsetAt(shown.range.start) === d.fileRange.start &&
          document.offsetAt(shown.range.end) === d.fileRange.end,
      );
      if (!problem) continue;
      for (const fix of quickFixes(text, check.positions, check.file, problem)) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [shown];
        action.isPreferred = fix.preferred ?? false;
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits)
          action.edit.replace(
            document.uri,
            new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)),
            e.newText,
          );
        actions.push(action);
      }
    }
    return actions;
  }
}

/** Registers the quick fixes for JSON files (labels files are JSON). */
export function registerLabelsQuickFixes(diagnostics: LabelsDiagnostics): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    [
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
    ],
    new LabelsQuickFixes(diagnostics),
    { providedCodeActionKinds: LabelsQuickFixes.kinds },
  );
}
