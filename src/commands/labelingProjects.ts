// Making and shaping labeling projects: a new project from a folder of documents, classes and entity types added,
// renamed and deleted (saying how many labels go with them), and the Labeling view's filter.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ProjectKind } from '../contract/common';
import { serializeLabelsFile } from '../core/labeling/canonical';
import { addCategory, deleteCategory, renameCategory } from '../core/labeling/categoryOps';
import { assetsOf, categoriesOf } from '../core/labeling/model';
import type { LabelsFile } from '../core/labeling/model';
import { labelsFileName, newProjectFile, parseCategoryList, projectNameProblem } from '../core/labeling/newProject';
import type { DocumentFilter } from '../core/labeling/summary';
import { describeFilter } from '../core/labeling/summary';
import { documentsOnDisk } from '../core/labeling/workspaceProject';
import { categoryNameProblem } from '../contract/names';
import type { LabelingProject } from '../labeling/projects';
import { isLabelingNode } from '../labeling/viewNodes';
import type { LabelingDeps } from './labelingTargets';

import { openDocument, parsed, projectTarget, tell } from './labelingTargets';

const KINDS: { label: string; detail: string; projectKind: ProjectKind }[] = [
  {
    label: 'Single-label classification',
    detail: 'One class per document',
    projectKind: 'CustomSingleLabelClassification',
  },
  {
    label: 'Multi-label classification',
    detail: 'Any number of classes per document',
    projectKind: 'CustomMultiLabelClassification',
  },
  {
    label: 'Entity recognition',
    detail: 'Spans of text labeled with entity types',
    projectKind: 'CustomEntityRecognition',
  },
];

const TITLE = 'New Project from Folder';

/**
 * The folder to make a project of: the explorer's folder, else one picked from the workspace's folders of .txt
 * files that have no labels file yet (the open document's first), or browsed to.
 */
async function chooseFolder(deps: LabelingDeps, target: unknown): Promise<string | undefined> {
  if (target instanceof vscode.Uri && target.scheme === 'file') return target.fsPath;
  const title = `${TITLE}: the folder of its documents`;
  const browse = '$(folder-opened) Browse…';
  const candidates = await foldersOfTexts(deps);
  if (candidates.length > 0) {
    const picked = await deps.prompter.pick(
      [
        ...candidates.map((c) => ({
          label: vscode.workspace.asRelativePath(c.folder, false),
          description: `${c.count} .txt file${c.count === 1 ? '' : 's'}`,
          folder: c.folder,
        })),
        { label: browse, folder: '' },
      ],
      { title, placeHolder: 'A folder of the workspace that holds .txt documents' },
    );
    if (picked === undefined) return undefined;
    if (picked.label !== browse) return picked.folder;
  }
  const browsed = await deps.prompter.openDialog({
    title,
    canSelectFiles: false,
    canSelectFolders: true,
    ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
  });
  return browsed?.fsPath;
}

/** Workspace folders holding .txt files and no labels file, the active document's first, then by path. */
async function foldersOfTexts(deps: LabelingDeps): Promise<{ folder: string; count: number }[]> {
  const files = await vscode.workspace.findFiles('**/*.txt', '**/node_modules/**', 5000);
  await deps.labeling.ready();
  const labeled = new Set(deps.labeling.all().map((p) => p.folder));
  const counts = new Map<string, number>();
  for (const file of files) {
    if (file.scheme !== 'file') continue;
    const folder = path.dirname(file.fsPath);
    if (!labeled.has(folder)) counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeFolder = active?.scheme === 'file' ? path.dirname(active.fsPath) : undefined;
  return [...counts]
    .map(([folder, count]) => ({ folder, count }))
    .sort(
      (a, b) =>
        Number(b.folder === activeFolder) - Number(a.folder === activeFolder) || a.folder.localeCompare(b.folder),
    );
}

const inWorkspace = (folder: string): boolean =>
  (vscode.workspace.workspaceFolders ?? []).some((w) => {
    const rel = path.relative(w.uri.fsPath, folder);
    return w.uri.scheme === 'file' && !rel.startsWith('..') && !path.isAbsolute(rel);
  });

/** Asks kind, name, language, multilingual, description and classes, then writes the folder's labels file. */
export async function newProjectFromFolder(deps: LabelingDeps, target: unknown): Promise<string | undefined> {
  const folder = await chooseFolder(deps, target);
  if (folder === undefined) return undefined;
  if (!(await stat(folder).catch(() => undefined))?.isDirectory()) {
    tell(`${folder} is not a folder: choose the folder that holds the project's .txt documents.`);
    return undefined;
  }
  if (!inWorkspace(folder)) {
    tell(`${folder} is outside the workspace: add it (or a folder above it) to the workspace first.`);
    return undefined;
  }
  await deps.labeling.ready();
  const beside = deps.labeling.all().filter((p) => p.folder === path.resolve(folder));
  if (beside.length > 0) {
    const names = beside.map((p) => path.basename(p.labelsFile)).join(', ');
    const question = `${path.basename(folder)} already holds a labels file (${names}). Make another project of the same documents?`;
    if (!(await deps.prompter.confirm(question, 'Create Another'))) return undefined;
  }
  const kind = await deps.prompter.pick(KINDS, { title: `${TITLE}: kind`, placeHolder: 'What the model will learn' });
  if (!kind) return undefined;
  const projectName = await deps.prompter.input({
    title: `${TITLE}: name`,
    prompt: 'The project name: 1 to 50 letters, digits, "_", "." or "-"',
    value: path
      .basename(folder)
      .replace(/[^A-Za-z0-9_.-]/g, '-')
      .slice(0, 50),
    validateInput: (value) => {
      const problem = projectNameProblem(value);
      if (problem !== undefined) return problem;
      return existsSync(path.join(folder, labelsFileName(value)))
        ? `${labelsFileName(value)} already exists in this folder: pick another name`
        : undefined;
    },
  });
  if (projectName === undefined) return undefined;
  const language = await deps.prompter.input({
    title: `${TITLE}: language`,
    prompt: 'The main language of the documents, as a language tag (en, en-us, fr, de…)',
    value: 'en-us',
    validateInput: (value) =>
      /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value) ? undefined : 'use a language tag such as en, en-us or fr',
  });
  if (language === undefined) return undefined;
  const multilingual = await deps.prompter.pick(
    [
      { label: 'No', detail: 'Every document is in the main language', multilingual: false },
      { label: 'Yes', detail: 'Documents in several languages', multilingual: true },
    ],
    { title: `${TITLE}: multilingual?` },
  );
  if (!multilingual) return undefined;
  const description = await deps.prompter.input({
    title: `${TITLE}: description`,
    prompt: 'What the project is for (optional)',
  });
  if (description === undefined) return undefined;
  const entities = kind.projectKind === 'CustomEntityRecognition';
  const list = await deps.prompter.input({
    title: `${TITLE}: ${entities ? 'entity types' : 'classes'}`,
    prompt: `Comma-separated, such as ${entities ? 'Person, City, Date' : 'Sports, Politics'}; more can be added later`,
    validateInput: (value) => {
      const names = parseCategoryList(value);
      return names.ok ? undefined : names.reason;
    },
  });
  if (list === undefined) return undefined;
  const categories = parseCategoryList(list);
  if (!categories.ok) return undefined;
  const locations = await documentsOnDisk(folder);
  const made = newProjectFile(
    {
      projectName,
      projectKind: kind.projectKind,
      language,
      multilingual: multilingual.multilingual,
      description,
      categories: categories.value,
      storageInputContainerName: path.basename(folder),
    },
    locations,
  );
  if (!made.ok) {
    tell(made.reason);
    return undefined;
  }
  const labelsFile = path.join(folder, labelsFileName(projectName));
  if (existsSync(labelsFile)) {
    tell(`${labelsFile} already exists: nothing was written. Pick another name.`);
    return undefined;
  }
  const written = await deps.labeling.replaceText(labelsFile, serializeLabelsFile(made.value));
  if (!written.ok) {
    tell(written.reason);
    return undefined;
  }
  deps.recent.labelsFile = path.resolve(labelsFile);
  // The first document opens in the editor, so the labeling keys work at once (they need the editor's focus).
  const project = deps.labeling.get(labelsFile);
  const first = locations[0];
  if (project !== undefined && first !== undefined) await openDocument(project, first);
  const keys =
    kind.projectKind === 'CustomEntityRecognition'
      ? 'select text and press Ctrl+Alt+L to label it'
      : 'Alt+L gives it a class';
  tell(
    `Created ${projectName} (${labelsFileName(projectName)}) with ${locations.length} document${locations.length === 1 ? '' : 's'}. ${first === undefined ? '' : `${first} is open: ${keys}; Alt+N goes to the next unlabeled one. `}When enough are labeled, Train Model… (▷ on the project in the Labeling view) sends them and trains.`,
  );
  return labelsFile;
}

const noun = (file: LabelsFile): string =>
  assetsOf(file).projectKind === 'CustomEntityRecognition' ? 'entity type' : 'class';

/** The project and one of its classes or entity types: the node's, else picked. */
async function categoryTarget(
  deps: LabelingDeps,
  target: unknown,
  verb: string,
): Promise<{ project: LabelingProject; file: LabelsFile; category: string } | undefined> {
  const project = await projectTarget(deps, target, `${verb} a class or entity type of`);
  const workspaceProject = project ? parsed(project) : undefined;
  if (!project || !workspaceProject) return undefined;
  const file = workspaceProject.file;
  if (isLabelingNode(target, 'labelingCategory')) return { project, file, category: target.count.category };
  const categories = categoriesOf(assetsOf(file));
  if (categories.length === 0) {
    tell(`${file.metadata.projectName} has no ${noun(file)} yet.`);
    return undefined;
  }
  const picked = await deps.prompter.pick(
    categories.map((label) => ({ label })),
    { title: `${verb} a ${noun(file)} of ${file.metadata.projectName}` },
  );
  return picked ? { project, file, category: picked.label } : undefined;
}

/** Adds classes or entity types (comma-separated) to a project. */
export async function addCategories(deps: LabelingDeps, target: unknown): Promise<boolean> {
  const project = await projectTarget(deps, target, 'Add classes or entity types to');
  const workspaceProject = project ? parsed(project) : undefined;
  if (!project || !workspaceProject) return false;
  const declared = categoriesOf(assetsOf(workspaceProject.file));
  const kind = noun(workspaceProject.file);
  const text = await deps.prompter.input({
    title: `Add ${kind === 'class' ? 'classes' : 'entity types'} to ${workspaceProject.file.metadata.projectName}`,
    prompt: 'Comma-separated names',
    validateInput: (value) => {
      const names = parseCategoryList(value);
      if (!names.ok) return names.reason;
      if (names.value.length === 0) return `type at least one ${kind} name`;
      const existing = names.value.find((n) => declared.includes(n));
      return existing === undefined ? undefined : `the project already has a ${kind} "${existing}"`;
    },
  });
  const names = text === undefined ? undefined : parseCategoryList(text);
  if (!names?.ok || names.value.length === 0) return false;
  const result = await deps.labeling.apply(project.labelsFile, (file) => {
    let next = file;
    for (const name of names.value) {
      const added = addCategory(next, name);
      if (!added.ok) return added;
      next = added.value;
    }
    return { ok: true, value: next };
  });
  if (!result.ok) tell(result.reason);
  return result.ok;
}

/** Renames a class or entity type; every label of it follows. */
export async function renameCategoryCommand(deps: LabelingDeps, target: unknown): Promise<boolean> {
  const chosen = await categoryTarget(deps, target, 'Rename');
  if (!chosen) return false;
  const { project, file, category } = chosen;
  const declared = categoriesOf(assetsOf(file));
  const to = await deps.prompter.input({
    title: `Rename the ${noun(file)} "${category}" of ${file.metadata.projectName}`,
    value: category,
    validateInput: (value) =>
      categoryNameProblem(value) ??
      (value !== category && declared.includes(value)
        ? `the project already has a ${noun(file)} "${value}"`
        : undefined),
  });
  if (to === undefined || to === category) return false;
  const result = await deps.labeling.apply(project.labelsFile, (current) => renameCategory(current, category, to));
  if (!result.ok) tell(result.reason);
  return result.ok;
}

/** Deletes a class or entity type after the user confirms, told how many labels go with it. */
export async function deleteCategoryCommand(deps: LabelingDeps, target: unknown): Promise<boolean> {
  const chosen = await categoryTarget(deps, target, 'Delete');
  if (!chosen) return false;
  const { project, file, category } = chosen;
  const preview = deleteCategory(file, category);
  if (!preview.ok) {
    tell(preview.reason);
    return false;
  }
  const { labelsRemoved, documentsTouched } = preview.value;
  const goes =
    labelsRemoved === 0
      ? 'No document is labeled with it.'
      : `${labelsRemoved} label${labelsRemoved === 1 ? '' : 's'} on ${documentsTouched} document${documentsTouched === 1 ? '' : 's'} go${labelsRemoved === 1 ? 'es' : ''} with it.`;
  const question = `Delete the ${noun(file)} "${category}" of ${file.metadata.projectName}? ${goes} (Undo Label Change brings it back.)`;
  if (!(await deps.prompter.confirm(question, 'Delete'))) return false;
  const result = await deps.labeling.apply(project.labelsFile, (current) => {
    const deleted = deleteCategory(current, category);
    return deleted.ok ? { ok: true, value: deleted.value.file } : deleted;
  });
  if (!result.ok) tell(result.reason);
  return result.ok;
}

interface FilterItem extends vscode.QuickPickItem {
  filter: DocumentFilter;
}

/** Filters the Labeling view's documents: all, unlabeled only, the Test set, or one class. */
export async function filterDocuments(deps: LabelingDeps): Promise<DocumentFilter | undefined> {
  await deps.labeling.ready();
  const classes = new Set<string>();
  for (const project of deps.labeling.all()) {
    const file = project.project?.file;
    if (file && assetsOf(file).projectKind !== 'CustomEntityRecognition')
      for (const c of categoriesOf(assetsOf(file))) classes.add(c);
  }
  const filters: DocumentFilter[] = [
    { kind: 'all' },
    { kind: 'unlabeled' },
    { kind: 'test' },
    ...[...classes].sort().map((category): DocumentFilter => ({ kind: 'category', category })),
  ];
  const current = deps.view.currentFilter;
  const items: FilterItem[] = filters.map((filter) => ({
    label: describeFilter(filter),
    ...(JSON.stringify(filter) === JSON.stringify(current) ? { description: 'current' } : {}),
    filter,
  }));
  const picked = await deps.prompter.pick(items, { title: 'Show in the Labeling view' });
  if (!picked) return undefined;
  deps.view.setFilter(picked.filter);
  return picked.filter;
}
