// Classifying documents by keyboard: a picker with a key per class, Train/Test, and moving on to the next
// unlabeled document, so a whole folder is labeled without the mouse.
import path from 'node:path';
import * as vscode from 'vscode';
import { setClass, toggleClass } from '../core/labeling/classOps';
import { setDataset } from '../core/labeling/documentOps';
import { hotkey } from '../core/labeling/hotkeys';
import { onListedDocument } from '../core/labeling/listing';
import type { Dataset } from '../core/labeling/model';
import { assetsOf, categoriesOf, classesByDocument, findDocument } from '../core/labeling/model';
import { documentRows, neighbour, nextUnlabeled } from '../core/labeling/summary';
import type { WorkspaceProject } from '../core/labeling/workspaceProject';
import type { ProjectDocument } from '../labeling/projects';
import type { LabelingDeps } from './labelingTargets';
import { documentTarget, openDocument, parsed, projectTarget, tell } from './labelingTargets';

interface ClassItem extends vscode.QuickPickItem {
  category: string | undefined;
  key: string | undefined;
}

/** The document a command is about, in a project whose labels file parses; otherwise says why and is undefined. */
function openedDocument(
  deps: LabelingDeps,
  target: unknown,
): { doc: ProjectDocument; project: WorkspaceProject } | undefined {
  const doc = documentTarget(deps, target);
  if (!doc) {
    tell('Open a document of a labeling project first: a .txt file in a folder that holds a labels file.');
    return undefined;
  }
  const project = parsed(doc.project);
  return project ? { doc, project } : undefined;
}

/** Sets the class (single-label) or toggles a class (multi-label) of the current document, from a keyed picker. */
export async function classify(deps: LabelingDeps, target: unknown): Promise<boolean> {
  const found = openedDocument(deps, target);
  if (!found) return false;
  const { doc, project } = found;
  const assets = assetsOf(project.file);
  const name = project.file.metadata.projectName;
  if (assets.projectKind === 'CustomEntityRecognition') {
    tell(`${name} is an entity project: select text in the document to label entities.`);
    return false;
  }
  const categories = categoriesOf(assets);
  if (categories.length === 0) {
    tell(`${name} has no classes yet: add some with Add Class or Entity Type….`);
    return false;
  }
  const multi = assets.projectKind === 'CustomMultiLabelClassification';
  const document = path.posix.basename(doc.location);
  const location = doc.location;
  let changed = false;
  // A multi-label document's picker comes back after each toggle, showing the classes it now has, until Escape.
  for (;;) {
    const file = deps.labeling.get(project.labelsFile)?.project?.file ?? project.file;
    const has = new Set(classesByDocument(assetsOf(file)).get(location) ?? []);
    const items: ClassItem[] = categories.map((category, index) => {
      const key = hotkey(index);
      const state = has.has(category) ? (multi ? '✓ has it' : 'current class') : undefined;
      return {
        label: category,
        description: [key === undefined ? undefined : `[${key}]`, state].filter(Boolean).join('  '),
        category,
        key,
      };
    });
    if (!multi && has.size > 0) items.push({ label: 'No class', description: '[0]', category: undefined, key: '0' });
    const picked = await deps.prompter.pick(items, {
      title: multi ? `Classes of ${document} (${name})` : `Class of ${document} (${name})`,
      placeHolder: multi
        ? 'Type a class’s key to add or remove it; Escape when done'
        : 'Type a class’s key to pick it at once',
      keyOf: (item) => item.key,
    });
    if (!picked) return changed;
    const result = await deps.labeling.apply(project.labelsFile, (current) =>
      onListedDocument(current, location, (listed) =>
        multi && picked.category !== undefined
          ? toggleClass(listed, location, picked.category)
          : setClass(listed, location, picked.category),
      ),
    );
    deps.recent.labelsFile = project.labelsFile;
    if (!result.ok) tell(result.reason);
    changed ||= result.ok;
    if (!multi || !result.ok) return changed;
  }
}

interface DatasetItem extends vscode.QuickPickItem {
  dataset: Dataset | undefined;
  key: string;
}

/** Puts the current document in the Train or Test set, or leaves the split to the service. */
export async function chooseDataset(deps: LabelingDeps, target: unknown): Promise<boolean> {
  const found = openedDocument(deps, target);
  if (!found) return false;
  const { doc, project } = found;
  const current = findDocument(assetsOf(project.file), doc.location)?.dataset;
  const choices: DatasetItem[] = [
    { label: 'Train', description: '[1]', dataset: 'Train', key: '1' },
    { label: 'Test', description: '[2]', dataset: 'Test', key: '2' },
    { label: 'Not set', description: '[0]  the service splits it', dataset: undefined, key: '0' },
  ];
  const items = choices.map((item) =>
    item.dataset === current ? { ...item, description: `${item.description}  current` } : item,
  );
  const picked = await deps.prompter.pick(items, {
    title: `Train / Test set of ${path.posix.basename(doc.location)} (${project.file.metadata.projectName})`,
    placeHolder: 'Type a key to pick at once',
    keyOf: (item) => item.key,
  });
  if (!picked) return false;
  const location = doc.location;
  const result = await deps.labeling.apply(project.labelsFile, (file) =>
    onListedDocument(file, location, (listed) => setDataset(listed, [location], picked.dataset)),
  );
  deps.recent.labelsFile = project.labelsFile;
  if (!result.ok) tell(result.reason);
  return result.ok;
}

export type Move = 'nextUnlabeled' | 'next' | 'previous';

/** Opens the next unlabeled document (wrapping round), or the next or previous one, of the current project. */
export async function moveTo(deps: LabelingDeps, move: Move, target: unknown): Promise<string | undefined> {
  const project = await projectTarget(deps, target, 'Which project?');
  if (!project) return undefined;
  const workspaceProject = parsed(project);
  if (!workspaceProject) return undefined;
  const current = documentTarget(deps, target);
  const here = current?.project.labelsFile === project.labelsFile ? current.location : undefined;
  const rows = documentRows(workspaceProject.file, project.onDisk);
  const location =
    move === 'nextUnlabeled' ? nextUnlabeled(rows, here) : neighbour(rows, here, move === 'next' ? 1 : -1);
  const name = workspaceProject.file.metadata.projectName;
  if (location === undefined) {
    tell(
      move === 'nextUnlabeled'
        ? `Every document of ${name} is labeled.`
        : `This is the ${move === 'next' ? 'last' : 'first'} document of ${name}.`,
    );
    return undefined;
  }
  deps.recent.labelsFile = project.labelsFile;
  await openDocument(project, location);
  return location;
}

/** Undoes or redoes the last label change of the current project. */
export async function undoOrRedo(deps: LabelingDeps, direction: 'undo' | 'redo', target: unknown): Promise<boolean> {
  const project = await projectTarget(
    deps,
    target,
    direction === 'undo' ? 'Undo a label change of' : 'Redo a label change of',
  );
  if (!project) return false;
  const done =
    direction === 'undo' ? await deps.labeling.undo(project.labelsFile) : await deps.labeling.redo(project.labelsFile);
  const name = project.project?.file.metadata.projectName ?? project.labelsFile;
  vscode.window.setStatusBarMessage(
    done
      ? `${direction === 'undo' ? 'Undid' : 'Redid'} a label change in ${name}`
      : `No label change to ${direction} in ${name}`,
    3000,
  );
  return done;
}
