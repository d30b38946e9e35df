// What the results panel's toolbar does with the analyzed document: Redact…, Copy as JSON, Add as Labels.
import * as vscode from 'vscode';
import { addResultAsLabels } from '../core/labeling/resultLabels';
import type { RedactionMask } from '../core/redaction';
import { redactions } from '../core/redaction';
import { resultJson } from '../core/resultJson';
import type { ResultView } from '../core/views';
import type { LabelingProjects } from '../labeling/projects';
import type { Prompter } from '../platform/prompter';
import type { ResultSource, ResultsPanel } from '../webview/resultsPanel';

export interface ResultActionDeps {
  panel: ResultsPanel;
  prompter: Prompter;
  labeling: LabelingProjects;
}

/** What an action did, or why it did nothing (also told to the user). */
export type ActionOutcome = { done: string } | { refused: string };

async function refuse(deps: ResultActionDeps, reason: string): Promise<ActionOutcome> {
  void deps.prompter.message(reason);
  return Promise.resolve({ refused: reason });
}

/** The shown analysis and its document, unless the document changed since it was analyzed (offsets would lie). */
async function unchangedResult(
  deps: ResultActionDeps,
  what: string,
): Promise<{ view: ResultView; source: ResultSource; document: vscode.TextDocument } | { refused: string }> {
  const shown = deps.panel.shownResult();
  if (shown === undefined) return { refused: `Analyze a document first: ${what} works on the result the panel shows.` };
  const document = await vscode.workspace.openTextDocument(shown.source.uri);
  if (document.version !== shown.source.version)
    return {
      refused: `${shown.view.title} changed since it was analyzed, so the entities' places are no longer known: analyze it again, then ${what}.`,
    };
  return { ...shown, document };
}

const maskItems: (vscode.QuickPickItem & { mask?: RedactionMask })[] = [
  { label: '[Category]', description: 'each entity replaced by its category in brackets', mask: { kind: 'category' } },
  { label: '█████', description: 'a block per character: the text keeps its length', mask: { kind: 'blocks' } },
  { label: 'A mask of my own…', description: 'the same text for every entity' },
];

/** Replaces each entity of the shown result in its document, as one edit that Undo takes back whole. */
export async function redact(deps: ResultActionDeps): Promise<ActionOutcome | undefined> {
  const found = await unchangedResult(deps, 'redact it');
  if ('refused' in found) return await refuse(deps, found.refused);
  const { view, document } = found;
  if (view.entities.length === 0) return await refuse(deps, `${view.title} has no entities to redact.`);
  const choice = await deps.prompter.pick(maskItems, {
    title: `Redact ${view.entities.length} entities`,
    placeHolder: 'Replace each entity with…',
  });
  if (choice === undefined) return undefined;
  let mask = choice.mask;
  if (mask === undefined) {
    const text = await deps.prompter.input({
      title: 'Redact with a Mask',
      prompt: 'The text that replaces every entity',
      value: '[REDACTED]',
      validateInput: (v) => (v === '' ? 'Type the mask (an empty one would delete the entities).' : undefined),
    });
    if (text === undefined || text === '') return undefined;
    mask = { kind: 'text', text };
  }
  const replacements = redactions(
    view.entities.map((e) => ({ category: e.category, offset: view.offsetBase + e.offset, length: e.length })),
    mask,
  );
  const edit = new vscode.WorkspaceEdit();
  for (const r of replacements)
    edit.replace(
      document.uri,
      new vscode.Range(document.positionAt(r.offset), document.positionAt(r.offset + r.length)),
      r.text,
    );
  if (!(await vscode.workspace.applyEdit(edit)))
    return await refuse(deps, `${view.title} could not be edited (is it read-only?).`);
  return { done: `Redacted ${replacements.length} entit${replacements.length === 1 ? 'y' : 'ies'} in ${view.title}.` };
}

/** Puts the shown result on the clipboard as JSON. */
export async function copyAsJson(deps: ResultActionDeps): Promise<ActionOutcome> {
  const shown = deps.panel.shownResult();
  if (shown === undefined) return await refuse(deps, 'Analyze a document first: there is no result to copy.');
  await vscode.env.clipboard.writeText(resultJson(shown.view));
  void vscode.window.setStatusBarMessage(`Copied the result of ${shown.view.title} as JSON`, 3000);
  return { done: 'copied' };
}

/** Adds the shown result's entities or classes to its document's labels, in the workspace project holding it. */
export async function addAsLabels(deps: ResultActionDeps): Promise<ActionOutcome | undefined> {
  const found = await unchangedResult(deps, 'add it as labels');
  if ('refused' in found) return await refuse(deps, found.refused);
  const { view, document } = found;
  await deps.labeling.ready();
  const place = document.uri.scheme === 'file' ? deps.labeling.documentAt(document.uri.fsPath) : undefined;
  if (place === undefined)
    return await refuse(
      deps,
      `${view.title} is in no labeling project's folder: make one with New Project from Folder…, or analyze a document of a project.`,
    );
  if (document.isDirty) return await refuse(deps, `Save ${view.title} first: labels are offsets in the text on disk.`);
  const text = document.getText();
  const result = {
    entities: view.entities.map((e) => ({
      category: e.category,
      offset: view.offsetBase + e.offset,
      length: e.length,
    })),
    classes: view.classes.map((c) => c.category),
  };
  let outcome: { added: number; skipped: string[] } | undefined;
  const applied = await deps.labeling.apply(place.project.labelsFile, (file) => {
    const r = addResultAsLabels(file, place.location, text, result);
    if (!r.ok) return r;
    outcome = r.value;
    return { ok: true, value: r.value.file };
  });
  if (!applied.ok) return await refuse(deps, `Adding the labels of ${view.title}: ${applied.reason}`);
  const { added, skipped } = outcome ?? { added: 0, skipped: [] };
  const summary =
    `Added ${added} label${added === 1 ? '' : 's'} to ${place.location}` +
    (skipped.length === 0
      ? '.'
      : `; skipped ${skipped.length} (${skipped.slice(0, 3).join('; ')}${skipped.length > 3 ? '; …' : ''}).`);
  void deps.prompter.message(summary);
  return { done: summary };
}
