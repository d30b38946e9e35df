// A new project from a folder of documents: its labels file, with the folder's .txt files listed unlabeled.
import type { ProjectKind } from '../../contract/common';
import { categoryNameProblem, resourceNameSchema } from '../../contract/names';
import { addCategory } from './categoryOps';
import { addDocuments } from './documentOps';
import type { LabelsFile, OpResult } from './model';
import { newLabelsFile, ok, refuse } from './model';

/** Labels files made here are named `<projectName>.labels.json`. */
export const LABELS_FILE_SUFFIX = '.labels.json';

export const labelsFileName = (projectName: string): string => `${projectName}${LABELS_FILE_SUFFIX}`;

/** Why `name` cannot be a project name (the service's rule), or undefined when it can. */
export function projectNameProblem(name: string): string | undefined {
  const parsed = resourceNameSchema.safeParse(name);
  return parsed.success ? undefined : (parsed.error.issues[0]?.message ?? 'not a valid project name');
}

/** The class or entity type names typed as a comma-separated list, or why they cannot be. */
export function parseCategoryList(text: string): OpResult<string[]> {
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  for (const name of names) {
    const problem = categoryNameProblem(name);
    if (problem !== undefined) return refuse(`"${name}": ${problem}`);
  }
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) return refuse(`"${twice}" is listed twice`);
  return ok(names);
}

export interface NewProjectOptions {
  projectName: string;
  projectKind: ProjectKind;
  language: string;
  multilingual: boolean;
  description: string;
  categories: readonly string[];
  storageInputContainerName: string;
}

/** The labels file of a new project listing `locations` (unlabeled, in the project's language). */
export function newProjectFile(options: NewProjectOptions, locations: readonly string[]): OpResult {
  const nameProblem = projectNameProblem(options.projectName);
  if (nameProblem !== undefined) return refuse(`"${options.projectName}" cannot be a project name: ${nameProblem}.`);
  const empty = newLabelsFile(options);
  let file: LabelsFile = {
    ...empty,
    metadata: {
      ...empty.metadata,
      multilingual: options.multilingual,
      ...(options.description.trim() === '' ? {} : { description: options.description.trim() }),
    },
  };
  for (const category of options.categories) {
    const added = addCategory(file, category);
    if (!added.ok) return added;
    file = added.value;
  }
  const withDocuments = addDocuments(file, locations, { language: options.language });
  return withDocuments.ok ? ok(withDocuments.value.file) : withDocuments;
}
