// What the results panel's toolbar does with the analyzed document: Redact…, Copy as JSON, Add as Labels.
import * as vscode from 'vscode';
import type { AddedLabels } from '../core/labeling/resultLabels';
import { addResultAsLabels } from '../core/labeling/resultLabels';
import { ok } from '../core/labeling/model';
import type { LinePosition } from '../core/linePositions';
import type { RedactionMask } from '../core/redaction';
import { redactionEdits } from '../core/redaction';
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

/** The text the shown result was computed from: its segments, end to end. */
const analyzedText = (view: ResultView): string => view.segments.map((s) => s.text).join('');

/**
 * The shown analysis and its document, unless the document changed since it was analyzed (offsets would lie): its
 * version moved on and the analyzed text is no longer where it was (an edit undone leaves the text as analyzed).
 */
async function unchangedResult(
  deps: ResultActionDeps,
  what: string,
): Promise<{ view: ResultView; source: ResultSource; document: vscode.TextDocument } | { refused: string }> {
  const shown = deps.panel.shownResult();
  if (shown === undefined) return { refused: `Analyze a document first: ${what} works on the result the panel shows.` };
  const { view, source } = shown;
  const document = await vscode.workspace.openTextDocument(source.uri);
  const analyzed = analyzedText(view);
  const now = document.getText().slice(view.offsetBase, view.offsetBase + analyzed.length);
  if (document.version !== source.version && now !== analyzed)
    return {
      refused: `${view.title} changed since it was analyzed, so the entities' places are no longer known: analyze it again, then ${what}.`,
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
  const computed = redactionEdits(
    document.getText(),
    analyzedText(view),
    view.offsetBase,
    view.entities.map((e) => ({ category: e.category, offset: e.offset, length: e.length })),
    mask,
  );
  // Checked again after the questions: the user may have typed in the document meanwhile.
  if ('refused' in computed)
    return await refuse(deps, `${view.title} was not redacted: ${computed.refused}. Analyze it again, then redact it.`);
  const edit = new vscode.WorkspaceEdit();
  const position = (p: LinePosition): vscode.Position => new vscode.Position(p.line, p.character);
  for (const e of computed.edits)
    edit.replace(document.uri, new vscode.Range(position(e.start), position(e.end)), e.text);
  if (!(await vscode.workspace.applyEdit(edit)))
    return await refuse(deps, `${view.title} could not be edited (is it read-only?).`);
  const n = computed.edits.length;
  return { done: `Redacted ${n} entit${n === 1 ? 'y' : 'ies'} in ${view.title}.` };
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
      confidence: e.confidence,
    })),
    classes: view.classes.map((c) => ({ category: c.category, confidence: c.confidence })),
  };
  let outcome: AddedLabels | undefined;
  // Through the labeling code's own writer: one atomic write of the labels file, one undo step of the project.
  const applied = await deps.labeling.apply(place.project.labelsFile, (file) => {
    outcome = addResultAsLabels(file, place.location, text, result);
    return ok(outcome.file);
  });
  if (!applied.ok) return await refuse(deps, `Adding the labels of ${view.title}: ${applied.reason}`);
  const { added, skipped, refused } = outcome ?? { added: 0, skipped: 0, refused: [] };
  const summary =
    `Added ${added} label${added === 1 ? '' : 's'} to ${place.location}` +
    (skipped === 0
      ? '.'
      : `; ${skipped} left out: a label of yours is there, or it is no category of the project${refused.length > 0 ? ` (${refused[0]})` : ''}.`);
  void deps.prompter.message(summary);
  return { done: summary };
}
