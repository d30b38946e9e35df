// Suggest Labels: a deployment predicts labels for the open document, the unlabeled documents or every document
// of a workspace project; the predictions are shown apart from the labels, to accept or reject one by one or all
// at once. Label Next opens the unlabeled document the model is least sure of.
import path from 'node:path';
import * as vscode from 'vscode';
import { z } from 'zod';
import { countTextElements, runtimeLimits } from '../api/batching';
import type { DocumentResult } from '../api/schemas/normalized';
import { assetsOf, ok } from '../core/labeling/model';
import { resolveLocation } from '../core/labeling/locations';
import { documentRows, isLabeled } from '../core/labeling/summary';
import type { WorkspaceProject } from '../core/labeling/workspaceProject';
import { readDocuments } from '../workspace/documentTexts';
import type { Suggestion } from '../core/suggestions/suggestions';
import { acceptAll, acceptSuggestion, countOf, suggestionAt, suggestionsFor } from '../core/suggestions/suggestions';
import { documentToOpen, shownAndHidden, suggestSummary, whyNoSuggestion } from '../core/suggestions/shown';
import type { RankedDocument } from '../core/suggestions/uncertainty';
import { labelNextOrder } from '../core/suggestions/uncertainty';
import type { LabelingProject } from '../labeling/projects';
import type { SuggestionStore } from '../labeling/suggestionStore';
import { suggestionThreshold } from '../labeling/suggestionStore';
import { withProgress } from '../platform/progress';
import type { AnalyzeDeps, AnalyzeTarget } from './analyzeShared';
import { askWithoutDeployment, choiceFor, ownDeployment } from './analyzeTarget';
import type { LabelingDeps } from './labelingTargets';
import { documentTarget, openDocument, parsed, projectTarget, tell } from './labelingTargets';

export interface SuggestionDeps {
  labelingDeps: LabelingDeps;
  analyzeDeps: AnalyzeDeps;
  store: SuggestionStore;
}

export type SuggestScope = 'document' | 'unlabeled' | 'all';

/** What Suggest Labels did: how many documents were analyzed, the suggestions found, what was skipped and why. */
export interface SuggestOutcome {
  documents: number;
  /** The suggestions shown: at or above the threshold. */
  suggestions: number;
  /** The suggestions below the threshold: kept, not shown. */
  hidden: number;
  /** The documents with a suggestion shown. */
  shownIn: string[];
  threshold: number;
  skipped: { location: string; reason: string }[];
  /** The unlabeled documents in Label Next's order. */
  ranked: RankedDocument[];
}

const unlabeledOf = (project: LabelingProject, file: WorkspaceProject): string[] =>
  documentRows(file.file, project.onDisk)
    .filter((r) => r.onDisk && !isLabeled(r))
    .map((r) => r.location);

async function askScope(
  deps: SuggestionDeps,
  project: LabelingProject,
  file: WorkspaceProject,
  current: string | undefined,
): Promise<{ scope: SuggestScope; locations: string[] } | undefined> {
  const unlabeled = unlabeledOf(project, file);
  const every = documentRows(file.file, project.onDisk)
    .filter((r) => r.onDisk)
    .map((r) => r.location);
  const items = [
    ...(current === undefined
      ? []
      : [
          { label: `This document: ${path.posix.basename(current)}`, scope: 'document' as const, locations: [current] },
        ]),
    { label: `Unlabeled documents (${unlabeled.length})`, scope: 'unlabeled' as const, locations: unlabeled },
    { label: `Every document (${every.length})`, scope: 'all' as const, locations: every },
  ];
  const picked = await deps.labelingDeps.prompter.pick(items, {
    title: 'Suggest Labels',
    placeHolder: `Which documents of ${file.file.metadata.projectName} the model labels`,
  });
  return picked && { scope: picked.scope, locations: picked.locations };
}

/**
 * The deployment that suggests labels for a project: the user's choice for its documents when of the same kind, else
 * its own deployment; without one, the user is told so and offered to train or deploy it, or another project's
 * deployment of the same kind.
 */
async function deploymentFor(
  deps: SuggestionDeps,
  project: LabelingProject,
  file: WorkspaceProject,
): Promise<AnalyzeTarget | undefined> {
  const home = await deps.analyzeDeps.homes.homeOf(project);
  const kind = assetsOf(file.file).projectKind;
  const chosen = choiceFor(deps.analyzeDeps, home);
  if (chosen?.projectKind === kind) return chosen;
  const own = await ownDeployment(deps.analyzeDeps, home);
  if (own !== undefined) return own;
  return await askWithoutDeployment(
    deps.analyzeDeps,
    home,
    `${home.name} has no deployment yet: suggestions come from a model of it`,
    kind,
  );
}

/** Analyzes documents of a project with a deployment and keeps their suggestions; ranks the unlabeled ones. */
async function suggestFor(
  deps: SuggestionDeps,
  project: LabelingProject,
  file: WorkspaceProject,
  locations: readonly string[],
  target: AnalyzeTarget,
): Promise<SuggestOutcome> {
  const skipped: SuggestOutcome['skipped'] = [];
  // Bounded reads inside the project folder: a link out of it, a device or an oversized file is skipped, with why.
  const texts = await readDocuments(project.folder, locations);
  const sendable: { location: string; text: string }[] = [];
  for (const location of locations) {
    const text = texts.get(location);
    if (typeof text !== 'string')
      skipped.push({ location, reason: text === undefined ? 'it cannot be read' : `it ${text.why}` });
    else if (text.trim() === '') skipped.push({ location, reason: 'it is empty' });
    else if (countTextElements(text) > runtimeLimits.maxCharacters)
      skipped.push({
        location,
        reason: `it is over ${runtimeLimits.maxCharacters.toLocaleString('en-US')} characters`,
      });
    else sendable.push({ location, text });
  }
  const threshold = suggestionThreshold();
  const outcome: SuggestOutcome = {
    documents: sendable.length,
    suggestions: 0,
    hidden: 0,
    shownIn: [],
    threshold,
    skipped,
    ranked: [],
  };
  if (sendable.length === 0) return outcome;
  const connection = deps.analyzeDeps.data.connections().find((c) => c.connection.id === target.connectionId);
  if (connection === undefined) throw new Error('The connection of that deployment is gone; pick another.');
  const client = await deps.analyzeDeps.client(connection.connection);
  const { projectName, deploymentName, projectKind } = target;
  const result = await withProgress(
    `Suggesting labels for ${sendable.length} document${sendable.length === 1 ? '' : 's'} with ${projectName}/${deploymentName}`,
    (report, signal) =>
      client.runtime.analyze(
        sendable.map((d, i) => ({ id: String(i), text: d.text, language: target.language })),
        [{ kind: projectKind, projectName, deploymentName }],
        {
          signal,
          onProgress: (p) => {
            report({ percent: p.percentComplete, message: `${p.percentComplete}%` });
          },
        },
      ),
    { messageFollows: true },
  );
  const byId = new Map((result.tasks[0]?.documents ?? []).map((d) => [d.id, d]));
  // The file as it is now: labels made while the job ran are respected.
  const current = deps.labelingDeps.labeling.get(project.labelsFile)?.project?.file ?? file.file;
  const unlabeled = new Set(unlabeledOf(project, file));
  const ranked: { location: string; text: string; prediction: DocumentResult }[] = [];
  sendable.forEach((d, i) => {
    const prediction = byId.get(String(i));
    if (!prediction || prediction.error) {
      skipped.push({ location: d.location, reason: prediction?.error?.message ?? 'the service returned no result' });
      return;
    }
    const suggestions = suggestionsFor(current, d.location, d.text, prediction, 0);
    const absolute = resolveLocation(project.folder, d.location);
    if (absolute !== undefined) deps.store.set(absolute, { labelsFile: project.labelsFile, text: d.text, suggestions });
    const count = shownAndHidden(suggestions, threshold);
    outcome.suggestions += count.shown;
    outcome.hidden += count.hidden;
    if (count.shown > 0) outcome.shownIn.push(d.location);
    if (unlabeled.has(d.location)) ranked.push({ location: d.location, text: d.text, prediction });
  });
  outcome.ranked = labelNextOrder(projectKind, ranked);
  if (outcome.ranked.length > 0) deps.store.setRanking(project.labelsFile, outcome.ranked);
  return outcome;
}

/** Suggest Labels (palette, Labeling view, or a document of a project). */
export async function suggestLabels(deps: SuggestionDeps, target: unknown): Promise<SuggestOutcome | undefined> {
  const project = await projectTarget(deps.labelingDeps, target, 'Suggest Labels');
  const file = project && parsed(project);
  if (!project || !file) return undefined;
  const doc = documentTarget(deps.labelingDeps, target);
  const current = doc?.project.labelsFile === project.labelsFile ? doc.location : undefined;
  const chosen = await askScope(deps, project, file, current);
  if (!chosen) return undefined;
  if (chosen.locations.length === 0) {
    tell(`${file.file.metadata.projectName} has no ${chosen.scope === 'unlabeled' ? 'unlabeled ' : ''}documents.`);
    return undefined;
  }
  const deployment = await deploymentFor(deps, project, file);
  if (!deployment) return undefined;
  const outcome = await suggestFor(deps, project, file, chosen.locations, deployment);
  tell(
    suggestSummary({
      documents: outcome.documents,
      shown: outcome.suggestions,
      hidden: outcome.hidden,
      documentsShown: outcome.shownIn.length,
      threshold: outcome.threshold,
      skipped: outcome.skipped,
    }),
  );
  if (chosen.scope !== 'document') {
    const ranked = outcome.ranked.map((r) => r.location);
    const first = documentToOpen(ranked, chosen.locations, new Set(outcome.shownIn));
    if (first !== undefined) await openDocument(project, first);
  }
  return outcome;
}

/** The suggestion an action is about (checked: a command can be run with arguments of every shape). */
const suggestionTargetSchema = z.object({ uri: z.string(), offset: z.number().int() });

interface Located {
  file: string;
  labelsFile: string;
  location: string;
  text: string;
  /** The suggestion the action is about; undefined for a whole-document action. */
  suggestion: Suggestion | undefined;
}

/** The document and suggestion from the hover or lightbulb, else the active editor's cursor. */
async function locate(deps: SuggestionDeps, arg: unknown, whole: boolean): Promise<Located | undefined> {
  const parsedArg = suggestionTargetSchema.safeParse(arg);
  const editor = vscode.window.activeTextEditor;
  const document = parsedArg.success
    ? await vscode.workspace.openTextDocument(vscode.Uri.parse(parsedArg.data.uri))
    : editor?.document;
  const stored = document ? deps.store.get(document.uri.fsPath) : undefined;
  if (!document || !stored) {
    tell(
      `${document ? path.basename(document.uri.fsPath) : 'This document'} has no suggestions: run Suggest Labels first.`,
    );
    return undefined;
  }
  if (stored.text !== document.getText()) {
    deps.store.clear(document.uri.fsPath);
    tell('The document changed since the model saw it: run Suggest Labels again.');
    return undefined;
  }
  const base = {
    file: document.uri.fsPath,
    labelsFile: stored.labelsFile,
    location: stored.suggestions.location,
    text: stored.text,
  };
  // Nothing shown to act on: say why (none left, all below the threshold, or the cursor elsewhere).
  const tellWhyNone = (): void => {
    const all = deps.store.withHidden(document.uri.fsPath)?.suggestions;
    tell(whyNoSuggestion(path.basename(document.uri.fsPath), all, suggestionThreshold(), whole));
  };
  if (whole) {
    if (countOf(stored.suggestions) > 0) return { ...base, suggestion: undefined };
    tellWhyNone();
    return undefined;
  }
  const offset = parsedArg.success
    ? parsedArg.data.offset
    : editor && editor.document === document
      ? document.offsetAt(editor.selection.active)
      : -1;
  const entity = offset < 0 ? undefined : suggestionAt(stored.suggestions, offset);
  const top = stored.suggestions.classes[0];
  const suggestion: Suggestion | undefined = entity
    ? { kind: 'entity', entity }
    : top && { kind: 'class', suggestion: top };
  if (suggestion) return { ...base, suggestion };
  tellWhyNone();
  return undefined;
}

const describe = (s: Suggestion): string =>
  s.kind === 'entity' ? `${s.entity.category} at ${s.entity.offset}+${s.entity.length}` : s.suggestion.category;

/** Makes the suggestion under the cursor (or the document's first class suggestion) a label. */
export async function acceptOne(deps: SuggestionDeps, arg: unknown): Promise<string | undefined> {
  const found = await locate(deps, arg, false);
  const suggestion = found?.suggestion;
  if (!found || !suggestion) return undefined;
  const result = await deps.labelingDeps.labeling.apply(found.labelsFile, (file) =>
    acceptSuggestion(file, found.location, found.text, suggestion),
  );
  deps.store.remove(found.file, suggestion);
  if (!result.ok) {
    tell(`The suggestion ${describe(suggestion)} was not accepted: ${result.reason}`);
    return undefined;
  }
  return describe(suggestion);
}

/** Drops the suggestion under the cursor (or the document's first class suggestion); the labels file is not touched. */
export async function rejectOne(deps: SuggestionDeps, arg: unknown): Promise<string | undefined> {
  const found = await locate(deps, arg, false);
  if (!found?.suggestion) return undefined;
  deps.store.remove(found.file, found.suggestion);
  return describe(found.suggestion);
}

/** Every suggestion of the document becomes a label, in one change of the labels file (one undo step). */
export async function acceptAllOfDocument(deps: SuggestionDeps, arg: unknown): Promise<number> {
  const found = await locate(deps, arg, true);
  const stored = found && deps.store.get(found.file);
  if (!found || !stored) return 0;
  let accepted = 0;
  let refused: string[] = [];
  const result = await deps.labelingDeps.labeling.apply(found.labelsFile, (file) => {
    const all = acceptAll(file, found.text, stored.suggestions);
    accepted = all.accepted;
    refused = all.refused.map((r) => `${describe(r.suggestion)}: ${r.reason}`);
    return ok(all.file);
  });
  deps.store.clear(found.file);
  if (!result.ok) tell(`The suggestions were not accepted: ${result.reason}`);
  else if (refused.length > 0) tell(`${accepted} accepted; ${refused.length} could not be: ${refused[0]}`);
  return result.ok ? accepted : 0;
}

export async function rejectAllOfDocument(deps: SuggestionDeps, arg: unknown): Promise<number> {
  const found = await locate(deps, arg, true);
  const stored = found && deps.store.get(found.file);
  if (!found || !stored) return 0;
  deps.store.clear(found.file);
  return countOf(stored.suggestions);
}

/**
 * Opens the unlabeled document the model is least sure of. The order comes from the last Suggest Labels run on the
 * project's unlabeled documents; without one, those documents are analyzed first (a deployment is asked for).
 */
export async function labelNext(deps: SuggestionDeps, target: unknown): Promise<string | undefined> {
  const project = await projectTarget(deps.labelingDeps, target, 'Label Next');
  const file = project && parsed(project);
  if (!project || !file) return undefined;
  const unlabeled = new Set(unlabeledOf(project, file));
  if (unlabeled.size === 0) {
    tell(`Every document of ${file.file.metadata.projectName} is labeled.`);
    return undefined;
  }
  const current = documentTarget(deps.labelingDeps, target)?.location;
  const known = (deps.store.ranking(project.labelsFile) ?? []).filter(
    (r) => unlabeled.has(r.location) && r.location !== current,
  );
  let next = known[0]?.location;
  if (next === undefined) {
    const deployment = await deploymentFor(deps, project, file);
    if (!deployment) return undefined;
    const outcome = await suggestFor(deps, project, file, [...unlabeled], deployment);
    next = outcome.ranked.find((r) => r.location !== current)?.location ?? outcome.ranked[0]?.location;
  }
  if (next === undefined) return undefined;
  deps.labelingDeps.recent.labelsFile = project.labelsFile;
  await openDocument(project, next);
  return next;
}
