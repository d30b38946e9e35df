// The entity labeling commands of the editor: label the selections (a type chosen by its key), label every
// occurrence of a text, and change, remove or restore one label. Each action is one change of the labels file (one
// undo step), reflected in the editor as soon as it is made; what could not be labelled is said with the reason.
import path from 'node:path';
import * as vscode from 'vscode';
import { z } from 'zod';
import type { LabelsFile, OpResult, Span } from '../core/labeling/model';
import { assetsOf, ok } from '../core/labeling/model';
import { addSpan, labelAllOccurrences, removeSpan } from '../core/labeling/spanOps';
import { typeKeys } from '../core/labeling/typeKeys';
import type { TextRange } from '../core/labeling/wordSnap';
import { snapToWords, trimRange } from '../core/labeling/wordSnap';
import type { DocumentLabels, LiveDocuments } from '../labeling/liveDocuments';
import type { LabelingProjects } from '../labeling/projects';
import { readDocumentTexts } from '../core/labeling/workspaceProject';
import type { Log } from '../platform/logger';
import type { KeyedItem } from '../platform/pickByKey';
import type { Prompter } from '../platform/prompter';

export interface EntityLabelDeps {
  labeling: LabelingProjects;
  live: LiveDocuments;
  prompter: Prompter;
  log: Log;
}

/** What a label action did: the spans added (or removed) and what was refused, each with why. */
export interface LabelOutcome {
  added: Span[];
  removed: Span[];
  refused: { offset: number; length: number; reason: string }[];
}

const NONE: LabelOutcome = { added: [], removed: [], refused: [] };

/** Whether selections are widened to whole words (the customText.entities.snapToWords setting). */
export function snapsToWords(): boolean {
  return vscode.workspace.getConfiguration('customText').get<boolean>('entities.snapToWords', false);
}

/** Asks for an entity type; each is chosen by its key, or by name. */
export async function pickEntityType(
  prompter: Prompter,
  categories: readonly string[],
  title: string,
): Promise<string | undefined> {
  if (categories.length === 0) {
    await prompter.message('This project has no entity types yet: add one to its labels file first.');
    return undefined;
  }
  const items: (KeyedItem & { category: string })[] = typeKeys(categories).map(({ category, key }) => ({
    label: category,
    description: key === undefined ? undefined : `key ${key}`,
    key,
    category,
  }));
  const chosen = await prompter.pickByKey(items, {
    title,
    placeholder: 'Press a type’s key (1–9, a–z), or type its name and press Enter',
  });
  return chosen?.category;
}

/** The active editor's document ready for labelling, or undefined once the user was told why not. */
async function labelable(
  deps: EntityLabelDeps,
  document: vscode.TextDocument | undefined,
): Promise<DocumentLabels | undefined> {
  if (!document) {
    await deps.prompter.message('Open a document of an entity project and select the text to label.');
    return undefined;
  }
  const labels = await deps.live.forLabeling(document);
  if (typeof labels === 'string') {
    await deps.prompter.message(labels);
    return undefined;
  }
  return labels;
}

/** Applies a change, saying why when the labels file refused it. */
async function change(
  deps: EntityLabelDeps,
  labels: DocumentLabels,
  op: (file: LabelsFile) => OpResult,
): Promise<boolean> {
  const result = await deps.labeling.apply(labels.labelsFile, op);
  if (!result.ok) await deps.prompter.message(result.reason);
  return result.ok;
}

/** The ranges the selections label: trimmed, or widened to words when the setting asks. */
function selectedRanges(editor: vscode.TextEditor): TextRange[] {
  const text = editor.document.getText();
  const snap = snapsToWords();
  return editor.selections
    .filter((s) => !s.isEmpty)
    .map((s) => {
      const range = { start: editor.document.offsetAt(s.start), end: editor.document.offsetAt(s.end) };
      return snap ? snapToWords(text, range) : trimRange(text, range);
    })
    .sort((a, b) => a.start - b.start);
}

/** Labels every selection of the editor as `category` (asked for when not given). */
export async function labelSelections(
  deps: EntityLabelDeps,
  editor: vscode.TextEditor | undefined,
  category?: string,
): Promise<LabelOutcome> {
  if (editor && editor.selections.every((s) => s.isEmpty)) {
    await deps.prompter.message('Select the text to label first (several selections are labelled together).');
    return NONE;
  }
  const labels = await labelable(deps, editor?.document);
  if (!editor || !labels) return NONE;
  const type = category ?? (await pickEntityType(deps.prompter, labels.categories, 'Label the selection as'));
  if (type === undefined) return NONE;
  const text = editor.document.getText();
  const outcome: LabelOutcome = { added: [], removed: [], refused: [] };
  await change(deps, labels, (file) => {
    let current = file;
    for (const { start, end } of selectedRanges(editor)) {
      const span = { category: type, offset: start, length: end - start };
      const next = addSpan(current, labels.location, text, span);
      if (next.ok) {
        current = next.value;
        outcome.added.push(span);
      } else outcome.refused.push({ offset: start, length: end - start, reason: next.reason });
    }
    return ok(current);
  });
  for (const span of outcome.added) deps.live.dismissOverlapping(editor.document.uri, span);
  if (outcome.refused.length > 0) {
    const [first] = outcome.refused;
    const lead =
      outcome.added.length > 0
        ? `Labelled ${outcome.added.length} of ${outcome.added.length + outcome.refused.length} selections as ${type}. `
        : '';
    await deps.prompter.message(
      `${lead}Not labelled: “${text.slice(first?.offset, (first?.offset ?? 0) + (first?.length ?? 0))}”: ${first?.reason ?? ''}`,
    );
  }
  return outcome;
}

const scopeChoices = { document: 'This document', project: 'Every document of the project' } as const;

export interface OccurrencesOutcome {
  needle: string;
  category: string;
  added: number;
  skipped: number;
  documents: number;
}

/** Labels every occurrence of the selected text (whole words, same case) in the document or the whole project. */
export async function labelAllOccurrencesCommand(
  deps: EntityLabelDeps,
  editor: vscode.TextEditor | undefined,
): Promise<OccurrencesOutcome | undefined> {
  const labels = await labelable(deps, editor?.document);
  if (!editor || !labels) return undefined;
  const document = editor.document;
  const selection = editor.selection;
  const range = selection.isEmpty ? document.getWordRangeAtPosition(selection.active) : selection;
  const needle = range ? document.getText(range).trim() : '';
  if (needle === '') {
    await deps.prompter.message('Select the text whose occurrences to label (or put the cursor in a word).');
    return undefined;
  }
  const category = await pickEntityType(deps.prompter, labels.categories, `Label every “${needle}” as`);
  if (category === undefined) return undefined;
  const scope = await deps.prompter.pick([{ label: scopeChoices.document }, { label: scopeChoices.project }], {
    title: `Where to label “${needle}” as ${category}`,
  });
  if (!scope) return undefined;
  const texts = new Map<string, string>([[labels.location, document.getText()]]);
  if (scope.label === scopeChoices.project) {
    const project = deps.labeling.get(labels.labelsFile);
    const file = project?.project?.file;
    const all = file ? (assetsOf(file).documents as { location: string }[]).map((d) => d.location) : [];
    const others = all.filter((l) => l !== labels.location);
    const folder = project?.folder ?? '';
    // A document with unsaved edits is left out: its labels must match the text on disk.
    const unsaved = new Set(
      vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => path.resolve(d.uri.fsPath)),
    );
    const read = await readDocumentTexts(folder, others);
    for (const [location, text] of read)
      if (text !== undefined && !unsaved.has(path.resolve(folder, location))) texts.set(location, text);
  }
  const outcome: OccurrencesOutcome = { needle, category, added: 0, skipped: 0, documents: 0 };
  await change(deps, labels, (file) => {
    let current = file;
    for (const [location, text] of texts) {
      const result = labelAllOccurrences(current, location, text, needle, category, {
        wholeWord: true,
        matchCase: true,
      });
      if (!result.ok) continue;
      current = result.value.file;
      outcome.added += result.value.added.length;
      outcome.skipped += result.value.skipped.length;
      if (result.value.added.length > 0) outcome.documents += 1;
    }
    return ok(current);
  });
  const where = scope.label === scopeChoices.project ? ` in ${outcome.documents} document(s)` : '';
  const skipped = outcome.skipped > 0 ? `; skipped ${outcome.skipped} (already labelled or overlapping a label)` : '';
  await deps.prompter.message(
    `Labelled ${outcome.added} occurrence(s) of “${needle}” as ${category}${where}${skipped}.`,
  );
  return outcome;
}

/** The label an action of the hover or the lightbulb is about (checked: any caller can pass anything). */
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
