// Label All Occurrences: every whole-word match of the selected text, in the document or in every document of its
// project, labelled in one change (one undo step); says how many were added and how many were skipped.
import path from 'node:path';
import * as vscode from 'vscode';
import { assetsOf, ok } from '../core/labeling/model';
import { labelAllOccurrences } from '../core/labeling/spanOps';
import { readDocumentTexts } from '../workspace/documentTexts';
import type { EntityLabelDeps } from './entityLabels';
import { change, labelable, pickEntityType } from './entityLabels';

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
