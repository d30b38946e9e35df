// What the hover and the lightbulb do with one label: change its type, remove it, or, for a label an edit took
// off, label its text again or dismiss the flag. Their arguments come from anywhere, so they are checked.
import * as vscode from 'vscode';
import { z } from 'zod';
import { addSpan, removeSpan } from '../core/labeling/spanOps';
import type { DocumentLabels } from '../labeling/liveDocuments';
import type { EntityLabelDeps, LabelOutcome } from './entityLabels';
import { change, labelable, NONE, pickEntityType } from './entityLabels';

/** The label an action of the hover or the lightbulb is about (checked: a command can be run with arguments of every shape). */
const labelTargetSchema = z.object({
  uri: z.string(),
  offset: z.number().int().nonnegative(),
  length: z.number().int().positive(),
  category: z.string(),
});

async function targetOf(
  deps: EntityLabelDeps,
  arg: unknown,
): Promise<
  | { target: z.infer<typeof labelTargetSchema>; editor: vscode.TextEditor | undefined; labels: DocumentLabels }
  | undefined
> {
  const parsed = labelTargetSchema.safeParse(arg);
  const editor = vscode.window.activeTextEditor;
  if (!parsed.success) {
    // From the palette: the label under the cursor.
    const document = editor?.document;
    const labels = document ? deps.live.labelsOf(document) : undefined;
    const at = editor ? editor.document.offsetAt(editor.selection.active) : -1;
    const span = labels?.live.spans.find((s) => s.offset <= at && at <= s.offset + s.length);
    if (!span || !document) {
      await deps.prompter.message('Put the cursor on a label first.');
      return undefined;
    }
    return targetOf(deps, { uri: document.uri.toString(), ...span });
  }
  const uri = vscode.Uri.parse(parsed.data.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const labels = await labelable(deps, document);
  if (!labels) return undefined;
  return { target: parsed.data, editor: vscode.window.visibleTextEditors.find((e) => e.document === document), labels };
}

export async function changeLabel(deps: EntityLabelDeps, arg: unknown): Promise<LabelOutcome> {
  const found = await targetOf(deps, arg);
  if (!found) return NONE;
  const { target, labels } = found;
  const others = labels.categories.filter((c) => c !== target.category);
  const category = await pickEntityType(deps.prompter, others, `Change the ${target.category} label to`);
  if (category === undefined) return NONE;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
  const span = { category, offset: target.offset, length: target.length };
  const done = await change(deps, labels, (file) => {
    const removed = removeSpan(file, labels.location, target);
    return removed.ok ? addSpan(removed.value, labels.location, document.getText(), span) : removed;
  });
  return done ? { added: [span], removed: [target], refused: [] } : NONE;
}

export async function removeLabel(deps: EntityLabelDeps, arg: unknown): Promise<LabelOutcome> {
  const found = await targetOf(deps, arg);
  if (!found) return NONE;
  const { target, labels } = found;
  const done = await change(deps, labels, (file) => removeSpan(file, labels.location, target));
  return done ? { added: [], removed: [target], refused: [] } : NONE;
}

/** Labels the text a flagged label now covers with its type again, and clears the flag. */
export async function relabelFlag(deps: EntityLabelDeps, arg: unknown): Promise<LabelOutcome> {
  const parsed = labelTargetSchema.safeParse(arg);
  if (!parsed.success) {
    await deps.prompter.message('Use the lightbulb on a flagged label to label it again.');
    return NONE;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(parsed.data.uri));
  const labels = await labelable(deps, document);
  if (!labels) return NONE;
  const span = { category: parsed.data.category, offset: parsed.data.offset, length: parsed.data.length };
  const done = await change(deps, labels, (file) => addSpan(file, labels.location, document.getText(), span));
  if (!done) return NONE;
  deps.live.dismiss(document.uri, parsed.data);
  return { added: [span], removed: [], refused: [] };
}

export async function dismissFlag(deps: EntityLabelDeps, arg: unknown): Promise<boolean> {
  const parsed = labelTargetSchema.safeParse(arg);
  if (!parsed.success) {
    await deps.prompter.message('Use the lightbulb on a flagged label to dismiss it.');
    return false;
  }
  return deps.live.dismiss(vscode.Uri.parse(parsed.data.uri), parsed.data);
}
