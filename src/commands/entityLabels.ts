// Labelling the selections as an entity type (chosen by its key), and what every entity label command shares: the
// type picker, the document check, applying a change. Each action is one change of the labels file (one undo
// step), reflected in the editor as soon as it is made; what could not be labelled is said with the reason.
import * as vscode from 'vscode';
import type { LabelsFile, OpResult, Span } from '../core/labeling/model';
import { ok } from '../core/labeling/model';
import { addSpan } from '../core/labeling/spanOps';
import { hotkey } from '../core/labeling/hotkeys';
import { onListedDocument } from '../core/labeling/listing';
import type { TextRange } from '../core/labeling/wordSnap';
import { snapToWords, trimRange } from '../core/labeling/wordSnap';
import type { DocumentLabels, LiveDocuments } from '../labeling/liveDocuments';
import type { LabelingProjects } from '../labeling/projects';
import type { Log } from '../platform/logger';
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

export const NONE: LabelOutcome = { added: [], removed: [], refused: [] };

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
    await prompter.message(
      'This project has no entity types yet: add them with Custom Text: Add Classes or Entity Types… first.',
    );
    return undefined;
  }
  const items = categories.map((category, i) => {
    const key = hotkey(i);
    return { label: category, description: key === undefined ? undefined : `key ${key}`, key, category };
  });
  const chosen = await prompter.pick(items, {
    title,
    placeHolder: 'Press a type’s key (1–9, a–z), or type its name and press Enter',
    keyOf: (item) => item.key,
  });
  return chosen?.category;
}

/** The active editor's document ready for labelling, or undefined once the user was told why not. */
export async function labelable(
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
export async function change(
  deps: EntityLabelDeps,
  labels: DocumentLabels,
  op: (file: LabelsFile) => OpResult,
): Promise<boolean> {
  const result = await deps.labeling.apply(labels.labelsFile, (file) => onListedDocument(file, labels.location, op));
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
